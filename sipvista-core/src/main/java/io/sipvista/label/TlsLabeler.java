package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.bytes.Octets;

import java.util.ArrayList;
import java.util.List;

/**
 * Names the TLS record layer (RFC 5246, RFC 8446) on TCP and the DTLS record layer (RFC 6347, RFC 9147) on UDP:
 * each record's type; handshake message names with the server name (SNI) of a ClientHello, and the version and
 * cipher suite a ServerHello chose; alert level and description. What is encrypted is named as such, never guessed.
 */
final class TlsLabeler {
    /** Largest record a peer may send: 2^14 plaintext plus 2048 of expansion. */
    private static final int MAX_RECORD = 16384 + 2048;
    private static final int MAX_RECORDS = 64;

    private TlsLabeler() {
    }

    /** True when the bytes start with a plausible TLS record header (type 20-24, version 3.0-3.4, sane length). */
    static boolean startsWithRecord(byte[] b, int off, int len) {
        if (len < 5) {
            return false;
        }
        int type = Octets.u8(b, off);
        int length = Octets.u16be(b, off + 3);
        return type >= 20 && type <= 24 && Octets.u8(b, off + 1) == 3 && Octets.u8(b, off + 2) <= 4 && length > 0
                && length <= MAX_RECORD;
    }

    /**
     * TLS over TCP: the records that start in this segment, the last one possibly continuing later. Null when the
     * segment does not start with a record header.
     */
    static Label tls(byte[] b, int off, int len) {
        if (!startsWithRecord(b, off, len)) {
            return null;
        }
        int end = off + len;
        int p = off;
        List<String> parts = new ArrayList<>(4);
        boolean encrypted = false;
        int appRecords = 0;
        long appBytes = 0;
        int count = 0;
        while (p < end && count < MAX_RECORDS) {
            boolean header = startsWithRecord(b, p, end - p);
            int type = header ? Octets.u8(b, p) : -1;
            if (type != 23 && appRecords > 0) {
                parts.add(applicationData(appRecords, appBytes));
                appRecords = 0;
                appBytes = 0;
            }
            if (!header) {
                parts.add(end - p < 5 ? "+" + (end - p) + " bytes of the next record header"
                        : (end - p) + " bytes that are not a TLS record");
                p = end;
                break;
            }
            int length = Octets.u16be(b, p + 3);
            int body = p + 5;
            int have = Math.min(length, end - body);
            boolean cut = have < length;
            if (type == 23) {
                appRecords++;
                appBytes += length;
                if (cut) {
                    parts.add(applicationData(appRecords, appBytes) + " (continues in a later segment)");
                    appRecords = 0;
                    appBytes = 0;
                }
            } else {
                String d = record(b, type, body, have, length, encrypted, false);
                parts.add(cut ? d + " (continues in a later segment)" : d);
                encrypted |= type == 20;
            }
            p = body + length;
            count++;
        }
        if (appRecords > 0) {
            parts.add(applicationData(appRecords, appBytes));
        }
        if (p < end) {
            parts.add("+" + (end - p) + " more bytes");
        }
        return Label.of("tls", "TLS " + String.join("; ", parts));
    }

    private static String applicationData(int records, long bytes) {
        return records == 1 ? "application data, " + bytes + " bytes"
                : "application data, " + records + " records, " + bytes + " bytes";
    }

    /**
     * DTLS on UDP: one or more records fill the datagram. Null when the datagram does not start with a DTLS record
     * header (type 20-25, version 0xfeff, 0xfefd or 0xfefc).
     */
    static Label dtls(byte[] b, int off, int len) {
        if (len < 13) {
            return null;
        }
        int first = Octets.u8(b, off);
        int version = Octets.u16be(b, off + 1);
        if (first < 20 || first > 25 || (version != 0xfeff && version != 0xfefd && version != 0xfefc)) {
            return null;
        }
        List<Anomaly> anomalies = new ArrayList<>(1);
        List<String> parts = new ArrayList<>(3);
        int end = off + len;
        int p = off;
        int count = 0;
        while (p < end && count < MAX_RECORDS) {
            if (end - p < 13) {
                anomalies.add(Anomaly.of("label.dtls.trailing", (end - p)
                        + " bytes after the last record, too few for a header"));
                break;
            }
            int type = Octets.u8(b, p);
            int v = Octets.u16be(b, p + 1);
            if (type < 20 || type > 25 || (v != 0xfeff && v != 0xfefd && v != 0xfefc)) {
                anomalies.add(Anomaly.of("label.dtls.trailing", (end - p)
                        + " bytes after the last record are not a record"));
                break;
            }
            int epoch = Octets.u16be(b, p + 3);
            int length = Octets.u16be(b, p + 11);
            int body = p + 13;
            int have = Math.min(length, end - body);
            if (have < length) {
                anomalies.add(Anomaly.of("label.dtls.truncated", "record says " + length + " bytes, " + have
                        + " present"));
            }
            parts.add(record(b, type, body, have, length, epoch > 0, true));
            p = body + have;
            count++;
        }
        return Label.of("dtls", "DTLS " + String.join("; ", parts), anomalies);
    }

    /** One record's description; {@code body..body+have} is inside the payload. */
    private static String record(byte[] b, int type, int body, int have, int length, boolean encrypted, boolean dtls) {
        return switch (type) {
            case 20 -> "change cipher spec";
            case 21 -> alert(b, body, have, length, encrypted);
            case 22 -> encrypted ? "encrypted handshake message, " + length + " bytes"
                    : handshake(b, body, have, length, dtls);
            case 23 -> "application data, " + length + " bytes";
            case 24 -> "heartbeat, " + length + " bytes";
            default -> "record type " + type + ", " + length + " bytes";
        };
    }

    private static String alert(byte[] b, int body, int have, int length, boolean encrypted) {
        if (encrypted || length != 2 || have < 2) {
            return "encrypted alert";
        }
        int level = Octets.u8(b, body);
        String l = level == 1 ? "warning" : level == 2 ? "fatal" : "level " + level;
        return "alert " + l + ": " + alertName(Octets.u8(b, body + 1));
    }

    static String alertName(int d) {
        return switch (d) {
            case 0 -> "close_notify (connection closed)";
            case 10 -> "unexpected_message";
            case 20 -> "bad_record_mac";
            case 22 -> "record_overflow";
            case 40 -> "handshake_failure";
            case 42 -> "bad_certificate";
            case 43 -> "unsupported_certificate";
            case 44 -> "certificate_revoked";
            case 45 -> "certificate_expired";
            case 46 -> "certificate_unknown";
            case 47 -> "illegal_parameter";
            case 48 -> "unknown_ca (certificate authority not trusted)";
            case 49 -> "access_denied";
            case 50 -> "decode_error";
            case 51 -> "decrypt_error";
            case 70 -> "protocol_version (no common TLS version)";
            case 71 -> "insufficient_security";
            case 80 -> "internal_error";
            case 86 -> "inappropriate_fallback";
            case 90 -> "user_canceled";
            case 100 -> "no_renegotiation";
            case 109 -> "missing_extension";
            case 110 -> "unsupported_extension";
            case 112 -> "unrecognized_name (server does not know the SNI name)";
            case 116 -> "certificate_required";
            case 120 -> "no_application_protocol";
            default -> "description " + d;
        };
    }

    private static String handshake(byte[] b, int body, int have, int length, boolean dtls) {
        int header = dtls ? 12 : 4;
        if (have < header) {
            return "handshake, " + length + " bytes";
        }
        int msgType = Octets.u8(b, body);
        int msgLen = (Octets.u8(b, body + 1) << 16) | Octets.u16be(b, body + 2);
        String name = handshakeName(msgType);
        boolean fits = msgLen + header <= length;
        if (name == null || (!fits && !dtls && msgType != 11)) {
            return "encrypted handshake message, " + length + " bytes";
        }
        int m = body + header;
        int avail = Math.min(have - header, msgLen);
        if (dtls) {
            int fragOff = (Octets.u8(b, body + 6) << 16) | Octets.u16be(b, body + 7);
            int fragLen = (Octets.u8(b, body + 9) << 16) | Octets.u16be(b, body + 10);
            if (fragOff != 0) {
                return "handshake " + name + " (fragment at byte " + fragOff + ")";
            }
            avail = Math.min(have - header, fragLen);
        }
        StringBuilder sb = new StringBuilder("handshake ").append(name);
        String detail = msgType == 1 ? clientHello(b, m, avail, dtls) : msgType == 2 ? serverHello(b, m, avail) : null;
        if (detail != null) {
            sb.append(" (").append(detail).append(')');
        }
        // Further messages packed in the same record (TLS 1.2: ServerHello, Certificate, ServerHelloDone).
        int q = body + header + msgLen;
        int more = 0;
        while (!dtls && q + 4 <= body + have && more < 8) {
            String next = handshakeName(Octets.u8(b, q));
            if (next == null) {
                break;
            }
            sb.append(", ").append(next);
            q += 4 + ((Octets.u8(b, q + 1) << 16) | Octets.u16be(b, q + 2));
            more++;
        }
        return sb.toString();
    }

    static String handshakeName(int t) {
        return switch (t) {
            case 0 -> "HelloRequest";
            case 1 -> "ClientHello";
            case 2 -> "ServerHello";
            case 3 -> "HelloVerifyRequest";
            case 4 -> "NewSessionTicket";
            case 5 -> "EndOfEarlyData";
            case 8 -> "EncryptedExtensions";
            case 11 -> "Certificate";
            case 12 -> "ServerKeyExchange";
            case 13 -> "CertificateRequest";
            case 14 -> "ServerHelloDone";
            case 15 -> "CertificateVerify";
            case 16 -> "ClientKeyExchange";
            case 20 -> "Finished";
            case 24 -> "KeyUpdate";
            default -> null;
        };
    }

    /** "SNI sip.example.com, offers TLS 1.3"; null when nothing worth saying could be read. */
    private static String clientHello(byte[] b, int m, int n, boolean dtls) {
        int end = m + n;
        int p = m + 34;
        if (p + 1 > end) {
            return null;
        }
        p += 1 + Octets.u8(b, p);
        if (dtls) {
            if (p + 1 > end) {
                return null;
            }
            p += 1 + Octets.u8(b, p);
        }
        if (p + 2 > end) {
            return null;
        }
        p += 2 + Octets.u16be(b, p);
        if (p + 1 > end) {
            return null;
        }
        p += 1 + Octets.u8(b, p);
        if (p + 2 > end) {
            return null;
        }
        int extEnd = Math.min(end, p + 2 + Octets.u16be(b, p));
        p += 2;
        List<String> out = new ArrayList<>(3);
        while (p + 4 <= extEnd) {
            int type = Octets.u16be(b, p);
            int len = Octets.u16be(b, p + 2);
            int v = p + 4;
            if (v + len > extEnd) {
                break;
            }
            if (type == 0 && len >= 5 && Octets.u8(b, v + 2) == 0) {
                int nameLen = Octets.u16be(b, v + 3);
                if (v + 5 + nameLen <= v + len) {
                    out.add(0, "SNI " + WireText.printable(b, v + 5, nameLen, 80));
                }
            } else if (type == 43 && len >= 1) {
                for (int i = v + 1; i + 1 < v + len && i + 1 < v + 1 + Octets.u8(b, v); i += 2) {
                    int ver = Octets.u16be(b, i);
                    if (ver == 0x0304 || ver == 0xfefc) {
                        out.add(dtls ? "offers DTLS 1.3" : "offers TLS 1.3");
                        break;
                    }
                }
            } else if (type == 14) {
                out.add("offers DTLS-SRTP");
            }
            p = v + len;
        }
        return out.isEmpty() ? null : String.join(", ", out);
    }

    /** "TLS 1.2, cipher 0xc02f"; null when the message is cut before the cipher suite. */
    private static String serverHello(byte[] b, int m, int n) {
        int end = m + n;
        if (m + 35 > end) {
            return null;
        }
        int version = Octets.u16be(b, m);
        int p = m + 34;
        p += 1 + Octets.u8(b, p);
        if (p + 3 > end) {
            return null;
        }
        int cipher = Octets.u16be(b, p);
        p += 3;
        if (p + 2 <= end) {
            int extEnd = Math.min(end, p + 2 + Octets.u16be(b, p));
            p += 2;
            while (p + 4 <= extEnd) {
                int type = Octets.u16be(b, p);
                int len = Octets.u16be(b, p + 2);
                if (p + 4 + len > extEnd) {
                    break;
                }
                if (type == 43 && len == 2) {
                    version = Octets.u16be(b, p + 4);
                }
                p += 4 + len;
            }
        }
        return versionName(version) + ", cipher " + WireText.hex16(cipher);
    }

    static String versionName(int v) {
        return switch (v) {
            case 0x0300 -> "SSL 3.0";
            case 0x0301 -> "TLS 1.0";
            case 0x0302 -> "TLS 1.1";
            case 0x0303 -> "TLS 1.2";
            case 0x0304 -> "TLS 1.3";
            case 0xfeff -> "DTLS 1.0";
            case 0xfefd -> "DTLS 1.2";
            case 0xfefc -> "DTLS 1.3";
            default -> "version " + WireText.hex16(v);
        };
    }
}
