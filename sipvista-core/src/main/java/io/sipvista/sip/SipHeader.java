package io.sipvista.sip;

import java.util.Objects;

/**
 * One header line of a SIP message, as received.
 *
 * @param name     canonical name: compact forms expanded ({@code "f"} is {@code "From"}), well-known names in their
 *                 usual spelling ({@code "call-id"} is {@code "Call-ID"}); unknown names as on the wire
 * @param wireName the name exactly as written (without surrounding whitespace)
 * @param value    the value with folded continuation lines joined by one space, trimmed
 * @param line     1-based line of the message on which the header starts (the start line is line 1)
 */
public record SipHeader(String name, String wireName, String value, int line) {
    public SipHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(wireName, "wireName");
        Objects.requireNonNull(value, "value");
    }

    /** True when this header is the one named, compact forms and case folded ({@code is("i")} on Call-ID). */
    public boolean is(String anyName) {
        return name.equalsIgnoreCase(HeaderNames.canonical(anyName));
    }
}
