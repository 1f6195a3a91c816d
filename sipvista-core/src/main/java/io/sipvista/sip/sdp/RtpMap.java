package io.sipvista.sip.sdp;

/**
 * One {@code a=rtpmap:<pt> <encoding>/<clock>[/<channels>]} attribute: what an RTP payload type number stands for.
 *
 * @param payloadType the RTP payload type, 0 to 127
 * @param encoding    the encoding name as written ({@code PCMU}, {@code telephone-event}, {@code opus})
 * @param clockRate   the RTP clock rate in Hz
 * @param channels    the encoding parameters (audio channels) as written, or null when absent
 */
public record RtpMap(int payloadType, String encoding, int clockRate, String channels) {
    /** {@code encoding/clock[/channels]}, e.g. {@code PCMU/8000} or {@code opus/48000/2}. */
    public String name() {
        return channels == null ? encoding + "/" + clockRate : encoding + "/" + clockRate + "/" + channels;
    }

    /** Parses the text after {@code rtpmap:}; null when it is not valid. */
    static RtpMap parse(String value) {
        String[] f = Tokens.split(value, 2);
        if (f.length != 2) {
            return null;
        }
        int pt = Tokens.number(f[0], 127);
        String[] enc = f[1].split("/", -1);
        if (pt < 0 || enc.length < 2 || enc.length > 3 || enc[0].isEmpty() || !Tokens.isToken(enc[0])) {
            return null;
        }
        int clock = Tokens.number(enc[1], Integer.MAX_VALUE);
        if (clock <= 0) {
            return null;
        }
        String channels = null;
        if (enc.length == 3) {
            if (Tokens.number(enc[2], Integer.MAX_VALUE) <= 0) {
                return null;
            }
            channels = enc[2];
        }
        return new RtpMap(pt, enc[0], clock, channels);
    }
}
