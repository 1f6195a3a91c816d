package io.sipvista.net;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketHandshakeTest {
    private static final String REQUEST = "GET / HTTP/1.1\r\nHost: sip-ws.example.com\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://www.example.com\r\n"
            + "Sec-WebSocket-Protocol: sip\r\nSec-WebSocket-Version: 13\r\n\r\n";
    private static final String RESPONSE = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
            + "Sec-WebSocket-Protocol: sip\r\n\r\n";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static WebSocketHandshake read(String s) {
        byte[] b = ascii(s);
        return WebSocketHandshake.read(b, 0, b.length);
    }

    @Test
    void upgradeRequest() {
        WebSocketHandshake h = read(REQUEST + "\u0081\u0005hello");
        assertThat(h.request()).isTrue();
        assertThat(h.status()).isZero();
        assertThat(h.protocol()).isEqualTo("sip");
        assertThat(h.sip()).isTrue();
        assertThat(h.headLength()).isEqualTo(REQUEST.length());
        assertThat(h.switchesProtocols()).isFalse();
        byte[] b = ascii(REQUEST);
        assertThat(WebSocketHandshake.isUpgradeRequest(b, 0, b.length)).isTrue();
        assertThat(WebSocketHandshake.isSwitchingProtocols(b, 0, b.length)).isFalse();
    }

    @Test
    void switchingProtocolsResponse() {
        WebSocketHandshake h = read(RESPONSE);
        assertThat(h.request()).isFalse();
        assertThat(h.status()).isEqualTo(101);
        assertThat(h.switchesProtocols()).isTrue();
        assertThat(h.sip()).isTrue();
        byte[] b = ascii(RESPONSE);
        assertThat(WebSocketHandshake.isSwitchingProtocols(b, 0, b.length)).isTrue();
        assertThat(WebSocketHandshake.isUpgradeRequest(b, 0, b.length)).isFalse();
    }

    @Test
    void refusedUpgradeDoesNotSwitch() {
        WebSocketHandshake h = read("HTTP/1.1 426 Upgrade Required\r\nUpgrade: websocket\r\n\r\n");
        assertThat(h.status()).isEqualTo(426);
        assertThat(h.switchesProtocols()).isFalse();
    }

    @Test
    void plainHttpIsNotAHandshake() {
        assertThat(read("GET /index.html HTTP/1.1\r\nHost: a\r\n\r\n")).isNull();
        assertThat(read("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")).isNull();
    }

    @Test
    void sipIsNotAHandshake() {
        assertThat(read("OPTIONS sip:a@b SIP/2.0\r\nUpgrade: websocket\r\n\r\n")).isNull();
    }

    @Test
    void postIsNotAnUpgradeRequest() {
        assertThat(read("POST / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n")).isNull();
    }

    @Test
    void incompleteHead() {
        byte[] b = ascii(REQUEST.substring(0, REQUEST.length() - 1));
        assertThat(WebSocketHandshake.headLength(b, 0, b.length)).isEqualTo(-1);
        assertThat(WebSocketHandshake.read(b, 0, b.length)).isNull();
        assertThat(WebSocketHandshake.isUpgradeRequest(b, 0, b.length)).isFalse();
    }

    @Test
    void headLengthAtAnOffset() {
        byte[] b = ascii("xxx" + RESPONSE + "frames");
        assertThat(WebSocketHandshake.headLength(b, 3, b.length - 3)).isEqualTo(RESPONSE.length());
        assertThat(WebSocketHandshake.read(b, 3, b.length - 3).headLength()).isEqualTo(RESPONSE.length());
    }

    @Test
    void bareLineFeeds() {
        String head = "GET /ws HTTP/1.1\nUpgrade: WebSocket\nSec-WebSocket-Protocol: sip\n\n";
        WebSocketHandshake h = read(head + "rest");
        assertThat(h.request()).isTrue();
        assertThat(h.headLength()).isEqualTo(head.length());
    }

    @Test
    void headerNamesAndUpgradeTokenIgnoreCaseAndLists() {
        WebSocketHandshake h = read("GET / HTTP/1.1\r\nupgrade: h2c, WEBSOCKET\r\nsec-websocket-protocol: SIP\r\n\r\n");
        assertThat(h).isNotNull();
        assertThat(h.sip()).isTrue();
    }

    @Test
    void repeatedProtocolHeadersAreJoined() {
        WebSocketHandshake h = read("GET / HTTP/1.1\r\nUpgrade: websocket\r\nSec-WebSocket-Protocol: msrp\r\n"
                + "Sec-WebSocket-Protocol: sip\r\n\r\n");
        assertThat(h.protocol()).isEqualTo("msrp, sip");
        assertThat(h.sip()).isTrue();
    }

    @Test
    void otherProtocolIsNotSip() {
        WebSocketHandshake h = read("GET / HTTP/1.1\r\nUpgrade: websocket\r\nSec-WebSocket-Protocol: sipx\r\n\r\n");
        assertThat(h.sip()).isFalse();
        assertThat(read("GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n").sip()).isFalse();
    }

    @Test
    void permessageDeflateIsNoticed() {
        WebSocketHandshake h = read("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=15\r\n\r\n");
        assertThat(h.extensions()).startsWith("permessage-deflate");
        assertThat(h.deflate()).isTrue();
        assertThat(read(RESPONSE).deflate()).isFalse();
    }

    @Test
    void headBeyondTheLimitIsNotRead() {
        String big = "GET / HTTP/1.1\r\nUpgrade: websocket\r\nX: " + "a".repeat(WebSocketHandshake.MAX_HEAD_BYTES)
                + "\r\n\r\n";
        byte[] b = ascii(big);
        assertThat(WebSocketHandshake.headLength(b, 0, b.length)).isEqualTo(-1);
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(7118);
        byte[] seed = ascii(REQUEST);
        for (int i = 0; i < 5_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = seed.clone();
                for (int k = random.nextInt(5); k >= 0; k--) {
                    b[random.nextInt(b.length)] = (byte) "\r\n: ,x\u0000".charAt(random.nextInt(7));
                }
            } else {
                b = new byte[random.nextInt(64)];
                random.nextBytes(b);
            }
            WebSocketHandshake h = WebSocketHandshake.read(b, 0, b.length);
            if (h != null && (h.headLength() <= 0 || h.headLength() > b.length)) {
                throw new AssertionError("head length " + h.headLength());
            }
        }
    }
}
