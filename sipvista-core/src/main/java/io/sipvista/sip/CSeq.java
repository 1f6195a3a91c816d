package io.sipvista.sip;

import java.util.Objects;

/**
 * The CSeq header: a sequence number and the method of the transaction (RFC 3261 §20.16).
 *
 * @param number the sequence number (RFC 3261 asks for less than 2^31; larger ones are kept and flagged)
 * @param method the method as written (case-sensitive, like every SIP method)
 */
public record CSeq(long number, String method) {
    public CSeq {
        Objects.requireNonNull(method, "method");
    }

    /**
     * Reads a CSeq value ({@code "314159 INVITE"}): 1 to 10 digits, whitespace, a token. Null when it is not of that
     * form.
     */
    public static CSeq parse(String value) {
        String v = SipText.trim(value);
        int i = 0;
        while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
            i++;
        }
        if (i == 0 || i > 10 || i == v.length() || !SipText.isWs(v.charAt(i))) {
            return null;
        }
        long n = Long.parseLong(v.substring(0, i));
        String method = SipMethods.shared(SipText.trim(v.substring(i)));
        if (!SipText.isToken(method)) {
            return null;
        }
        return new CSeq(n, method);
    }

    @Override
    public String toString() {
        return number + " " + method;
    }
}
