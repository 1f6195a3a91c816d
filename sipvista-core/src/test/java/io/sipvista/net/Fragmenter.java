package io.sipvista.net;

import io.sipvista.testkit.Ipv4Packet;
import io.sipvista.testkit.Ipv6Packet;
import io.sipvista.testkit.PacketBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test datagrams and their fragments: a SIP INVITE of a chosen size over UDP, cut at chosen offsets. */
final class Fragmenter {
    static final String SRC4 = "192.0.2.10";
    static final String DST4 = "192.0.2.20";
    static final String SRC6 = "2001:db8::10";
    static final String DST6 = "2001:db8::20";
    static final int ID = 0x1234;
    /** A Router Alert option (RFC 2711) for a Hop-by-Hop header. */
    static final byte[] ROUTER_ALERT = {5, 2, 0, 0};

    private Fragmenter() {
    }

    /** A SIP INVITE of exactly {@code size} bytes (the body is padded SDP). */
    static byte[] invite(int size) {
        String head = "INVITE sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds\r\n"
                + "From: <sip:alice@example.com>;tag=1928301774\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
                + "CSeq: 314159 INVITE\r\n"
                + "Content-Type: application/sdp\r\n";
        String sdpStart = "v=0\r\no=alice 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
                + "m=audio 49170 RTP/AVP 0\r\na=x-pad:";
        int fixed = head.length() + "Content-Length: 0000\r\n\r\n".length() + sdpStart.length() + 2;
        if (size < fixed) {
            throw new IllegalArgumentException("too small for an INVITE: " + size);
        }
        int bodyLen = size - fixed + sdpStart.length() + 2;
        StringBuilder body = new StringBuilder(sdpStart);
        for (int i = 0; body.length() < bodyLen - 2; i++) {
            body.append((char) ('a' + i % 26));
        }
        body.append("\r\n");
        String text = head + String.format("Content-Length: %04d\r\n\r\n", body.length()) + body;
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != size) {
            throw new IllegalStateException("built " + bytes.length + " bytes, wanted " + size);
        }
        return bytes;
    }

    static byte[] udp4(byte[] payload) {
        return PacketBuilder.udp(SRC4, 5060, DST4, 5060, payload);
    }

    static byte[] udp6(byte[] payload) {
        return PacketBuilder.udp(SRC6, 5060, DST6, 5060, payload);
    }

    /** The unfragmented IPv4 packet, with the id and TTL the fragments use. */
    static byte[] whole4(byte[] udp, int id) {
        return Ipv4Packet.of(SRC4, DST4, Ipv4Packet.PROTO_UDP, udp).id(id).ttl(64).build();
    }

    /** IPv4 fragments of {@code udp} starting at each offset (multiples of 8, the first 0), in offset order. */
    static List<byte[]> fragments4(byte[] udp, int id, int... offsets) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            int from = offsets[i];
            int to = i + 1 < offsets.length ? offsets[i + 1] : udp.length;
            out.add(fragment4(udp, id, from, to, i + 1 < offsets.length));
        }
        return out;
    }

    /** One IPv4 fragment carrying bytes {@code from} to {@code to} (exclusive) of {@code udp}. */
    static byte[] fragment4(byte[] udp, int id, int from, int to, boolean more) {
        return Ipv4Packet.of(SRC4, DST4, Ipv4Packet.PROTO_UDP, Arrays.copyOfRange(udp, from, to)).id(id).ttl(64)
                .fragment(from, more).build();
    }

    /** One IPv4 fragment carrying {@code data} at {@code offset}. */
    static byte[] fragment4(byte[] data, int id, int offset, boolean more) {
        return Ipv4Packet.of(SRC4, DST4, Ipv4Packet.PROTO_UDP, data).id(id).ttl(64).fragment(offset, more).build();
    }

    /** The unfragmented IPv6 packet with a Hop-by-Hop header (Router Alert). */
    static byte[] whole6(byte[] udp) {
        return Ipv6Packet.of(SRC6, DST6, Ipv6Packet.NH_UDP, udp).hopByHop(ROUTER_ALERT).build();
    }

    /** IPv6 fragments (Hop-by-Hop header, then Fragment header) of {@code udp} starting at each offset. */
    static List<byte[]> fragments6(byte[] udp, long id, int... offsets) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            int from = offsets[i];
            int to = i + 1 < offsets.length ? offsets[i + 1] : udp.length;
            out.add(Ipv6Packet.of(SRC6, DST6, Ipv6Packet.NH_UDP, Arrays.copyOfRange(udp, from, to))
                    .hopByHop(ROUTER_ALERT).fragment(from, i + 1 < offsets.length, id).build());
        }
        return out;
    }
}
