package io.sipvista.correlate;

/**
 * One end of a call or leg as its From, To or Request-URI names it.
 *
 * @param displayName the display name; null when there is none
 * @param user        the user part of the URI ({@code 4182618006} of {@code sip:4182618006@host;user=phone}),
 *                    without parameters; null when the URI has none
 * @param uri         the URI as written, without angle brackets; null when the header was not captured
 */
public record CallParty(String displayName, String user, String uri) {
    /** No party known. */
    static final CallParty UNKNOWN = new CallParty(null, null, null);
}
