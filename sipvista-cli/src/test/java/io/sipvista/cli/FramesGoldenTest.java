package io.sipvista.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the output of {@code sipvista frames} on the README's example capture. When a change alters the output on
 * purpose, regenerate with {@code mvn -q -pl sipvista-cli test -Dtest=FramesGoldenTest -Dsipvista.updateGolden=true}
 * and review the diff of {@code src/test/resources/golden/} before committing it.
 */
class FramesGoldenTest {
    private static Path root() {
        String prop = System.getProperty("sipvista.root");
        Path p = prop != null ? Paths.get(prop) : Paths.get("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("examples/sip-register-and-call.pcap"))) {
            p = p.getParent();
        }
        assertThat(p).as("repository root with examples/").isNotNull();
        return p;
    }

    private static void check(String golden, String... args) throws IOException {
        MainTest.Run r = MainTest.run(args);
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        Path file = root().resolve("sipvista-cli/src/test/resources/golden").resolve(golden);
        if (Boolean.getBoolean("sipvista.updateGolden")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, r.out(), StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file (generate it with -Dsipvista.updateGolden=true)").exists();
        assertThat(r.out()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void framesText() throws IOException {
        check("sip-register-and-call.frames.txt", "frames", root().resolve("examples/sip-register-and-call.pcap").toString());
    }

    @Test
    void framesRaw() throws IOException {
        check("sip-register-and-call.frames-raw.txt", "frames", "--raw", root().resolve("examples/sip-register-and-call.pcap").toString());
    }

    @Test
    void framesJson() throws IOException {
        check("sip-register-and-call.frames.json", "frames", "--format", "json", root().resolve("examples/sip-register-and-call.pcap").toString());
    }
}
