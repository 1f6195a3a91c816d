package io.sipvista.cli;

import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything the seed page (src/test/resources/seed/page.txt, the text of the page sipvista grew from) shows about
 * its capture, `frames` shows too: each frame's time, and each header and SDP row the page lists.
 */
class SeedPageTest {
    private static final Pattern FRAME_TIME = Pattern.compile("^Frame (\\d+) \\| (\\S+Z)$");
    private static final Map<String, String> SDP_ROWS = Map.of(
            "SDP-Owner", "owner", "SDP-Session", "session", "SDP-Conn", "connection", "SDP-Time", "time", "Media", "media");

    @TempDir
    Path dir;

    private static String page() throws IOException {
        try (InputStream in = SeedPageTest.class.getResourceAsStream("/seed/page.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String frames() throws IOException {
        Path seed = dir.resolve("sip-register-and-call.pcap");
        Files.write(seed, SeedCapture.bytes());
        MainTest.Run r = MainTest.run("frames", seed.toString());
        assertThat(r.code()).isZero();
        return r.out();
    }

    @Test
    void everyFrameTimeOnThePageIsTheSame() throws IOException {
        String out = frames();
        Map<Long, Instant> ours = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^Frame (\\d+) \\| (\\S+Z)").matcher(out);
        while (m.find()) {
            ours.put(Long.parseLong(m.group(1)), Instant.parse(m.group(2)));
        }
        int checked = 0;
        for (String line : page().split("\n")) {
            Matcher p = FRAME_TIME.matcher(line.strip());
            if (p.matches()) {
                // The page drops trailing zeros ("05.93426Z"); compare instants, not text.
                assertThat(ours.get(Long.parseLong(p.group(1)))).as(line).isEqualTo(Instant.parse(p.group(2)));
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(25);
        // Our times keep the capture's microseconds, trailing zeros included.
        assertThat(out).contains("Frame 56 | 2010-06-17T13:00:05.934260Z");
    }

    @Test
    void everyHeaderAndSdpRowOnThePageIsShown() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : frames().split("\n")) {
            String s = line.strip();
            int sp = s.indexOf(' ');
            if (s.isEmpty() || s.startsWith("Frame ") || s.startsWith("!")) {
                continue;
            }
            rows.add(sp > 0 ? new String[]{s.substring(0, sp), s.substring(sp).strip()} : new String[]{s, ""});
        }
        int checked = 0;
        for (String line : page().split("\n")) {
            String[] f = line.split("\t");
            if (f.length != 2 || f[0].isBlank() || f[0].startsWith("-")) {
                continue;
            }
            String name = f[0];
            String value = f[1].strip();
            int cut = value.indexOf("...");
            if (cut >= 0) {
                value = value.substring(0, cut); // the page cut the value; ours is whole
            }
            if (name.equals("Media-Attr")) {
                int colon = value.indexOf(':');
                name = colon > 0 ? value.substring(0, colon) : value;
                if (name.equals("fmp")) {
                    name = "fmtp"; // the page's misspelling (NOTES.md)
                }
                value = colon > 0 ? value.substring(colon + 1) : "";
            } else if (SDP_ROWS.containsKey(name)) {
                name = SDP_ROWS.get(name);
            }
            String wantName = name;
            String wantValue = value;
            assertThat(rows).as("a row %s %s", name, value)
                    .anyMatch(r -> r[0].equalsIgnoreCase(wantName) && r[1].contains(wantValue));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(140);
    }

    @Test
    void fmtpIsNamedFmtp() throws IOException {
        String out = frames();
        assertThat(out).contains("fmtp").doesNotContain("fmp ");
    }
}
