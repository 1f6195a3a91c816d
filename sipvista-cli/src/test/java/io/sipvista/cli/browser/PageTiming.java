package io.sipvista.cli.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the web page on one capture, the way a user meets it: starts {@code sipvista serve CAPTURE} as its own
 * process, opens the page in headless Chromium and times the first view, the overview once analysed, the timeline,
 * jumps to places in the timeline, a filter, and a scripted scroll sweep (counting the browser's long tasks, the
 * stalls a user feels). Prints a Markdown table. A measuring tool run by {@code bench/page.sh}, not a test: nothing
 * here asserts a time.
 *
 * <p>Usage: {@code PageTiming SIPVISTA CAPTURE}, SIPVISTA being the {@code ./sipvista} launcher (run as a user runs it,
 * with its JVM defaults). Long waits poll every 200 ms, so that the measuring itself takes little of the CPU.
 */
public final class PageTiming {
    private static final Pattern URL = Pattern.compile("(http://\\S+/)");

    private PageTiming() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: PageTiming SIPVISTA CAPTURE");
            System.exit(2);
        }
        Path capture = Path.of(args[1]);
        List<String[]> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        Process server = new ProcessBuilder(args[0], "serve", "--port", "0", capture.toString())
                .redirectErrorStream(true).start();
        String base;
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher m = line == null ? null : URL.matcher(line);
        if (m == null || !m.find()) {
            server.destroyForcibly();
            throw new IllegalStateException("serve did not start: " + line);
        }
        base = m.group(1);
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        rows.add(row("server listening (JVM start included)", ms(t0)));
        ChromeDriver d = Chromium.start();
        try {
            long tNav = System.nanoTime();
            d.get(base + "#/c1");
            waitFor(() -> shown(d, "#progress") || shown(d, "#overview"), 30_000);
            rows.add(row("first view: page loaded, progress or overview shown", ms(tNav)));
            waitFor(() -> shown(d, "table#calls"), 3_600_000, 200);
            rows.add(row("overview shown (analysis done), from server start", ms(t0)));
            long tTl = System.nanoTime();
            d.get(base + "#/c1/frames");
            waitFor(() -> loadedRows(d) > 0, 3_600_000);
            rows.add(row("timeline: first rows shown after opening it", ms(tTl)));
            waitFor(() -> status(d).contains("\"state\":\"ready\""), 3_600_000, 200);
            rows.add(row("frames indexed (state ready), from server start", ms(t0)));
            d.navigate().refresh();
            waitFor(() -> loadedRows(d) > 0, 60_000);
            WebElement list = d.findElement(By.id("frame-list"));
            for (double at : new double[] {0.5, 0.999, 0.25}) {
                long t = System.nanoTime();
                ((JavascriptExecutor) d).executeScript(
                        "arguments[0].scrollTop = (arguments[0].scrollHeight - arguments[0].clientHeight) * arguments[1];",
                        list, at);
                waitFor(() -> loadedRows(d) > 0 && loadingRows(d) == 0, 60_000);
                rows.add(row(String.format(Locale.ROOT, "jump to %.0f %% of the timeline, rows shown", at * 100), ms(t)));
            }
            Object sweep = ((JavascriptExecutor) d).executeAsyncScript("""
                    const list = arguments[0], done = arguments[arguments.length - 1];
                    const longs = [];
                    let obs = null;
                    try { obs = new PerformanceObserver(l => l.getEntries().forEach(e => longs.push(e.duration)));
                          obs.observe({type: 'longtask', buffered: false}); } catch (e) { }
                    let i = 0, frames = 0, worst = 0, last = performance.now();
                    function step(now) {
                      worst = Math.max(worst, now - last); last = now; frames++;
                      list.scrollTop += 600;
                      if (++i < 300) { requestAnimationFrame(step); }
                      else { if (obs) obs.disconnect();
                             done({frames: frames, worstFrameMs: Math.round(worst),
                                   longTasks: longs.length, longestTaskMs: Math.round(Math.max(0, ...longs))}); }
                    }
                    list.scrollTop = 0;
                    requestAnimationFrame(n => { last = n; requestAnimationFrame(step); });
                    """, list);
            java.util.Map<?, ?> sw = (java.util.Map<?, ?>) sweep;
            rows.add(new String[] {"scroll sweep: 300 animation frames of 600 px (~8,000 rows), longest frame",
                    sw.get("worstFrameMs") + " ms"});
            rows.add(new String[] {"scroll sweep: browser long tasks (over 50 ms), longest",
                    sw.get("longTasks") + ", " + sw.get("longestTaskMs") + " ms"});
            WebElement method = d.findElement(By.id("filter-method"));
            long tf = System.nanoTime();
            method.sendKeys("INVITE");
            waitFor(() -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                    "const r = document.querySelector('#frame-list .frame-row[data-frame]:not(.loading)');"
                            + "return !!r && r.textContent.includes('INVITE')"
                            + " && !document.querySelector('#frame-list .frame-row.loading');")), 120_000);
            rows.add(row("filter method INVITE: first matching rows shown", ms(tf)));
            rows.add(new String[] {"server peak RSS (VmHWM)", rss(server.pid())});
            rows.add(new String[] {"server heap in use after a full GC (what it keeps)", liveHeap(server.pid())});
            rows.add(new String[] {"frame-list rows in the DOM", String.valueOf(
                    d.findElements(By.cssSelector("#frame-list .frame-row")).size())});
        } finally {
            d.quit();
            server.destroy();
        }
        System.out.println("| step | measured |");
        System.out.println("|---|---:|");
        for (String[] r : rows) {
            System.out.println("| " + r[0] + " | " + r[1] + " |");
        }
    }

    private static String status(ChromeDriver d) {
        Object s = ((JavascriptExecutor) d).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/captures/c1').then(r => r.text()).then(done, e => done(String(e)));");
        return String.valueOf(s).replace(" ", "");
    }

    private static int loadedRows(ChromeDriver d) {
        return d.findElements(By.cssSelector("#frame-list .frame-row[data-frame]:not(.loading)")).size();
    }

    private static int loadingRows(ChromeDriver d) {
        return d.findElements(By.cssSelector("#frame-list .frame-row.loading")).size();
    }

    private static boolean shown(ChromeDriver d, String css) {
        List<WebElement> e = d.findElements(By.cssSelector(css));
        return !e.isEmpty() && e.get(0).isDisplayed();
    }

    private static void waitFor(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        waitFor(condition, timeoutMs, 20);
    }

    private static void waitFor(BooleanSupplier condition, long timeoutMs, long pollMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out after " + timeoutMs + " ms");
            }
            Thread.sleep(pollMs);
        }
    }

    private static String rss(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(l.replaceAll("\\D", ""));
                    return kb / 1024 + " MB";
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    /**
     * The heap in use after {@code jcmd PID GC.run}: the "used NNNK" of each heap or generation line of
     * {@code GC.heap_info} (G1 has one heap line, the serial collector a young and an old generation), added up.
     */
    private static String liveHeap(long pid) {
        try {
            run("jcmd", Long.toString(pid), "GC.run");
            long kb = 0;
            boolean found = false;
            for (String line : run("jcmd", Long.toString(pid), "GC.heap_info").split("\n")) {
                Matcher m = Pattern.compile("used (\\d+)K").matcher(line);
                if ((line.contains("generation") || line.contains("heap")) && m.find()) {
                    kb += Long.parseLong(m.group(1));
                    found = true;
                }
            }
            return found ? kb / 1024 + " MB" : "unknown";
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }

    private static String run(String... command) throws java.io.IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static String ms(long since) {
        double ms = (System.nanoTime() - since) / 1e6;
        return ms >= 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    private static String[] row(String what, String value) {
        return new String[] {what, value};
    }
}
