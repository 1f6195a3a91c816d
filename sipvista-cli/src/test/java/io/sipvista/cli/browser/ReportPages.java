package io.sipvista.cli.browser;

import io.sipvista.cli.Main;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** What the browser tests of the report share: writing a report as a user does, waiting, checked screenshots. */
final class ReportPages {
    private ReportPages() {
    }

    /** Writes {@code capture} as {@code name} into {@code dir} and runs {@code sipvista report} on it in-process. */
    static Path report(Path dir, String name, byte[] capture) throws IOException {
        Path pcap = dir.resolve(name);
        Files.write(pcap, capture);
        return report(pcap);
    }

    static Path report(Path pcap) {
        Path html = pcap.resolveSibling(pcap.getFileName() + ".html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"report", pcap.toString(), "-o", html.toString()}, InputStream.nullInputStream(),
                new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        return html;
    }

    /** {@code sipvista} run in-process; its standard output. */
    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    /** The frame (a frames JSON object) has a request of {@code method}, or a response whose CSeq method is it. */
    static boolean hasMethod(java.util.Map<?, ?> frame, String method) {
        Object sip = frame.get("sip");
        for (Object s : sip == null ? List.of() : (List<?>) sip) {
            java.util.Map<?, ?> m = (java.util.Map<?, ?>) s;
            String upper = method.toUpperCase(java.util.Locale.ROOT);
            if (upper.equals(m.get("method")) || m.get("status") != null && String.valueOf(m.get("cseq")).endsWith(" " + upper)) {
                return true;
            }
        }
        return false;
    }

    static <T> T until(ChromeDriver d, Function<ChromeDriver, T> condition) {
        // the page redraws rows as data arrives: an element found a moment ago may be gone, so try again
        return new WebDriverWait(d, Duration.ofSeconds(5), Duration.ofMillis(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(x -> condition.apply(d));
    }

    /** The element, once it is in the page and displayed. */
    static WebElement shown(ChromeDriver d, String css) {
        return until(d, x -> {
            List<WebElement> found = x.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    static Object js(ChromeDriver d, String script, Object... args) {
        return ((JavascriptExecutor) d).executeScript(script, args);
    }

    /**
     * Takes a screenshot named {@code name} and checks it: a PNG that decodes, the size of the window, not one flat
     * colour (the page drew something), and {@code e} (scrolled into view) displayed with a non-zero size.
     */
    static void screenshot(ChromeDriver d, String name, WebElement e) throws IOException {
        js(d, "arguments[0].scrollIntoView({block: 'nearest'})", e);
        byte[] png = Chromium.screenshot(d, name);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG").isNotNull();
        assertThat(image.getWidth()).isGreaterThan(600);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("colours in " + name).isGreaterThan(8);
        assertThat(e.isDisplayed()).as(name + ": element displayed").isTrue();
        assertThat(e.getSize().getWidth()).isPositive();
        assertThat(e.getSize().getHeight()).isPositive();
    }
}
