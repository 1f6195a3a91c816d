package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.bytes.Octets;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Names NTP packets (RFC 5905): version and mode, and for server replies the stratum, reference and the server's
 * transmit time in UTC (a clue when capture clocks disagree). Control (mode 6) and private (mode 7) messages are only
 * named.
 */
final class NtpLabeler {
    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    private static final long NTP_TO_UNIX = 2_208_988_800L;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private NtpLabeler() {
    }

    static Label label(byte[] b, int off, int len) {
        if (len < 1) {
            return null;
        }
        int b0 = Octets.u8(b, off);
        int version = (b0 >> 3) & 7;
        int mode = b0 & 7;
        if (version < 1 || version > 4 || mode == 0) {
            return null;
        }
        String name = "NTPv" + version + " " + modeName(mode);
        if (mode == 6 || mode == 7) {
            return Label.of("ntp", name + ", " + len + " bytes");
        }
        if (len < 48) {
            return Label.of("ntp", name + ", cut short",
                    List.of(Anomaly.of("label.ntp.truncated", WireText.plural(len, "byte", "bytes")
                            + ", an NTP packet has at least 48")));
        }
        StringBuilder sb = new StringBuilder(name);
        int stratum = Octets.u8(b, off + 1);
        if (mode == 4 || mode == 5 || mode == 2) {
            if (stratum == 0) {
                sb.append(", kiss-o'-death ").append(ascii(b, off + 12));
                return Label.of("ntp", sb.toString());
            }
            sb.append(", stratum ").append(stratum);
            if (stratum == 1) {
                sb.append(" (reference ").append(ascii(b, off + 12)).append(')');
            } else if (stratum < 16) {
                sb.append(" (reference id ").append(AddressText.ipv4(b, off + 12)).append(')');
            }
            long seconds = Octets.u32be(b, off + 40);
            if (seconds != 0) {
                // RFC 4330: a clear top bit means the 2036-2104 era.
                long unix = seconds - NTP_TO_UNIX + ((seconds & 0x80000000L) == 0 ? 0x1_0000_0000L : 0);
                sb.append(", time ").append(UTC.format(Instant.ofEpochSecond(unix)));
            }
        }
        if (b0 >> 6 == 3 && mode != 3) {
            sb.append(", clock not synchronised");
        }
        return Label.of("ntp", sb.toString());
    }

    private static String ascii(byte[] b, int off) {
        int n = 0;
        while (n < 4 && b[off + n] != 0) {
            n++;
        }
        return "\"" + WireText.printable(b, off, n, 4) + "\"";
    }

    static String modeName(int mode) {
        return switch (mode) {
            case 1 -> "symmetric active";
            case 2 -> "symmetric passive";
            case 3 -> "client request";
            case 4 -> "server reply";
            case 5 -> "broadcast";
            case 6 -> "control message";
            case 7 -> "private message";
            default -> "mode " + mode;
        };
    }
}
