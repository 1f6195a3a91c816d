package io.sipvista.sip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only: the UDP payloads and TCP segments of a classic pcap file from the corpus, found the simplest possible
 * way (Ethernet with optional VLAN tags, Linux SLL, BSD loopback or raw IP; IPv4 without fragments or IPv6 without
 * extension headers).
 * Deliberately tiny so that the sip tests need nothing from the capture or net packages; anything it does not
 * understand is skipped.
 */
final class CorpusDatagrams {
    /** One UDP payload and the 1-based frame number it came from. */
    record Datagram(int frame, byte[] payload) {
    }

    /** One TCP segment: frame number, direction ("src>dst" addresses and ports), sequence number, payload. */
    record Segment(int frame, String flow, long seq, byte[] payload) {
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
        List<Datagram> out = new ArrayList<>();
        for (Object o : packets(file)) {
            if (o instanceof Datagram d) {
                out.add(d);
            }
        }
        return out;
    }

    static List<Segment> tcp(String file) throws IOException {
        List<Segment> out = new ArrayList<>();
        for (Object o : packets(file)) {
            if (o instanceof Segment s) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Object> packets(String file) throws IOException {
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
        List<Object> out = new ArrayList<>();
        int p = 24;
        int frame = 0;
        while (p + 16 <= f.length) {
            int incl = (int) u32(f, p + 8, be);
            int start = p + 16;
            if (incl < 0 || start + incl > f.length) {
                break;
            }
            frame++;
            Object packet = packet(f, start, start + incl, link, frame);
            if (packet != null) {
                out.add(packet);
            }
            p = start + incl;
        }
        return out;
    }

    private static Object packet(byte[] b, int p, int end, int link, int frame) {
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
        int l4;
        int proto;
        String src;
        String dst;
        if (type == 0x0800) {
            if (p + 20 > end || (b[p] & 0xf0) != 0x40) {
                return null;
            }
            int flagsFrag = u16(b, p + 6);
            if ((flagsFrag & 0x3fff) != 0) {
                return null; // a fragment
            }
            proto = b[p + 9];
            src = (b[p + 12] & 0xff) + "." + (b[p + 13] & 0xff) + "." + (b[p + 14] & 0xff) + "." + (b[p + 15] & 0xff);
            dst = (b[p + 16] & 0xff) + "." + (b[p + 17] & 0xff) + "." + (b[p + 18] & 0xff) + "." + (b[p + 19] & 0xff);
            end = Math.min(end, p + u16(b, p + 2));
            l4 = p + (b[p] & 0x0f) * 4;
        } else if (type == 0x86dd) {
            if (p + 40 > end) {
                return null;
            }
            proto = b[p + 6];
            src = java.util.HexFormat.of().formatHex(b, p + 8, p + 24);
            dst = java.util.HexFormat.of().formatHex(b, p + 24, p + 40);
            end = Math.min(end, p + 40 + u16(b, p + 4));
            l4 = p + 40;
        } else {
            return null;
        }
        if (proto == 17) {
            if (l4 + 8 > end) {
                return null;
            }
            int len = Math.min(u16(b, l4 + 4) - 8, end - l4 - 8);
            if (len < 0) {
                return null;
            }
            return new Datagram(frame, java.util.Arrays.copyOfRange(b, l4 + 8, l4 + 8 + len));
        }
        if (proto == 6) {
            if (l4 + 20 > end) {
                return null;
            }
            int dataOff = ((b[l4 + 12] & 0xf0) >> 4) * 4;
            if (l4 + dataOff > end) {
                return null;
            }
            String flow = src + ":" + u16(b, l4) + ">" + dst + ":" + u16(b, l4 + 2);
            return new Segment(frame, flow, u32(b, l4 + 4, true), java.util.Arrays.copyOfRange(b, l4 + dataOff, end));
        }
        return null;
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
