package io.sipvista.sip.sdp;

/**
 * A {@code c=} line: where media is sent. For multicast the address may carry {@code /ttl} (IPv4 only) and
 * {@code /count}; they are split off into {@link #ttl()} and {@link #count()} and {@link #address()} is the bare
 * address.
 *
 * @param netType  network type, normally {@code IN}
 * @param addrType address type, normally {@code IP4} or {@code IP6}
 * @param address  the address or host name without any {@code /ttl/count} suffix
 * @param ttl      IPv4 multicast time-to-live, or null when not given
 * @param count    number of consecutive multicast addresses, or null when not given
 */
public record Connection(String netType, String addrType, String address, Integer ttl, Integer count) {
    /** True for the RFC 3264 "hold" address {@code 0.0.0.0}. */
    public boolean unspecified() {
        return "0.0.0.0".equals(address);
    }
}
