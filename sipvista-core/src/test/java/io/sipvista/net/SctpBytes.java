package io.sipvista.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test plumbing: SCTP packets and chunks written byte by byte (RFC 9260 §3, RFC 8260 §2.1). */
final class SctpBytes {
    static final int E = 0x01;
    static final int B = 0x02;
    static final int U = 0x04;
    static final int I = 0x08;

    private SctpBytes() {
    }

    /** Common header (checksum zero) followed by the chunks as given. */
    static byte[] packet(int srcPort, int dstPort, long tag, byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, srcPort);
        u16(out, dstPort);
        u32(out, tag);
        u32(out, 0);
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    /** A chunk with its value, padded to 4 bytes. */
    static byte[] chunk(int type, int flags, byte[] value) {
        return chunk(type, flags, value, true);
    }

    static byte[] chunk(int type, int flags, byte[] value, boolean pad) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(flags);
        u16(out, 4 + value.length);
        out.writeBytes(value);
        if (pad) {
            for (int i = value.length; i % 4 != 0; i++) {
                out.write(0);
            }
        }
        return out.toByteArray();
    }

    static byte[] data(int flags, long tsn, int stream, int ssn, long ppid, byte[] userData) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        u32(v, tsn);
        u16(v, stream);
        u16(v, ssn);
        u32(v, ppid);
        v.writeBytes(userData);
        return chunk(0, flags, v.toByteArray());
    }

    static byte[] data(int flags, long tsn, int stream, int ssn, String userData) {
        return data(flags, tsn, stream, ssn, 0, userData.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] idata(int flags, long tsn, int stream, long mid, long ppidOrFsn, String userData) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        u32(v, tsn);
        u16(v, stream);
        u16(v, 0);
        u32(v, mid);
        u32(v, ppidOrFsn);
        v.writeBytes(userData.getBytes(StandardCharsets.US_ASCII));
        return chunk(64, flags, v.toByteArray());
    }

    static byte[] sack(long cumulativeTsn) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        u32(v, cumulativeTsn);
        u32(v, 65536);
        u16(v, 0);
        u16(v, 0);
        return chunk(3, 0, v.toByteArray());
    }

    static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    static void u32(ByteArrayOutputStream out, long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
    }

    static String text(SctpMessage m) {
        return new String(m.bytes(), StandardCharsets.US_ASCII);
    }
}
