package io.sipvista.net;

import io.sipvista.capture.CaptureRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * heplify's SIP over WebSocket (RFC 7118): a browser client on TCP 8080 upgrades with "Sec-WebSocket-Protocol: sip",
 * then each SIP message travels in one masked (client) or unmasked (server) text frame, some spanning two segments.
 * Every text message must be a SIP message tshark lists, completing in the frame tshark names.
 */
class WebSocketCorpusTest {
    private static final String CAPTURE = "heplify__sip_tcp_websocket.pcap";
    private static final int PORT = 8080;

    private record Segment(long frame, long seq, byte[] payload) {
    }

    private record Found(long frame, String methodOrStatus, String callId) {
    }

    /** TCP payloads of the 8080 connection per direction ("client"/"server"), in capture order. */
    private static Map<String, List<Segment>> directions() throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        Map<String, List<Segment>> out = new LinkedHashMap<>();
        out.put("client", new ArrayList<>());
        out.put("server", new ArrayList<>());
        for (CaptureRecord r : CorpusFiles.records(CAPTURE)) {
            Packet p = decoder.decode(r);
            if (p.transport() != Packet.Transport.TCP || (p.srcPort() != PORT && p.dstPort() != PORT)
                    || p.payloadLength() == 0) {
                continue;
            }
            byte[] payload = Arrays.copyOfRange(p.data(), p.payloadOffset(), p.payloadOffset() + p.payloadLength());
            out.get(p.dstPort() == PORT ? "client" : "server").add(new Segment(r.number(), p.tcpSeq(), payload));
        }
        return out;
    }

    /** Every frame of the 8080 connection, with or without payload. */
    private static Set<Long> connectionFrames() throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        Set<Long> frames = new TreeSet<>();
        for (CaptureRecord r : CorpusFiles.records(CAPTURE)) {
            Packet p = decoder.decode(r);
            if (p.transport() == Packet.Transport.TCP && (p.srcPort() == PORT || p.dstPort() == PORT)) {
                frames.add(r.number());
            }
        }
        return frames;
    }

    /** Reads the handshake head, then deframes the rest of the direction; returns the messages. */
    private static List<WebSocketMessage> deframe(List<Segment> segments, boolean client) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        WebSocketDeframer deframer = null;
        List<WebSocketMessage> out = new ArrayList<>();
        long nextSeq = segments.get(0).seq();
        for (Segment s : segments) {
            assertThat(s.seq()).as("the capture's TCP is in order").isEqualTo(nextSeq);
            nextSeq = (s.seq() + s.payload().length) & 0xffffffffL;
            if (deframer != null) {
                out.addAll(deframer.feed(s.payload(), 0, s.payload().length, s.frame()));
                continue;
            }
            int before = head.size();
            head.writeBytes(s.payload());
            byte[] h = head.toByteArray();
            int headLength = WebSocketHandshake.headLength(h, 0, h.length);
            if (headLength < 0) {
                continue;
            }
            WebSocketHandshake hs = WebSocketHandshake.read(h, 0, h.length);
            assertThat(hs).isNotNull();
            assertThat(hs.request()).isEqualTo(client);
            assertThat(hs.sip()).isTrue();
            if (client) {
                assertThat(WebSocketHandshake.isUpgradeRequest(h, 0, h.length)).isTrue();
            } else {
                assertThat(WebSocketHandshake.isSwitchingProtocols(h, 0, h.length)).isTrue();
            }
            deframer = new WebSocketDeframer();
            int rest = headLength - before;
            out.addAll(deframer.feed(s.payload(), rest, s.payload().length - rest, s.frame()));
        }
        assertThat(deframer).as("handshake seen").isNotNull();
        assertThat(deframer.flush()).isEmpty();
        return out;
    }

    @Test
    void everyTextMessageIsTheSipMessageTsharkListsInTheSameFrame() throws IOException {
        Map<String, List<Segment>> dirs = directions();
        List<WebSocketMessage> messages = new ArrayList<>(deframe(dirs.get("client"), true));
        messages.addAll(deframe(dirs.get("server"), false));
        List<Found> found = new ArrayList<>();
        for (WebSocketMessage m : messages) {
            assertThat(m.opcode()).isEqualTo(WebSocketMessage.TEXT);
            assertThat(m.anomalies()).isEmpty();
            found.add(new Found(m.lastTag(), CorpusFiles.methodOrStatus(m.payload()), CorpusFiles.callId(m.payload())));
        }
        found.sort((a, b) -> Long.compare(a.frame(), b.frame()));
        Set<Long> connection = connectionFrames();
        List<Found> expected = CorpusFiles.expected(CAPTURE).stream().filter(r -> connection.contains(r.frame()))
                .map(r -> new Found(r.frame(), r.methodOrStatus(), r.callId())).toList();
        assertThat(expected).hasSize(11);
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void messagesSpanningTwoSegmentsStartInTheFirst() throws IOException {
        List<WebSocketMessage> client = deframe(directions().get("client"), true);
        assertThat(client.get(0).firstTag()).isEqualTo(10);
        assertThat(client.get(0).lastTag()).isEqualTo(11);
        List<WebSocketMessage> server = deframe(directions().get("server"), false);
        assertThat(server).filteredOn(m -> m.lastTag() == 34).singleElement()
                .satisfies(m -> assertThat(m.firstTag()).isEqualTo(33));
    }

    @Test
    void eachDirectionGivesTheSameMessagesWhereverItIsSplit() throws IOException {
        Map<String, List<Segment>> dirs = directions();
        assertSameAtEverySplit(dirs.get("client"), 5);
        assertSameAtEverySplit(dirs.get("server"), 6);
    }

    private static void assertSameAtEverySplit(List<Segment> segments, int messages) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        segments.forEach(s -> all.writeBytes(s.payload()));
        byte[] stream = all.toByteArray();
        int head = WebSocketHandshake.headLength(stream, 0, stream.length);
        List<WebSocketMessage> expected = new WebSocketDeframer().feed(stream, head, stream.length - head, 0);
        assertThat(expected).hasSize(messages);
        for (int cut = head; cut <= stream.length; cut++) {
            WebSocketDeframer d = new WebSocketDeframer();
            List<WebSocketMessage> got = new ArrayList<>(d.feed(stream, head, cut - head, 1));
            got.addAll(d.feed(stream, cut, stream.length - cut, 2));
            if (!samePayloads(got, expected)) {
                throw new AssertionError("split at " + cut + ": " + got);
            }
        }
    }

    private static boolean samePayloads(List<WebSocketMessage> a, List<WebSocketMessage> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i).payload(), b.get(i).payload()) || !a.get(i).anomalies().isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
