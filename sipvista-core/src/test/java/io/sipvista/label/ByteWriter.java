package io.sipvista.label;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds packets for tests, big-endian, one field at a time. */
final class ByteWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ByteWriter u8(int v) {
        out.write(v & 0xff);
        return this;
    }

    ByteWriter u16(int v) {
        return u8(v >> 8).u8(v);
    }

    ByteWriter u24(int v) {
        return u8(v >> 16).u16(v);
    }

    ByteWriter u32(long v) {
        return u16((int) (v >> 16)).u16((int) v);
    }

    ByteWriter zeros(int n) {
        for (int i = 0; i < n; i++) {
            out.write(0);
        }
        return this;
    }

    ByteWriter ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** Hex digits, spaces ignored: "c0 a8 01 02". */
    ByteWriter hex(String s) {
        String h = s.replace(" ", "");
        for (int i = 0; i < h.length(); i += 2) {
            out.write(Integer.parseInt(h.substring(i, i + 2), 16));
        }
        return this;
    }

    ByteWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** An uncompressed DNS name: "sip.example.com" as 3sip7example3com0. */
    ByteWriter dnsName(String name) {
        if (!name.isEmpty()) {
            for (String label : name.split("\\.")) {
                u8(label.length()).ascii(label);
            }
        }
        return u8(0);
    }

    /** A DNS character-string: length byte then text. */
    ByteWriter charString(String s) {
        return u8(s.length()).ascii(s);
    }

    int size() {
        return out.size();
    }

    byte[] build() {
        return out.toByteArray();
    }

    static byte[] text(String... lines) {
        return String.join("", lines).getBytes(StandardCharsets.US_ASCII);
    }
}
