package io.sipvista.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sipvista.sip.sdp.Candidate;
import io.sipvista.sip.sdp.Connection;
import io.sipvista.sip.sdp.Crypto;
import io.sipvista.sip.sdp.Origin;
import io.sipvista.sip.sdp.Rtcp;
import io.sipvista.sip.sdp.RtpMap;
import io.sipvista.sip.sdp.Sdp;
import io.sipvista.sip.sdp.SdpMedia;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The {@code sdp} object of {@code sipvista.frames/1} (see docs/frames-json.md). Field order is fixed. */
final class SdpJson {
    private SdpJson() {
    }

    static void write(JsonGenerator g, Sdp sdp) throws IOException {
        g.writeStartObject();
        Origin o = sdp.origin();
        if (o == null) {
            g.writeNullField("origin");
        } else {
            g.writeFieldName("origin");
            g.writeStartObject();
            string(g, "username", o.username());
            string(g, "sessionId", o.sessionId());
            string(g, "sessionVersion", o.sessionVersion());
            string(g, "netType", o.netType());
            string(g, "addressType", o.addrType());
            string(g, "address", o.address());
            g.writeEndObject();
        }
        string(g, "sessionName", sdp.sessionName());
        string(g, "connection", text(sdp.connection()));
        string(g, "direction", sdp.direction());
        g.writeFieldName("media");
        g.writeStartArray();
        for (SdpMedia m : sdp.media()) {
            media(g, m);
        }
        g.writeEndArray();
        g.writeFieldName("lines");
        g.writeStartArray();
        for (Sdp.Line line : sdp.lines()) {
            g.writeString(line.toString()); // key material masked; --raw keeps the message as captured
        }
        g.writeEndArray();
        AnomalyJson.write(g, "anomalies", sdp.anomalies());
        g.writeEndObject();
    }

    private static void media(JsonGenerator g, SdpMedia m) throws IOException {
        g.writeStartObject();
        string(g, "type", m.type());
        g.writeNumberField("port", m.port());
        g.writeNumberField("portCount", m.portCount());
        string(g, "protocol", m.protocol());
        strings(g, "formats", m.formats());
        strings(g, "codecs", m.codecNames());
        string(g, "connection", text(m.effectiveConnection()));
        string(g, "direction", m.effectiveDirection());
        if (m.ptime() == null) {
            g.writeNullField("ptime");
        } else {
            g.writeNumberField("ptime", m.ptime());
        }
        g.writeFieldName("rtpmap");
        g.writeStartObject();
        for (Map.Entry<Integer, RtpMap> e : m.rtpmaps().entrySet()) {
            g.writeStringField(Integer.toString(e.getKey()), e.getValue().name());
        }
        g.writeEndObject();
        g.writeFieldName("fmtp");
        g.writeStartObject();
        for (Map.Entry<Integer, String> e : m.fmtps().entrySet()) {
            g.writeStringField(Integer.toString(e.getKey()), e.getValue());
        }
        g.writeEndObject();
        Rtcp r = m.rtcp();
        string(g, "rtcp", r == null ? null : r.address() == null ? Integer.toString(r.port())
                : r.port() + " " + r.netType() + " " + r.addrType() + " " + r.address());
        g.writeBooleanField("rtcpMux", m.rtcpMux());
        g.writeFieldName("crypto");
        g.writeStartArray();
        for (Crypto c : m.crypto()) {
            g.writeStartObject();
            g.writeNumberField("tag", c.tag());
            string(g, "suite", c.suite());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("candidates");
        g.writeStartArray();
        for (Candidate c : m.candidates()) {
            g.writeStartObject();
            string(g, "foundation", c.foundation());
            g.writeNumberField("component", c.component());
            string(g, "transport", c.transport());
            g.writeNumberField("priority", c.priority());
            string(g, "address", c.address());
            g.writeNumberField("port", c.port());
            string(g, "type", c.type());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** "IN IP4 192.0.2.1" (with "/ttl" and "/count" when given), or null. */
    static String text(Connection c) {
        if (c == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder().append(c.netType()).append(' ').append(c.addrType()).append(' ').append(c.address());
        if (c.ttl() != null) {
            sb.append('/').append(c.ttl());
        }
        if (c.count() != null) {
            sb.append('/').append(c.count());
        }
        return sb.toString();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeFieldName(name);
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }
}
