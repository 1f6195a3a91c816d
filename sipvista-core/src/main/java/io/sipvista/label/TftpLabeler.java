package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.bytes.Octets;

import java.util.ArrayList;
import java.util.List;

/**
 * Names TFTP packets (RFC 1350, options RFC 2347), as phones fetch their configuration: read and write requests with
 * file name and mode, data and acknowledgement blocks, errors. Only traffic to or from port 69 is seen here.
 */
final class TftpLabeler {
    private TftpLabeler() {
    }

    static Label label(byte[] b, int off, int len) {
        if (len < 2) {
            return null;
        }
        int op = Octets.u16be(b, off);
        int end = off + len;
        List<Anomaly> anomalies = new ArrayList<>(1);
        switch (op) {
            case 1, 2, 6 -> {
                String what = op == 1 ? "read request" : op == 2 ? "write request" : "option acknowledgement";
                List<String> strings = strings(b, off + 2, end, 6);
                if ((strings.isEmpty() && op != 6) || (off + 2 < end && b[end - 1] != 0)) {
                    anomalies.add(Anomaly.of("label.tftp.malformed", what + " strings are not NUL-terminated"));
                }
                StringBuilder sb = new StringBuilder("TFTP ").append(what);
                if (op != 6 && !strings.isEmpty()) {
                    sb.append(" \"").append(strings.get(0)).append('"');
                    if (strings.size() > 1) {
                        sb.append(" (").append(strings.get(1)).append(')');
                    }
                } else if (op == 6 && !strings.isEmpty()) {
                    sb.append(' ').append(String.join(" ", strings));
                }
                return Label.of("tftp", sb.toString(), anomalies);
            }
            case 3, 4 -> {
                if (len < 4) {
                    anomalies.add(Anomaly.of("label.tftp.malformed", "no block number"));
                    return Label.of("tftp", "TFTP " + (op == 3 ? "data" : "acknowledgement") + ", cut short",
                            anomalies);
                }
                int block = Octets.u16be(b, off + 2);
                return Label.of("tftp", op == 3 ? "TFTP data block " + block + ", " + (len - 4) + " bytes"
                        + (len - 4 < 512 ? " (last block)" : "") : "TFTP acknowledgement of block " + block);
            }
            case 5 -> {
                if (len < 4) {
                    anomalies.add(Anomaly.of("label.tftp.malformed", "no error code"));
                    return Label.of("tftp", "TFTP error, cut short", anomalies);
                }
                List<String> msg = strings(b, off + 4, end, 1);
                return Label.of("tftp", "TFTP error " + Octets.u16be(b, off + 2)
                        + (msg.isEmpty() ? "" : ": " + msg.get(0)));
            }
            default -> {
                return null;
            }
        }
    }

    /** Up to {@code max} NUL-terminated strings from {@code p}; an unterminated tail counts as one. */
    private static List<String> strings(byte[] b, int p, int end, int max) {
        List<String> out = new ArrayList<>(2);
        int start = p;
        for (int i = p; i < end && out.size() < max; i++) {
            if (b[i] == 0) {
                out.add(WireText.printable(b, start, i - start, 80));
                start = i + 1;
            }
        }
        if (start < end && out.size() < max) {
            out.add(WireText.printable(b, start, end - start, 80));
        }
        return out;
    }
}
