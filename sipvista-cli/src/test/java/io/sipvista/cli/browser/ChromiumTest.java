package io.sipvista.cli.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ChromiumTest {
    @Test
    void headlessChromiumRendersALocalPageAndTakesAScreenshot(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path page = dir.resolve("p.html");
        Files.writeString(page, "<!DOCTYPE html><title>t</title><h1 id=h>sipvista</h1>");
        ChromeDriver d = Chromium.start();
        try {
            d.get(page.toUri().toString());
            assertThat(d.findElement(By.id("h")).getText()).isEqualTo("sipvista");
            byte[] png = Chromium.screenshot(d, "chromium-smoke");
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        } finally {
            d.quit();
        }
    }
}
