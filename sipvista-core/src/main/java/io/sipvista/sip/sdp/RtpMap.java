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

    /**
     * Reads {@code <encoding>/<clock>[/<channels>]}, the characters of {@code text} from {@code from} to {@code to},
     * as what payload type {@code pt} stands for; null when it is not valid (or {@code pt} is negative). Read in
     * place: the only strings made are the encoding and channels kept, taken from {@code pool} when there is one.
     */
    static RtpMap parse(int pt, String text, int from, int to, SdpStrings pool) {
        int slash = Tokens.indexOf(text, '/', from, to);
        if (pt < 0 || slash == to || !Tokens.isToken(text, from, slash)) {
            return null; // no clock rate, or a bad encoding name
        }
        int second = Tokens.indexOf(text, '/', slash + 1, to); // to when there are no channels
        int clock = Tokens.number(text, slash + 1, second, Integer.MAX_VALUE);
        // a fourth part leaves a slash in the channels, which are then no number
        if (clock <= 0 || (second < to && Tokens.number(text, second + 1, to, Integer.MAX_VALUE) <= 0)) {
            return null;
        }
        String encoding = text.substring(from, slash);
        String channels = second < to ? text.substring(second + 1, to) : null;
        return pool == null ? new RtpMap(pt, encoding, clock, channels)
                : new RtpMap(pt, pool.share(encoding), clock, channels == null ? null : pool.share(channels));
    }
}
