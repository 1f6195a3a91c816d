package io.sipvista.sip;

/**
 * The methods of RFC 3261 and its extensions as shared strings: a parsed method equal to one of them is that string,
 * so the start line and the CSeq of every held message do not each keep a copy of {@code INVITE}. Methods are
 * case-sensitive (RFC 3261 §7.1): {@code invite} stays as written.
 */
final class SipMethods {
    private static final SharedWords METHODS = SharedWords.of("INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS",
            "PRACK", "UPDATE", "INFO", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH");

    private SipMethods() {
    }

    /** The shared string equal to {@code method}, or {@code method} itself. */
    static String shared(String method) {
        return METHODS.shared(method);
    }
}
