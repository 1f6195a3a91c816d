package io.sipvista.sip.sdp;

/**
 * The {@code o=} line: who made the description and which version of it this is.
 *
 * <p>Every field is kept as written. {@code sessionId} and {@code sessionVersion} are strings because real
 * endpoints send numbers far beyond 64 bits (NTP timestamps, random digits); comparing versions is a string job
 * (a longer digit string is the larger number).
 *
 * @param username       the user name, {@code -} when the originator has none
 * @param sessionId      the session id, digits as written
 * @param sessionVersion the version of this description, digits as written; it grows on every change
 * @param netType        network type, normally {@code IN}
 * @param addrType       address type, normally {@code IP4} or {@code IP6}
 * @param address        the originator's address or host name
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
                     String address) {
}
