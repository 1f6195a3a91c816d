package io.sipvista.capture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every real capture in corpus/pcaps opens and yields the frame count tshark saw (corpus/PROVENANCE.md). */
class CorpusCaptureTest {

    static Path repoRoot() {
        String prop = System.getProperty("sipvista.root");
        if (prop != null && Files.isDirectory(Paths.get(prop, "corpus"))) {
            return Paths.get(prop);
        }
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("corpus"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("corpus/ not found above " + Paths.get("").toAbsolutePath());
        }
        return p;
    }

    /** file name -> frames, from the markdown table in PROVENANCE.md. */
    static Map<String, Long> provenanceFrames(Path provenance) throws IOException {
        Map<String, Long> frames = new TreeMap<>();
        int fileCol = -1;
        int framesCol = -1;
        for (String line : Files.readAllLines(provenance, StandardCharsets.UTF_8)) {
            if (!line.startsWith("|")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            if (fileCol < 0) {
                for (int i = 0; i < cells.length; i++) {
                    String c = cells[i].strip();
                    if (c.equals("file")) {
                        fileCol = i;
                    } else if (c.equals("frames")) {
                        framesCol = i;
                    }
                }
                continue;
            }
            String count = cells[framesCol].strip();
            if (count.matches("\\d+")) {
                frames.put(cells[fileCol].strip(), Long.parseLong(count));
            }
        }
        return frames;
    }

    @Test
    void everyCorpusCaptureYieldsTheFramesTsharkCounted() throws IOException {
        Path corpus = repoRoot().resolve("corpus");
        Map<String, Long> expected = provenanceFrames(corpus.resolve("PROVENANCE.md"));
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus.resolve("pcaps"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);
        assertThat(expected.keySet()).containsAll(files.stream().map(f -> f.getFileName().toString()).toList());

        List<String> mismatches = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            try (CaptureReader r = Captures.open(file)) {
                long count = 0;
                long lastNumber = 0;
                CaptureRecord rec;
                while ((rec = r.next()) != null) {
                    count++;
                    if (rec.number() != lastNumber + 1 || rec.capturedLength() != rec.data().length) {
                        mismatches.add(name + ": bad numbering or length at frame " + rec.number());
                    }
                    lastNumber = rec.number();
                }
                if (count != expected.get(name)) {
                    mismatches.add(name + ": " + count + " frames, PROVENANCE.md says " + expected.get(name));
                }
                if (!r.warnings().isEmpty()) {
                    mismatches.add(name + ": warnings " + r.warnings());
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theOnlyBigEndianPcapIsReadAsBigEndian() throws IOException {
        Path file = repoRoot().resolve("corpus/pcaps/nDPI__fuzz-2006-06-26-2594.pcap");
        try (CaptureReader r = Captures.open(file)) {
            assertThat(r.format()).isEqualTo("pcap");
            assertThat(r.bigEndian()).isTrue();
        }
    }

    @Test
    void provenanceTableIsParsed() throws IOException {
        Map<String, Long> frames = provenanceFrames(repoRoot().resolve("corpus/PROVENANCE.md"));
        assertThat(frames).containsEntry("sngrep__aaa.pcap", 691L).containsEntry("nDPI__gre.pcapng", 1L);
    }
}
