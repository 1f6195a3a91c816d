package io.sipvista.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only: the RTP packets of a classic Ethernet pcap from the corpus, found the simplest possible way (Ethernet
 * with optional VLAN tags, IPv4 without fragments, UDP, RTP version 2). Deliberately tiny so that the media tests
 * need nothing from the capture or net packages; anything it does not understand is skipped.
 */
final class CorpusRtp {
    /** One RTP packet: frame number, capture time, "src:port>dst:port", header fields and payload. */
    record Rtp(int frame, long nanos, String flow, boolean marker, int payloadType, int seq, long timestamp, long ssrc,
               byte[] payload) {
        AudioPacket audio() {
            return new AudioPacket(nanos, timestamp, seq, ssrc, payloadType, payload);
        }
    }

    private CorpusRtp() {
    }

    static Path corpus() {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("corpus/pcaps"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("corpus/ not found above " + Paths.get("").toAbsolutePath());
        }
        return p.resolve("corpus");
    }

    static List<Rtp> read(String file) throws IOException {
        byte[] f = Files.readAllBytes(corpus().resolve("pcaps").resolve(file));
        boolean le = (f[0] & 0xFF) == 0xD4 && (f[1] & 0xFF) == 0xC3;
        if (!le && !((f[0] & 0xFF) == 0xA1 && (f[1] & 0xFF) == 0xB2)) {
            throw new IllegalArgumentException(file + " is not a classic microsecond pcap");
        }
        List<Rtp> out = new ArrayList<>();
        int p = 24;
        int frame = 0;
        while (p + 16 <= f.length) {
            long sec = u32(f, p, le);
            long usec = u32(f, p + 4, le);
            int incl = (int) u32(f, p + 8, le);
            int start = p + 16;
            if (incl < 0 || start + incl > f.length) {
                break;
            }
            frame++;
            Rtp r = rtp(f, start, incl, frame, sec * 1_000_000_000L + usec * 1000);
            if (r != null) {
                out.add(r);
            }
            p = start + incl;
        }
        return out;
    }

    private static Rtp rtp(byte[] f, int start, int len, int frame, long nanos) {
        int end = start + len;
        int q = start + 12;
        int type = u16(f, q);
        while (type == 0x8100 && q + 6 <= end) {
            q += 4;
            type = u16(f, q);
        }
        q += 2;
        if (type != 0x0800 || q + 20 > end || (f[q] & 0xF0) != 0x40) {
            return null;
        }
        int ihl = (f[q] & 0x0F) * 4;
        if (f[q + 9] != 17 || (u16(f, q + 6) & 0x3FFF) != 0) {
            return null;
        }
        String src = (f[q + 12] & 0xFF) + "." + (f[q + 13] & 0xFF) + "." + (f[q + 14] & 0xFF) + "." + (f[q + 15] & 0xFF);
        String dst = (f[q + 16] & 0xFF) + "." + (f[q + 17] & 0xFF) + "." + (f[q + 18] & 0xFF) + "." + (f[q + 19] & 0xFF);
        int u = q + ihl;
        if (u + 8 > end) {
            return null;
        }
        String flow = src + ":" + u16(f, u) + ">" + dst + ":" + u16(f, u + 2);
        int r = u + 8;
        int rtpEnd = Math.min(end, u + u16(f, u + 4));
        if (r + 12 > rtpEnd || (f[r] & 0xC0) != 0x80) {
            return null;
        }
        int h = r + 12 + (f[r] & 0x0F) * 4;
        if ((f[r] & 0x10) != 0) {
            if (h + 4 > rtpEnd) {
                return null;
            }
            h += 4 + u16(f, h + 2) * 4;
        }
        int payloadEnd = rtpEnd - ((f[r] & 0x20) != 0 ? f[rtpEnd - 1] & 0xFF : 0);
        if (h > payloadEnd) {
            return null;
        }
        byte[] payload = java.util.Arrays.copyOfRange(f, h, payloadEnd);
        return new Rtp(frame, nanos, flow, (f[r + 1] & 0x80) != 0, f[r + 1] & 0x7F, u16(f, r + 2), u32(f, r + 4, false),
                u32(f, r + 8, false), payload);
    }

    private static int u16(byte[] b, int o) {
        return ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF);
    }

    private static long u32(byte[] b, int o, boolean le) {
        if (le) {
            return (b[o] & 0xFFL) | (b[o + 1] & 0xFFL) << 8 | (b[o + 2] & 0xFFL) << 16 | (b[o + 3] & 0xFFL) << 24;
        }
        return (b[o] & 0xFFL) << 24 | (b[o + 1] & 0xFFL) << 16 | (b[o + 2] & 0xFFL) << 8 | (b[o + 3] & 0xFFL);
    }
}
