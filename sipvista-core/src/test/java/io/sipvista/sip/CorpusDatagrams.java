package io.sipvista.sip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only: the UDP payloads of a classic pcap file from the corpus, found the simplest possible way (Ethernet with
 * optional VLAN tags, Linux SLL, BSD loopback or raw IP; IPv4 without fragments or IPv6 without extension headers).
 * Deliberately tiny so that the sip tests need nothing from the capture or net packages; anything it does not
 * understand is skipped.
 */
final class CorpusDatagrams {
    /** One UDP payload and the 1-based frame number it came from. */
    record Datagram(int frame, byte[] payload) {
    }

    private CorpusDatagrams() {
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

    static List<Datagram> udp(String file) throws IOException {
        byte[] f = Files.readAllBytes(corpus().resolve("pcaps").resolve(file));
        long magic = u32(f, 0, true);
        boolean be;
        if (magic == 0xa1b2c3d4L || magic == 0xa1b23c4dL) {
            be = true;
        } else if (magic == 0xd4c3b2a1L || magic == 0x4d3cb2a1L) {
            be = false;
        } else {
            throw new IllegalArgumentException(file + " is not a classic pcap");
        }
        int link = (int) u32(f, 20, be);
        List<Datagram> out = new ArrayList<>();
        int p = 24;
        int frame = 0;
        while (p + 16 <= f.length) {
            int incl = (int) u32(f, p + 8, be);
            int start = p + 16;
            if (incl < 0 || start + incl > f.length) {
                break;
            }
            frame++;
            byte[] payload = payload(f, start, start + incl, link);
            if (payload != null) {
                out.add(new Datagram(frame, payload));
            }
            p = start + incl;
        }
        return out;
    }

    private static byte[] payload(byte[] b, int p, int end, int link) {
        int type;
        switch (link) {
            case 1 -> {
                if (p + 14 > end) {
                    return null;
                }
                type = u16(b, p + 12);
                p += 14;
                while ((type == 0x8100 || type == 0x88a8) && p + 4 <= end) {
                    type = u16(b, p + 2);
                    p += 4;
                }
            }
            case 113 -> {
                if (p + 16 > end) {
                    return null;
                }
                type = u16(b, p + 14);
                p += 16;
            }
            case 0 -> {
                if (p + 4 > end) {
                    return null;
                }
                int family = b[p] != 0 ? b[p] & 0xff : b[p + 3] & 0xff;
                type = family == 2 ? 0x0800 : 0x86dd;
                p += 4;
            }
            case 101 -> type = p < end && (b[p] & 0xf0) == 0x60 ? 0x86dd : 0x0800;
            default -> {
                return null;
            }
        }
        int udp;
        if (type == 0x0800) {
            if (p + 20 > end || (b[p] & 0xf0) != 0x40 || b[p + 9] != 17) {
                return null;
            }
            int flagsFrag = u16(b, p + 6);
            if ((flagsFrag & 0x3fff) != 0) {
                return null; // a fragment
            }
            udp = p + (b[p] & 0x0f) * 4;
        } else if (type == 0x86dd) {
            if (p + 40 > end || b[p + 6] != 17) {
                return null;
            }
            udp = p + 40;
        } else {
            return null;
        }
        if (udp + 8 > end) {
            return null;
        }
        int len = Math.min(u16(b, udp + 4) - 8, end - udp - 8);
        if (len < 0) {
            return null;
        }
        return java.util.Arrays.copyOfRange(b, udp + 8, udp + 8 + len);
    }

    private static int u16(byte[] b, int o) {
        return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
    }

    private static long u32(byte[] b, int o, boolean be) {
        return be
                ? ((long) (b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff)
                : ((long) (b[o + 3] & 0xff) << 24) | ((b[o + 2] & 0xff) << 16) | ((b[o + 1] & 0xff) << 8) | (b[o] & 0xff);
    }
}
