package io.sipvista.frame;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.Captures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole decoding pipeline on hostile input: every corpus capture's frames, mutated (bytes flipped, cut short,
 * lengths lying), in a deterministic order. A bug anywhere (link, tunnels, reassembly, SIP, SDP, labels) that throws
 * shows as {@code frame.decoder_error}; there must be none, and every frame still gets a label.
 */
class FrameDecoderFuzzTest {
    private static final int RECORDS_PER_CAPTURE = 400;

    @Test
    void mutatedCorpusFramesNeverBreakTheDecoder() throws IOException {
        Random rnd = new Random(0x51915L);
        List<Path> files;
        try (Stream<Path> s = Files.list(CorpusSipTest.corpus().resolve("pcaps"))) {
            files = s.sorted().toList();
        }
        long frames = 0;
        for (Path file : files) {
            List<CaptureRecord> records = new ArrayList<>();
            try (CaptureReader reader = Captures.open(file)) {
                for (CaptureRecord r = reader.next(); r != null && records.size() < RECORDS_PER_CAPTURE; r = reader.next()) {
                    records.add(r);
                }
            }
            FrameDecoder decoder = new FrameDecoder();
            long number = 0;
            for (int round = 0; round < 3; round++) {
                for (CaptureRecord r : records) {
                    byte[] data = mutate(r.data(), rnd);
                    CaptureRecord m = new CaptureRecord(++number, r.interfaceId(), r.linkType(), r.epochSeconds() + round,
                            r.nanos(), r.timeDigits(), data.length, Math.max(data.length, r.originalLength()), data, r.fileOffset());
                    Frame f = decoder.decode(m);
                    frames++;
                    assertThat(f.label()).as("%s frame %d", file.getFileName(), m.number()).isNotEmpty();
                    assertThat(f.anomalies()).extracting(Anomaly::id).as("%s frame %d", file.getFileName(), m.number())
                            .doesNotContain("frame.decoder_error");
                }
            }
            decoder.finish();
        }
        assertThat(frames).isGreaterThan(10_000);
    }

    private static byte[] mutate(byte[] in, Random rnd) {
        byte[] b;
        switch (rnd.nextInt(4)) {
            case 0 -> b = Arrays.copyOf(in, rnd.nextInt(in.length + 1)); // cut short
            case 1 -> {
                b = in.clone();
                for (int i = rnd.nextInt(8); i >= 0 && b.length > 0; i--) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256); // random bytes anywhere
                }
            }
            case 2 -> {
                b = in.clone();
                if (b.length > 40) {
                    int at = 14 + rnd.nextInt(Math.min(40, b.length - 14)); // header fields: lengths, flags, offsets
                    b[at] = (byte) (rnd.nextBoolean() ? 0xff : 0x00);
                }
            }
            default -> b = in.clone(); // unchanged: reassembly sees duplicates and retransmissions
        }
        return b;
    }
}
