package io.sipvista.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FrameIndex}: deflated blocks on disk, a few bytes per frame in memory, pages across blocks. */
class FrameIndexTest {
    @TempDir
    Path dir;

    private static byte[] json(long n) {
        return ("{\"number\":" + n + ",\"protocol\":\"rtp\",\"label\":\"RTP PCMU, SSRC 0x10000000, seq " + (1000 + n)
                + ", ts " + (160 * n) + ", 160 bytes payload\",\"insight\":\"PCMU/8000 of call-1, seq " + (1000 + n)
                + "\",\"layers\":[\"eth\",\"ipv4\",\"udp\"],\"anomalies\":[]}").getBytes(StandardCharsets.UTF_8);
    }

    private static FrameIndex filled(Path dir, int frames) throws IOException {
        FrameIndex ix = new FrameIndex(dir);
        for (long n = 1; n <= frames; n++) {
            ix.append(n, "10.0.0.1:" + (20000 + n % 7), "10.0.0.2:20000", json(n), new int[] {(int) (n % 3)},
                    n % 100 == 0 ? List.of(new FrameIndex.Sip("INVITE", n % 200 == 0 ? 180 : 0)) : List.of());
        }
        return ix;
    }

    @Test
    void framesBecomeReadableABlockAtATimeAndAllOnFinish() throws IOException {
        try (FrameIndex ix = filled(dir, 1000)) {
            assertThat(ix.visible()).isEqualTo(3 * FrameIndex.BLOCK_FRAMES);
            assertThat(ix.blocks()).isEqualTo(3);
            assertThat(ix.finished()).isFalse();
            ix.finish();
            assertThat(ix.visible()).isEqualTo(1000);
            assertThat(ix.blocks()).isEqualTo(4);
            assertThat(ix.finished()).isTrue();
        }
    }

    @Test
    void aPageAcrossABlockBoundaryReadsBothBlocks() throws IOException {
        try (FrameIndex ix = filled(dir, 1000)) {
            ix.finish();
            List<byte[]> page = ix.frames(FrameIndex.BLOCK_FRAMES - 3, 6);
            assertThat(page).hasSize(6);
            for (int i = 0; i < 6; i++) {
                assertThat(page.get(i)).isEqualTo(json(FrameIndex.BLOCK_FRAMES - 2 + i));
            }
            assertThat(ix.frames(new int[] {0, 255, 256, 999})).containsExactly(json(1), json(256), json(257), json(1000));
            assertThat(ix.frame(777)).isEqualTo(json(777));
            assertThat(ix.frame(1001)).isNull();
            assertThat(ix.frame(0)).isNull();
            FrameIndex.Block b = ix.block(1, false);
            assertThat(b.first()).isEqualTo(256);
            assertThat(b.src()[0]).isEqualTo("10.0.0.1:" + (20000 + 257 % 7));
            assertThat(b.dst()[0]).isEqualTo("10.0.0.2:20000");
        }
    }

    @Test
    void memoryGrowsByAFewBytesPerFrameAndTheFileIsCompressed() throws IOException {
        int n = 300_000;
        try (FrameIndex ix = filled(dir, n)) {
            ix.finish();
            long raw = 0;
            for (long i = 1; i <= n; i += 1000) {
                raw += json(i).length * 1000L;
            }
            assertThat(ix.heapBytes()).isLessThanOrEqualTo(12L * n + 300_000);
            assertThat(ix.fileBytes()).isLessThan(raw / 4);
            assertThat(Files.size(ix.file())).isEqualTo(ix.fileBytes());
        }
    }

    @Test
    void aHugeFrameClosesItsBlockEarly() throws IOException {
        try (FrameIndex ix = new FrameIndex(dir)) {
            byte[] big = new byte[FrameIndex.BLOCK_BYTES + 10];
            java.util.Arrays.fill(big, (byte) 'x');
            ix.append(1, null, null, json(1), new int[0], List.of());
            ix.append(2, null, null, big, new int[0], List.of());
            assertThat(ix.visible()).isEqualTo(2);
            ix.append(3, null, null, json(3), new int[0], List.of());
            ix.finish();
            assertThat(ix.blocks()).isEqualTo(2);
            assertThat(ix.frame(2)).isEqualTo(big);
            assertThat(ix.frame(3)).isEqualTo(json(3));
            assertThat(ix.block(0, false).src()[0]).isNull();
        }
    }

    @Test
    void callAndSipFactsAnswerFromMemory() throws IOException {
        try (FrameIndex ix = filled(dir, 600)) {
            ix.append(601, null, null, json(601), new int[] {5, 9}, List.of(new FrameIndex.Sip("bye", 200),
                    new FrameIndex.Sip(null, 486)));
            ix.finish();
            boolean[] call2 = ix.inCall(0, 10, 2);
            for (int o = 0; o < 10; o++) {
                assertThat(call2[o]).as("ordinal %d", o).isEqualTo((o + 1) % 3 == 2);
            }
            assertThat(ix.inCall(600, 601, 9)).containsExactly(true);
            assertThat(ix.inCall(600, 601, 5)).containsExactly(true);
            assertThat(ix.inCall(600, 601, 2)).containsExactly(false);
            boolean[] invites = ix.withSip(0, 601, "invite", 0, 0);
            boolean[] ringing = ix.withSip(0, 601, null, 180, 180);
            for (int o = 0; o < 600; o++) {
                assertThat(invites[o]).as("ordinal %d", o).isEqualTo((o + 1) % 100 == 0);
                assertThat(ringing[o]).as("ordinal %d", o).isEqualTo((o + 1) % 200 == 0);
            }
            assertThat(ix.withSip(600, 601, "BYE", 400, 499)).as("ANDed per frame").containsExactly(true);
            assertThat(ix.withSip(600, 601, "INVITE", 0, 0)).containsExactly(false);
            assertThat(ix.withSip(0, 601, "PUBLISH", 0, 0)).doesNotContain(true);
        }
    }

    @Test
    void closingRemovesTheFile() throws IOException {
        FrameIndex ix = filled(dir, 300);
        ix.finish();
        Path file = ix.file();
        assertThat(file).exists();
        ix.close();
        assertThat(file).doesNotExist();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ix.block(0, true)).isInstanceOf(IOException.class);
    }
}
