package io.sipvista.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README stays true: it opens with the two commands, and its sample output is what `frames` prints. */
class ReadmeTest {
    private static Path root() {
        String prop = System.getProperty("sipvista.root");
        Path p = prop != null ? Paths.get(prop) : Paths.get("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("README.md"))) {
            p = p.getParent();
        }
        assertThat(p).isNotNull();
        return p;
    }

    @Test
    void opensWithTheTwoCommands() throws IOException {
        String readme = Files.readString(root().resolve("README.md"), StandardCharsets.UTF_8);
        int firstBlock = readme.indexOf("```sh\n");
        assertThat(firstBlock).isPositive();
        String block = readme.substring(firstBlock, readme.indexOf("```\n", firstBlock + 5));
        assertThat(block).contains("./sipvista frames examples/sip-register-and-call.pcap").contains("mvn -B -q verify");
        assertThat(root().resolve("examples/sip-register-and-call.pcap")).isRegularFile();
        assertThat(Files.readString(root().resolve(".ci/run"))).contains("\nmvn -B -q verify\n");
    }

    @Test
    void sampleOutputIsRealOutput() throws IOException {
        String readme = Files.readString(root().resolve("README.md"), StandardCharsets.UTF_8);
        String marker = "$ ./sipvista frames examples/sip-register-and-call.pcap\n";
        int start = readme.indexOf(marker);
        assertThat(start).isPositive();
        String sample = readme.substring(start + marker.length(), readme.indexOf("```", start));
        MainTest.Run r = MainTest.run("frames", root().resolve("examples/sip-register-and-call.pcap").toString());
        List<String> lines = sample.lines().filter(l -> !l.equals("...")).toList();
        assertThat(lines).hasSizeGreaterThan(20);
        for (String line : lines) {
            assertThat(r.out()).as("README line %s", line).contains(line + "\n");
        }
    }
}
