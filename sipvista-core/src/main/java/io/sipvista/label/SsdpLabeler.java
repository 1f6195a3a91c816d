package io.sipvista.label;

/** Names SSDP (UPnP discovery, UDP 1900): M-SEARCH with its search target, NOTIFY with its type, search responses. */
final class SsdpLabeler {
    private SsdpLabeler() {
    }

    static Label label(byte[] b, int off, int len) {
        TextHead head = TextHead.parse(b, off, len);
        if (head == null) {
            return null;
        }
        String line = head.startLine();
        StringBuilder sb = new StringBuilder("SSDP ");
        if (line.startsWith("M-SEARCH ")) {
            sb.append("M-SEARCH");
            append(sb, " for ", head.header("ST"));
        } else if (line.startsWith("NOTIFY ")) {
            sb.append("NOTIFY");
            append(sb, " ", head.header("NTS"));
            append(sb, " ", head.header("NT"));
            append(sb, " at ", head.header("LOCATION"));
        } else if (line.startsWith("HTTP/1.")) {
            String[] f = line.split(" ", 2);
            sb.append("response ").append(f.length > 1 ? WireText.printable(f[1], 40) : "");
            append(sb, ", ", head.header("ST"));
            append(sb, " at ", head.header("LOCATION"));
        } else {
            return null;
        }
        return Label.of("ssdp", sb.toString());
    }

    private static void append(StringBuilder sb, String sep, String value) {
        if (value != null && !value.isEmpty()) {
            sb.append(sep).append(WireText.printable(value, 80));
        }
    }
}
