package io.sipvista.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test plumbing: WebSocket frames (RFC 6455 §5.2) written byte by byte. */
final class WebSocketBytes {
    static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private WebSocketBytes() {
    }

    /** A frame with the shortest length form; masked when {@code mask} is not null. */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] mask, byte[] payload) {
        int form = payload.length < 126 ? 7 : payload.length <= 0xffff ? 16 : 64;
        return frame(fin, rsv, opcode, mask, payload, form, payload.length);
    }

    /** A frame whose length is written in the given form (7, 16 or 64 bits) with the given value. */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] mask, byte[] payload, int form, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = mask != null ? 0x80 : 0;
        if (form == 7) {
            out.write(maskBit | (int) length);
        } else if (form == 16) {
            out.write(maskBit | 126);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else {
            out.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (length >>> (8 * i)));
            }
        }
        if (mask != null) {
            out.writeBytes(mask);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ mask[i & 3]);
            }
        } else {
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    static byte[] text(String s) {
        return frame(true, 0, WebSocketMessage.TEXT, null, ascii(s));
    }

    static byte[] maskedText(String s) {
        return frame(true, 0, WebSocketMessage.TEXT, MASK, ascii(s));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] concat(List<byte[]> parts) {
        return concat(parts.toArray(new byte[0][]));
    }

    static String payload(WebSocketMessage m) {
        return new String(m.payload(), StandardCharsets.UTF_8);
    }
}
