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

    /** Every other command sample in the README: each line is in what the command prints today. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"analyze corpus/pcaps/sngrep__aaa.pcap",
            "calls examples/sip-register-and-call.pcap",
            "flow --call call-1 --width 100 examples/sip-register-and-call.pcap"})
    void commandSamplesAreRealOutput(String command) throws IOException {
        String readme = Files.readString(root().resolve("README.md"), StandardCharsets.UTF_8);
        String marker = "$ ./sipvista " + command + "\n";
        int start = readme.indexOf(marker);
        assertThat(start).as("a README sample of %s", command).isPositive();
        String sample = readme.substring(start + marker.length(), readme.indexOf("```", start));
        String[] words = command.split(" ");
        String[] args = new String[words.length];
        for (int i = 0; i < words.length; i++) {
            args[i] = words[i].contains("/") ? root().resolve(words[i]).toString() : words[i];
        }
        MainTest.Run r = MainTest.run(args);
        List<String> lines = sample.lines().filter(l -> !l.equals("...") && !l.isEmpty()).toList();
        assertThat(lines).hasSizeGreaterThan(3);
        for (String line : lines) {
            assertThat(r.out()).as("README line %s", line).contains(line + "\n");
        }
    }
}
