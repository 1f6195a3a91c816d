document.title = "t";
