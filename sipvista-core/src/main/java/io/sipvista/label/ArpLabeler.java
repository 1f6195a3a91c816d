package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.bytes.Octets;

import java.util.List;
import java.util.Objects;

/**
 * Names ARP packets (RFC 826) for Ethernet and IPv4: who-has requests, replies, gratuitous announcements
 * (RFC 5227 sender = target), probes (sender 0.0.0.0); RARP and InARP by name. Always returns a label; a short or
 * unusual packet gets a named anomaly.
 */
public final class ArpLabeler {
    private ArpLabeler() {
    }

    /** The label of the ARP packet at {@code b[off..off+len)} (the bytes after the Ethernet type). */
    public static Label label(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < 8) {
            return Label.of("arp", "ARP, cut short (" + WireText.plural(len, "byte", "bytes") + ")",
                    List.of(Anomaly.of("label.arp.truncated", WireText.plural(len, "byte", "bytes")
                            + ", the fixed header alone is 8")));
        }
        int htype = Octets.u16be(b, off);
        int ptype = Octets.u16be(b, off + 2);
        int hlen = Octets.u8(b, off + 4);
        int plen = Octets.u8(b, off + 5);
        int op = Octets.u16be(b, off + 6);
        int need = 8 + 2 * (hlen + plen);
        String opName = opName(op);
        if (len < need) {
            return Label.of("arp", "ARP " + opName + ", cut short",
                    List.of(Anomaly.of("label.arp.truncated", WireText.plural(len, "byte", "bytes")
                            + ", the addresses need " + need)));
        }
        if (htype != 1 || ptype != 0x0800 || hlen != 6 || plen != 4) {
            return Label.of("arp", "ARP " + opName + " for hardware type " + htype + ", protocol "
                    + WireText.hex16(ptype) + ": not decoded", List.of(Anomaly.of("label.arp.unsupported",
                    "hardware type " + htype + " (" + hlen + " bytes), protocol " + WireText.hex16(ptype) + " ("
                            + plen + " bytes)")));
        }
        String sha = AddressText.mac(b, off + 8);
        String spa = AddressText.ipv4(b, off + 14);
        String tha = AddressText.mac(b, off + 18);
        String tpa = AddressText.ipv4(b, off + 24);
        String text = switch (op) {
            case 1 -> {
                if ("0.0.0.0".equals(spa)) {
                    yield "ARP probe: who has " + tpa + "? (address conflict check by " + sha + ")";
                }
                if (spa.equals(tpa)) {
                    yield "Gratuitous ARP: " + spa + " is at " + sha;
                }
                yield "ARP who has " + tpa + "? tell " + spa;
            }
            case 2 -> spa.equals(tpa) ? "Gratuitous ARP reply: " + spa + " is at " + sha
                    : "ARP reply " + spa + " is at " + sha;
            case 3 -> "RARP request: what is the IP address of " + tha + "?";
            case 4 -> "RARP reply: " + tha + " is " + tpa;
            case 8 -> "InARP request from " + spa + " (" + sha + ")";
            case 9 -> "InARP reply: " + spa + " is at " + sha;
            default -> "ARP operation " + op + " from " + spa + " (" + sha + ")";
        };
        return Label.of("arp", text);
    }

    private static String opName(int op) {
        return switch (op) {
            case 1 -> "request";
            case 2 -> "reply";
            case 3 -> "RARP request";
            case 4 -> "RARP reply";
            case 8 -> "InARP request";
            case 9 -> "InARP reply";
            default -> "operation " + op;
        };
    }
}
