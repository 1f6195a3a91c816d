package io.sipvista.capture;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureInputTest {
    /** A stream that hands out at most a few bytes per read, as a pipe or a decompressor may. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final Random random;
        private int at;
        int reads;

        Trickle(byte[] data, long seed) {
            this.data = data;
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            return at < data.length ? data[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            reads++;
            if (at >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(7)), data.length - at);
            System.arraycopy(data, at, b, off, n);
            at += n;
            return n;
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void readsAndSkipsEveryByteInOrderWhateverTheSizesOfReadsAndOfTheBuffer() throws IOException {
        for (long seed = 1; seed <= 40; seed++) {
            byte[] data = bytes(5_000, seed);
            Random r = new Random(seed * 31);
            int bufferSize = 1 + r.nextInt(64);
            CaptureInput in = new CaptureInput(new Trickle(data, seed), List.of(), bufferSize);
            int at = 0;
            while (at < data.length) {
                // reads shorter and longer than the buffer, and skips
                int len = r.nextInt(4) == 0 ? r.nextInt(3 * bufferSize + 2) : r.nextInt(bufferSize + 1);
                if (r.nextInt(5) == 0) {
                    long skipped = in.skip(len);
                    assertThat(skipped).isEqualTo(Math.min(len, data.length - at));
                    at += (int) skipped;
                } else {
                    byte[] got = new byte[len + 3];
                    int n = in.read(got, 3, len);
                    assertThat(n).isEqualTo(Math.min(len, data.length - at));
                    assertThat(Arrays.copyOfRange(got, 3, 3 + n)).isEqualTo(Arrays.copyOfRange(data, at, at + n));
                    at += n;
                }
                assertThat(in.position()).isEqualTo(at);
            }
            assertThat(in.read(new byte[4], 0, 4)).isZero();
            assertThat(in.skip(10)).isZero();
            assertThat(in.position()).isEqualTo(data.length);
        }
    }

    @Test
    void smallReadsAreServedFromTheBufferNotTheStream() throws IOException {
        byte[] data = bytes(64 * 1024, 7);
        int[] reads = {0};
        InputStream under = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                reads[0]++;
                return super.read(b, off, len);
            }
        };
        CaptureInput in = new CaptureInput(under, List.of(), 16 * 1024);
        byte[] record = new byte[16];
        int records = 0;
        while (in.read(record, 0, 16) == 16) {
            assertThat(record).isEqualTo(Arrays.copyOfRange(data, 16 * records, 16 * records + 16));
            records++;
        }
        assertThat(records).isEqualTo(4096);
        // 4 bufferfuls and the read that finds the end, not one read of the stream per record
        assertThat(reads[0]).isEqualTo(5);
    }

    @Test
    void aCaptureReadThroughTheBufferIsTheSameAsReadWhole() throws IOException {
        byte[] file = new PcapBytes(false, false).record(1, 0, bytes(60, 1)).record(2, 0, bytes(1500, 2))
                .record(3, 0, bytes(3, 3)).bytes();
        try (CaptureReader r = Captures.open(new Trickle(file, 3), "trickle")) {
            assertThat(r.next().data()).isEqualTo(bytes(60, 1));
            assertThat(r.next().data()).isEqualTo(bytes(1500, 2));
            assertThat(r.next().data()).isEqualTo(bytes(3, 3));
            assertThat(r.next()).isNull();
            assertThat(r.warnings()).isEmpty();
        }
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(file, 0, file.length - 1), "cut")) {
            assertThat(r.next()).isNotNull();
            assertThat(r.next()).isNotNull();
            assertThat(r.next()).isNull();
            assertThat(r.warnings()).extracting(io.sipvista.anomaly.Anomaly::id).containsExactly("capture.truncated");
        }
    }
}
