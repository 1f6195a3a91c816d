package io.sipvista.sip.sdp;

/**
 * RFC 3605 {@code a=rtcp:<port> [<nettype> <addrtype> <address>]}: where RTCP goes when it is not on the RTP port
 * plus one.
 *
 * @param port     the RTCP port
 * @param netType  network type, or null when no address is given
 * @param addrType address type, or null when no address is given
 * @param address  the RTCP address, or null when no address is given (the media's connection address applies)
 */
public record Rtcp(int port, String netType, String addrType, String address) {
    /** Parses the text after {@code rtcp:}; null when it is not valid. */
    static Rtcp parse(String value) {
        String[] f = Tokens.split(value);
        if (f.length != 1 && f.length != 4) {
            return null;
        }
        int port = Tokens.number(f[0], 65535);
        if (port < 0) {
            return null;
        }
        return f.length == 1 ? new Rtcp(port, null, null, null) : new Rtcp(port, f[1], f[2], f[3]);
    }
}
