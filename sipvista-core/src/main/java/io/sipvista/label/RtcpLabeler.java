package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.bytes.Octets;

import java.util.ArrayList;
import java.util.List;

/**
 * Names RTCP compound packets: RFC 3550 SR, RR, SDES, BYE, APP; RFC 4585 transport (205) and payload-specific (206)
 * feedback; RFC 3611 XR with its VoIP metrics block. SRTCP (RFC 3711) is recognised by its trailing E-flag and index
 * word: only the clear first header is named then.
 *
 * <p>Recognised as RTCP: both ports at least 1024, version 2, the first packet type 200-207 and its length inside the
 * datagram. A later packet that does not fit is named as an anomaly, the packets before it are still shown.
 */
final class RtcpLabeler {
    private static final int MAX_BLOCKS_SHOWN = 4;

    private RtcpLabeler() {
    }

    /**
     * Whether {@link #label} names the datagram (always as {@code rtcp}), decided without writing its text: a packet
     * that passes the first checks is always named, cut short, as SRTCP or with anomalies for what follows.
     */
    static boolean isRtcp(byte[] b, int off, int len, int srcPort, int dstPort) {
        if (srcPort < 1024 || dstPort < 1024 || len < 8) {
            return false;
        }
        int pt = Octets.u8(b, off + 1);
        if (Octets.u8(b, off) >> 6 != 2 || pt < 200 || pt > 207) {
            return false;
        }
        return 4 * (Octets.u16be(b, off + 2) + 1) <= len || pt == 200 || pt == 201;
    }

    static Label label(byte[] b, int off, int len, int srcPort, int dstPort) {
        if (srcPort < 1024 || dstPort < 1024 || len < 8) {
            return null;
        }
        int b0 = Octets.u8(b, off);
        int pt = Octets.u8(b, off + 1);
        if (b0 >> 6 != 2 || pt < 200 || pt > 207) {
            return null;
        }
        int end = off + len;
        List<Anomaly> anomalies = new ArrayList<>(1);
        int firstSize = 4 * (Octets.u16be(b, off + 2) + 1);
        if (firstSize > len) {
            if (pt != 200 && pt != 201) {
                return null;
            }
            anomalies.add(Anomaly.of("label.rtcp.truncated", typeName(pt) + " says " + firstSize
                    + " bytes, datagram has "
                    + len));
            return Label.of("rtcp", "RTCP " + typeName(pt) + " from SSRC " + WireText.hex32(Octets.u32be(b, off + 4))
                    + ", cut short", anomalies);
        }
        // Walk the compound: offsets of packets that look like RTCP and fit.
        List<int[]> packets = new ArrayList<>(4);
        int p = off;
        while (p + 4 <= end && packets.size() < 64) {
            int v = Octets.u8(b, p) >> 6;
            int t = Octets.u8(b, p + 1);
            int size = 4 * (Octets.u16be(b, p + 2) + 1);
            if (v != 2 || t < 192 || t > 223 || p + size > end) {
                break;
            }
            packets.add(new int[] {p, size});
            p += size;
        }
        if (p != end) {
            Label srtcp = srtcp(b, off, len, p);
            if (srtcp != null) {
                return srtcp;
            }
            if (p + 4 <= end && Octets.u8(b, p) >> 6 == 2 && Octets.u8(b, p + 1) >= 192 && Octets.u8(b, p + 1) <= 223) {
                anomalies.add(Anomaly.of("label.rtcp.truncated", typeName(Octets.u8(b, p + 1)) + " at byte " + (p - off)
                        + " says " + 4 * (Octets.u16be(b, p + 2) + 1) + " bytes, " + (end - p) + " left"));
            } else {
                anomalies.add(Anomaly.of("label.rtcp.trailing", (end - p) + " bytes at byte " + (p - off)
                        + " are not an RTCP packet"));
            }
        }
        StringBuilder sb = new StringBuilder(128).append("RTCP ");
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(describe(b, packets.get(i)[0], packets.get(i)[1], anomalies));
        }
        return Label.of("rtcp", sb.toString(), anomalies);
    }

    /**
     * SRTCP: after the compound comes the E flag and 31-bit index, then the authentication tag (10 or 4 bytes, none
     * for AEAD). Encrypted (E set): everything after the first 8 bytes is ciphertext, so only the first packet's type
     * and SSRC are named. Not encrypted: the walk of the compound stopped exactly at the index word.
     */
    private static Label srtcp(byte[] b, int off, int len, int walked) {
        int end = off + len;
        int firstSize = 4 * (Octets.u16be(b, off + 2) + 1);
        for (int tag : new int[] {10, 4, 0}) {
            int t = end - tag - 4;
            if (t < off + 8 || t < off + firstSize) {
                continue;
            }
            long word = Octets.u32be(b, t);
            boolean encrypted = (word & 0x80000000L) != 0;
            long index = word & 0x7fffffffL;
            if (index >= 0x01000000L) {
                continue;
            }
            int pt = Octets.u8(b, off + 1);
            String ssrc = WireText.hex32(Octets.u32be(b, off + 4));
            if (encrypted) {
                return Label.of("rtcp", "SRTCP (encrypted) " + typeName(pt) + " from SSRC " + ssrc + ", index " + index
                        + ", " + (t - off - 8) + " bytes encrypted");
            }
            if (walked == t) {
                List<Anomaly> anomalies = new ArrayList<>(1);
                StringBuilder sb = new StringBuilder("SRTCP (not encrypted, index ").append(index).append(") ");
                int p = off;
                boolean first = true;
                while (p < t) {
                    int size = 4 * (Octets.u16be(b, p + 2) + 1);
                    if (!first) {
                        sb.append("; ");
                    }
                    sb.append(describe(b, p, size, anomalies));
                    first = false;
                    p += size;
                }
                return Label.of("rtcp", sb.toString(), anomalies);
            }
        }
        return null;
    }

    static String typeName(int pt) {
        return switch (pt) {
            case 200 -> "SR";
            case 201 -> "RR";
            case 202 -> "SDES";
            case 203 -> "BYE";
            case 204 -> "APP";
            case 205 -> "RTPFB";
            case 206 -> "PSFB";
            case 207 -> "XR";
            default -> "packet type " + pt;
        };
    }

    /** One packet of the compound; {@code p} and {@code size} are known to lie inside the datagram. */
    private static String describe(byte[] b, int p, int size, List<Anomaly> anomalies) {
        int count = Octets.u8(b, p) & 0x1f;
        int pt = Octets.u8(b, p + 1);
        int end = p + size;
        String ssrc = size >= 8 ? WireText.hex32(Octets.u32be(b, p + 4)) : null;
        return switch (pt) {
            case 200 -> report(b, p, end, count, 28, "SR", ssrc, anomalies);
            case 201 -> report(b, p, end, count, 8, "RR", ssrc, anomalies);
            case 202 -> sdes(b, p, end, count, anomalies);
            case 203 -> bye(b, p, end, count, anomalies);
            case 204 -> app(b, p, end, count, ssrc, anomalies);
            case 205, 206 -> feedback(b, p, end, count, pt, anomalies);
            case 207 -> xr(b, p, end, ssrc, anomalies);
            default -> typeName(pt) + ", " + size + " bytes";
        };
    }

    private static String report(byte[] b, int p, int end, int rc, int fixed, String name, String ssrc,
                                 List<Anomaly> anomalies) {
        if (p + fixed > end) {
            anomalies.add(Anomaly.of("label.rtcp.packet.invalid", name + " of " + (end - p) + " bytes is shorter than "
                    + fixed));
            return name + (ssrc == null ? "" : " from SSRC " + ssrc) + ", too short";
        }
        StringBuilder sb = new StringBuilder(name).append(" from SSRC ").append(ssrc);
        if (fixed == 28) {
            sb.append(", ").append(WireText.plural(Octets.u32be(b, p + 20), "packet", "packets")).append(" sent");
        }
        int fit = (end - p - fixed) / 24;
        if (fit < rc) {
            anomalies.add(Anomaly.of("label.rtcp.packet.invalid", name + " says " + rc
                    + " report blocks, its length holds "
                    + fit));
        }
        int blocks = Math.min(rc, fit);
        if (blocks == 0) {
            return sb.append(", no report blocks").toString();
        }
        sb.append(", ").append(WireText.plural(blocks, "report block", "report blocks")).append(": ");
        for (int i = 0; i < Math.min(blocks, MAX_BLOCKS_SHOWN); i++) {
            int q = p + fixed + 24 * i;
            if (i > 0) {
                sb.append(" / ");
            }
            if (blocks > 1) {
                sb.append("on ").append(WireText.hex32(Octets.u32be(b, q))).append(' ');
            }
            int fraction = Octets.u8(b, q + 4);
            int lost = (Octets.u8(b, q + 5) << 16) | Octets.u16be(b, q + 6);
            if ((lost & 0x800000) != 0) {
                lost -= 0x1000000;
            }
            sb.append("lost ").append(lost).append(" (").append(Math.round(fraction * 100 / 256.0))
                    .append("%), jitter ")
                    .append(Octets.u32be(b, q + 12));
        }
        if (blocks > MAX_BLOCKS_SHOWN) {
            sb.append(" / …");
        }
        return sb.toString();
    }

    private static String sdes(byte[] b, int p, int end, int sc, List<Anomaly> anomalies) {
        int q = p + 4;
        String first = null;
        String cname = null;
        int chunks = 0;
        while (chunks < sc && q + 4 <= end) {
            q += 4;
            boolean done = false;
            while (q < end) {
                int type = Octets.u8(b, q);
                if (type == 0) {
                    q = p + ((q - p) / 4 + 1) * 4;
                    done = true;
                    break;
                }
                if (q + 2 > end || q + 2 + Octets.u8(b, q + 1) > end) {
                    break;
                }
                int n = Octets.u8(b, q + 1);
                String value = WireText.printable(b, q + 2, n, 80);
                if (type == 1 && cname == null && chunks == 0) {
                    cname = value;
                } else if (first == null && chunks == 0) {
                    first = itemName(type) + " " + value;
                }
                q += 2 + n;
            }
            if (!done) {
                anomalies.add(Anomaly.of("label.rtcp.packet.invalid", "SDES chunk " + (chunks + 1)
                        + " runs past the packet's length"));
                break;
            }
            chunks++;
        }
        StringBuilder sb = new StringBuilder("SDES");
        if (cname != null) {
            sb.append(" CNAME ").append(cname);
        } else if (first != null) {
            sb.append(' ').append(first);
        } else {
            sb.append(sc == 0 ? ", no sources" : ", no items");
        }
        if (sc > 1) {
            sb.append(" (+").append(sc - 1).append(sc == 2 ? " more source)" : " more sources)");
        }
        return sb.toString();
    }

    private static String itemName(int type) {
        return switch (type) {
            case 1 -> "CNAME";
            case 2 -> "NAME";
            case 3 -> "EMAIL";
            case 4 -> "PHONE";
            case 5 -> "LOC";
            case 6 -> "TOOL";
            case 7 -> "NOTE";
            case 8 -> "PRIV";
            default -> "item " + type;
        };
    }

    private static String bye(byte[] b, int p, int end, int sc, List<Anomaly> anomalies) {
        int fit = (end - p - 4) / 4;
        if (fit < sc) {
            anomalies.add(Anomaly.of("label.rtcp.packet.invalid", "BYE says " + sc + " sources, its length holds "
                    + fit));
        }
        int n = Math.min(sc, fit);
        StringBuilder sb = new StringBuilder("BYE");
        if (n > 0) {
            sb.append(" from SSRC ").append(WireText.hex32(Octets.u32be(b, p + 4)));
            if (n > 1) {
                sb.append(" (+").append(n - 1).append(" more)");
            }
        }
        int r = p + 4 + 4 * n;
        if (n == sc && r < end) {
            int rl = Octets.u8(b, r);
            if (r + 1 + rl <= end && rl > 0) {
                sb.append(", reason \"").append(WireText.printable(b, r + 1, rl, 80)).append('"');
            }
        }
        return sb.toString();
    }

    private static String app(byte[] b, int p, int end, int subtype, String ssrc, List<Anomaly> anomalies) {
        if (p + 12 > end) {
            anomalies.add(Anomaly.of("label.rtcp.packet.invalid", "APP of " + (end - p) + " bytes is shorter than 12"));
            return "APP, too short";
        }
        return "APP \"" + WireText.printable(b, p + 8, 4, 4) + "\" subtype " + subtype + " from SSRC " + ssrc;
    }

    private static String feedback(byte[] b, int p, int end, int fmt, int pt, List<Anomaly> anomalies) {
        String kind = pt == 205 ? "RTPFB" : "PSFB";
        if (p + 12 > end) {
            anomalies.add(Anomaly.of("label.rtcp.packet.invalid", kind + " of " + (end - p)
                    + " bytes is shorter than 12"));
            return kind + ", too short";
        }
        String what;
        if (pt == 205) {
            what = switch (fmt) {
                case 1 -> "generic NACK";
                case 3 -> "temporary max bitrate request (TMMBR)";
                case 4 -> "temporary max bitrate notification (TMMBN)";
                case 15 -> "transport-wide congestion control";
                default -> "feedback FMT " + fmt;
            };
        } else {
            what = switch (fmt) {
                case 1 -> "picture loss indication (PLI)";
                case 2 -> "slice loss indication (SLI)";
                case 3 -> "reference picture selection (RPSI)";
                case 4 -> "full intra request (FIR)";
                case 5 -> "temporal-spatial trade-off request";
                case 6 -> "temporal-spatial trade-off notification";
                case 7 -> "video back channel message";
                case 15 -> p + 16 <= end && WireText.startsWith(b, p + 12, end - p - 12, "REMB")
                        ? "receiver estimated max bitrate (REMB)" : "application layer feedback";
                default -> "feedback FMT " + fmt;
            };
        }
        StringBuilder sb = new StringBuilder(kind).append(' ').append(what).append(" from SSRC ")
                .append(WireText.hex32(Octets.u32be(b, p + 4))).append(" for ")
                .append(WireText.hex32(Octets.u32be(b, p + 8)));
        if (pt == 205 && fmt == 1 && p + 16 <= end) {
            int pid = Octets.u16be(b, p + 12);
            int blp = Octets.u16be(b, p + 14);
            sb.append(": missing seq ").append(pid);
            if (blp != 0) {
                sb.append(" (+").append(Integer.bitCount(blp)).append(" more)");
            }
        }
        return sb.toString();
    }

    private static String xr(byte[] b, int p, int end, String ssrc, List<Anomaly> anomalies) {
        if (p + 8 > end) {
            anomalies.add(Anomaly.of("label.rtcp.packet.invalid", "XR of " + (end - p) + " bytes is shorter than 8"));
            return "XR, too short";
        }
        StringBuilder sb = new StringBuilder("XR from SSRC ").append(ssrc);
        int q = p + 8;
        int shown = 0;
        while (q + 4 <= end && shown < 16) {
            int bt = Octets.u8(b, q);
            int size = 4 * (Octets.u16be(b, q + 2) + 1);
            if (q + size > end) {
                anomalies.add(Anomaly.of("label.rtcp.packet.invalid", "XR block type " + bt + " says " + size
                        + " bytes, " + (end - q) + " left"));
                break;
            }
            sb.append(shown == 0 ? ": " : ", ");
            if (bt == 7 && size >= 36) {
                sb.append(voipMetrics(b, q + 4));
            } else {
                sb.append(blockName(bt));
            }
            shown++;
            q += size;
        }
        return sb.toString();
    }

    private static String voipMetrics(byte[] b, int m) {
        StringBuilder sb = new StringBuilder("VoIP metrics (loss ")
                .append(Math.round(Octets.u8(b, m + 4) * 100 / 256.0)).append("%, discard ")
                .append(Math.round(Octets.u8(b, m + 5) * 100 / 256.0)).append("%, round trip ")
                .append(Octets.u16be(b, m + 12)).append(" ms");
        int r = Octets.u8(b, m + 20);
        int lq = Octets.u8(b, m + 22);
        int cq = Octets.u8(b, m + 23);
        if (r != 127) {
            sb.append(", R factor ").append(r);
        }
        if (lq != 127) {
            sb.append(", MOS-LQ ").append(lq / 10).append('.').append(lq % 10);
        }
        if (cq != 127) {
            sb.append(", MOS-CQ ").append(cq / 10).append('.').append(cq % 10);
        }
        return sb.append(')').toString();
    }

    private static String blockName(int bt) {
        return switch (bt) {
            case 1 -> "loss RLE";
            case 2 -> "duplicate RLE";
            case 3 -> "packet receipt times";
            case 4 -> "receiver reference time";
            case 5 -> "DLRR";
            case 6 -> "statistics summary";
            case 7 -> "VoIP metrics";
            default -> "block type " + bt;
        };
    }
}
