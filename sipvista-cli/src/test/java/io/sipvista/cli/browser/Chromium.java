package io.sipvista.cli.browser;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts the system's headless Chromium through the system's chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs); nothing is downloaded. Where they are missing the browser
 * tests are skipped with a message, except under CI ({@code CI=true}), where a missing browser fails them.
 */
final class Chromium {
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private Chromium() {
    }

    /** A new headless browser with a 1280x900 window; the caller quits it. */
    static ChromeDriver start() {
        return start(false);
    }

    /** As {@link #start()}; with {@code consoleLog} the page's console is kept for {@code logs().get("browser")}. */
    static ChromeDriver start(boolean consoleLog) {
        Path browser = first(BROWSERS);
        Path driver = first(DRIVERS);
        if (browser == null || driver == null) {
            String why = "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=en-US");
        if (consoleLog) {
            options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return d;
    }

    /** Saves a screenshot under {@code target/screenshots/NAME.png} and returns its bytes (a PNG). */
    static byte[] screenshot(ChromeDriver d, String name) throws java.io.IOException {
        byte[] png = ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES);
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), png);
        return png;
    }

    private static Path first(List<String> candidates) {
        for (String c : candidates) {
            File f = new File(c);
            if (f.canExecute()) {
                return f.toPath();
            }
        }
        return null;
    }
}
