package io.sipvista.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One media section: an {@code m=} line and the {@code i= c= b= k= a=} lines that follow it, with the attributes
 * that matter for finding and explaining the media already read.
 *
 * <p>{@code effective*} values apply the session-level fallback so that callers need not.
 *
 * @param lineNumber          the 1-based line number of the {@code m=} line
 * @param type                the media type: {@code audio}, {@code video}, {@code image}, {@code application} ...
 * @param port                the transport port; 0 for a rejected or disabled stream; -1 when unreadable
 * @param portCount           the number of ports ({@code m=video 49170/2 ...}), 1 when not given
 * @param protocol            the transport protocol as written: {@code RTP/AVP}, {@code RTP/SAVP},
 *                            {@code UDP/TLS/RTP/SAVPF}, {@code udptl} ...
 * @param formats             the formats as written on the m= line (payload type numbers for RTP)
 * @param connection          the media-level {@code c=}, or null
 * @param effectiveConnection the media-level {@code c=}, else the session-level one, else null
 * @param bandwidths          media-level {@code b=<type>:<value>} in order
 * @param rtpmaps             {@code a=rtpmap} by payload type, in order of appearance
 * @param fmtps               {@code a=fmtp} parameters by payload type, in order of appearance
 * @param ptime               {@code a=ptime} in milliseconds, or null
 * @param maxptime            {@code a=maxptime} in milliseconds, or null
 * @param direction           the media-level direction attribute, or null
 * @param effectiveDirection  media-level direction, else session-level, else {@code sendrecv}
 * @param rtcp                RFC 3605 {@code a=rtcp}, or null
 * @param rtcpMux             RFC 5761 {@code a=rtcp-mux} present
 * @param crypto              RFC 4568 {@code a=crypto} lines in order (key material redacted in toString)
 * @param candidates          ICE candidates in order
 * @param ice                 ICE is in use for this stream: {@code a=ice-ufrag} at either level, or a candidate
 * @param rtcpFeedback        RFC 4585 {@code a=rtcp-fb} in order
 * @param attributes          every media-level {@code a=} value in order
 */
public record SdpMedia(int lineNumber, String type, int port, int portCount, String protocol, List<String> formats,
                       Connection connection, Connection effectiveConnection, Map<String, Long> bandwidths,
                       Map<Integer, RtpMap> rtpmaps, Map<Integer, String> fmtps, Integer ptime, Integer maxptime,
                       String direction, String effectiveDirection, Rtcp rtcp, boolean rtcpMux, List<Crypto> crypto,
                       List<Candidate> candidates, boolean ice, List<RtcpFeedback> rtcpFeedback,
                       List<String> attributes) {

    public SdpMedia {
        formats = List.copyOf(formats);
        bandwidths = FrozenMaps.copy(bandwidths);
        rtpmaps = FrozenMaps.copy(rtpmaps);
        fmtps = FrozenMaps.copy(fmtps);
        crypto = List.copyOf(crypto);
        candidates = List.copyOf(candidates);
        rtcpFeedback = List.copyOf(rtcpFeedback);
        attributes = List.copyOf(attributes);
    }

    /** True when the protocol carries RTP ({@code RTP/AVP}, {@code RTP/SAVPF}, {@code UDP/TLS/RTP/SAVPF} ...). */
    public boolean rtp() {
        return isRtp(protocol);
    }

    static boolean isRtp(String protocol) {
        String p = protocol.toUpperCase(Locale.ROOT);
        return p.startsWith("RTP/") || p.contains("/RTP/");
    }

    /**
     * For each format on the m= line, what it means: the rtpmap's {@code encoding/clock[/channels]}, else the
     * RFC 3551 static name ({@code 0} is {@code PCMU/8000}, {@code 18} is {@code G729/8000} ...), else the format
     * as written (an unknown payload type number, {@code t38}, {@code webrtc-datachannel} ...).
     */
    public List<String> codecNames() {
        List<String> out = new ArrayList<>(formats.size());
        boolean rtp = rtp();
        for (String f : formats) {
            String name = null;
            int pt = rtp ? Tokens.number(f, 127) : -1;
            if (pt >= 0) {
                RtpMap m = rtpmaps.get(pt);
                name = m != null ? m.name() : StaticPayloadTypes.name(pt);
            }
            out.add(name != null ? name : f);
        }
        return out;
    }

    /**
     * On hold in the RFC 3264 sense: the effective direction is {@code sendonly} or {@code inactive}, or the
     * effective connection address is {@code 0.0.0.0} (the older RFC 2543 way) on a stream that does not use ICE
     * (with ICE, RFC 8840 puts {@code 0.0.0.0} there until candidates are known). A rejected stream (port 0) is
     * not on hold by port alone.
     */
    public boolean held() {
        return "sendonly".equals(effectiveDirection) || "inactive".equals(effectiveDirection)
                || (!ice && effectiveConnection != null && effectiveConnection.unspecified());
    }

    /** Rejected or disabled: port 0 (RFC 3264 section 6). */
    public boolean rejected() {
        return port == 0;
    }

    /** The {@code a=mid} value (RFC 5888), or null. */
    public String mid() {
        return attribute("mid");
    }

    /**
     * The value of the first media-level attribute with this name (case-insensitive): the text after the colon,
     * "" for a flag attribute such as {@code rtcp-mux}, null when there is none.
     */
    public String attribute(String name) {
        return Attributes.find(attributes, name);
    }

    /** True when a media-level attribute of this name is present. */
    public boolean hasAttribute(String name) {
        return attribute(name) != null;
    }

    /** {@code audio 2222 RTP/AVP [PCMA/8000, PCMU/8000] sendrecv}; no attribute values, so no key material. */
    @Override
    public String toString() {
        return type + " " + port + (portCount != 1 ? "/" + portCount : "") + " " + protocol + " " + codecNames()
                + " " + effectiveDirection;
    }
}
