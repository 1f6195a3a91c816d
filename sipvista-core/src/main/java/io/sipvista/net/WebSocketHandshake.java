package io.sipvista.net;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The HTTP head of a WebSocket opening handshake (RFC 6455 §4): a request asking to upgrade to WebSocket, or the
 * server's answer. Read from the first bytes of a TCP direction, so that the caller knows whether WebSocket frames
 * follow and where they begin ({@link #headLength()}).
 *
 * <p>Lenient, as captures demand: a request is any {@code GET} with {@code Upgrade: websocket} (the token compared
 * without regard to case, in a list or alone); a response is any HTTP status line with that header, and it switches
 * the connection to WebSocket only with status 101. Connection and Sec-WebSocket-Key/Accept are not checked.
 *
 * @param request    true for the client's request, false for the server's response
 * @param status     the response's status code; 0 for a request
 * @param protocol   the Sec-WebSocket-Protocol value(s), comma-joined when repeated ("sip" for RFC 7118), or null
 * @param extensions the Sec-WebSocket-Extensions value(s), comma-joined when repeated, or null
 * @param headLength bytes from the start of the head through the empty line that ends it: frames begin there
 */
public record WebSocketHandshake(boolean request, int status, String protocol, String extensions, int headLength) {
    /** A head longer than this is not looked at: callers buffering a head can stop here. */
    public static final int MAX_HEAD_BYTES = 16 << 10;

    /**
     * Reads an HTTP head that asks for or answers a WebSocket upgrade. Null when the bytes are not such a head, or
     * when the head is not complete yet (see {@link #headLength(byte[], int, int)}).
     */
    public static WebSocketHandshake read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        int head = headLength(b, off, len);
        if (head < 0) {
            return null;
        }
        String text = new String(b, off, head, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        String start = lines[0];
        boolean request;
        int status = 0;
        if (start.startsWith("HTTP/1.")) {
            request = false;
            String[] words = start.split(" ", 3);
            if (words.length < 2 || !words[1].matches("[0-9]{3}")) {
                return null;
            }
            status = Integer.parseInt(words[1]);
        } else if (start.startsWith("GET ") && start.matches("GET \\S+ HTTP/1\\.[0-9]")) {
            request = true;
        } else {
            return null;
        }
        boolean upgrade = false;
        String protocol = null;
        String extensions = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "upgrade" -> upgrade |= hasToken(value, "websocket");
                case "sec-websocket-protocol" -> protocol = protocol == null ? value : protocol + ", " + value;
                case "sec-websocket-extensions" -> extensions = extensions == null ? value : extensions + ", " + value;
                default -> {
                }
            }
        }
        if (!upgrade) {
            return null;
        }
        return new WebSocketHandshake(request, status, protocol, extensions, head);
    }

    /** True when the bytes hold a complete HTTP request asking to upgrade to WebSocket. */
    public static boolean isUpgradeRequest(byte[] b, int off, int len) {
        WebSocketHandshake h = read(b, off, len);
        return h != null && h.request();
    }

    /** True when the bytes hold a complete "101 Switching Protocols" response upgrading to WebSocket. */
    public static boolean isSwitchingProtocols(byte[] b, int off, int len) {
        WebSocketHandshake h = read(b, off, len);
        return h != null && h.switchesProtocols();
    }

    /**
     * Bytes from {@code off} through the empty line that ends an HTTP head (CRLF CRLF, or bare LF LF), or -1 when
     * no head ends within the bytes given (nor within {@link #MAX_HEAD_BYTES}).
     */
    public static int headLength(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        int end = off + Math.min(len, MAX_HEAD_BYTES);
        for (int i = off; i < end; i++) {
            if (b[i] != '\n') {
                continue;
            }
            if (i + 1 < end && b[i + 1] == '\n') {
                return i + 2 - off;
            }
            if (i + 2 < end && b[i + 1] == '\r' && b[i + 2] == '\n') {
                return i + 3 - off;
            }
        }
        return -1;
    }

    /** A response that switches the connection to WebSocket (status 101). */
    public boolean switchesProtocols() {
        return !request && status == 101;
    }

    /** True when Sec-WebSocket-Protocol names "sip" (RFC 7118 §4). */
    public boolean sip() {
        return protocol != null && hasToken(protocol, "sip");
    }

    /** True when Sec-WebSocket-Extensions names permessage-deflate (RFC 7692). */
    public boolean deflate() {
        if (extensions == null) {
            return false;
        }
        for (String ext : extensions.split(",")) {
            String name = ext.split(";", 2)[0].trim();
            if (name.equalsIgnoreCase("permessage-deflate")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasToken(String list, String token) {
        for (String t : list.split(",")) {
            if (t.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
