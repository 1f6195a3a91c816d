package io.sipvista.sip;

import java.nio.charset.StandardCharsets;

/** Lenient UTF-8 for header text: decoding replaces bad sequences with U+FFFD; a check says whether any were bad. */
final class Utf8 {
    private Utf8() {
    }

    /** Decodes {@code b[from, to)}; pure ASCII takes the cheap Latin-1 path. */
    static String decode(byte[] b, int from, int to) {
        return new String(b, from, to - from,
                isAscii(b, from, to) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** Whether every byte of {@code b[from, to)} is ASCII (below 0x80): the text is then the bytes one for one. */
    static boolean isAscii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether every byte of {@code b[from, to)} is ASCII and none is NUL (1 to 0x7f). */
    static boolean isPlainAscii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] <= 0) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
    static int firstInvalid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                need = 3;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + need >= to) {
                return i; // the sequence is cut short by the end of the text
            }
            int cp = c & (0x3f >> need);
            for (int k = 1; k <= need; k++) {
                int d = b[i + k] & 0xff;
                if ((d & 0xc0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (d & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return i;
            }
            i += need + 1;
        }
        return -1;
    }

    /** Index of the first NUL byte in {@code b[from, to)}, or -1. */
    static int firstNul(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
