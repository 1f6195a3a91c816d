package io.sipvista.label;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The start line and header fields of an HTTP-shaped text message (HTTP, SSDP), read from at most the first
 * {@value #MAX_SCAN} bytes. Only printable ASCII, tabs, CR and LF are accepted before the blank line; anything else
 * means the bytes are not such a message.
 */
record TextHead(String startLine, List<String[]> headers) {
    static final int MAX_SCAN = 4096;

    /** The head of the message at {@code off}, or null when the bytes are not text lines. */
    static TextHead parse(byte[] b, int off, int len) {
        int end = off + Math.min(len, MAX_SCAN);
        List<String> lines = new ArrayList<>(12);
        int start = off;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c == '\n') {
                int stop = i > start && b[i - 1] == '\r' ? i - 1 : i;
                if (stop == start) {
                    break;
                }
                lines.add(new String(b, start, stop - start, StandardCharsets.US_ASCII));
                start = i + 1;
            } else if ((c < 0x20 && c != '\t' && c != '\r') || c >= 0x7f) {
                return null;
            }
            i++;
        }
        if (i >= end && start < end) {
            int stop = b[end - 1] == '\r' ? end - 1 : end;
            if (stop > start) {
                lines.add(new String(b, start, stop - start, StandardCharsets.US_ASCII));
            }
        }
        if (lines.isEmpty()) {
            return null;
        }
        List<String[]> headers = new ArrayList<>(lines.size());
        for (int k = 1; k < lines.size(); k++) {
            String line = lines.get(k);
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
            }
        }
        return new TextHead(lines.get(0), headers);
    }

    /** The first value of a header field (name compared without case), or null. */
    String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    /** True when the header exists and its value contains {@code token} (without case). */
    boolean headerContains(String name, String token) {
        String v = header(name);
        return v != null && v.toLowerCase(Locale.ROOT).contains(token.toLowerCase(Locale.ROOT));
    }
}
