package io.sipvista.correlate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The registrations of one address-of-record (RFC 3261 §10): every REGISTER transaction for it, what each asked
 * for and what the registrar granted, and the bindings in force at the end of the capture.
 *
 * @param aor        the address-of-record: the To URI of the REGISTERs
 * @param firstFrame the first REGISTER (or response) for it
 * @param attempts   its REGISTER transactions in order
 * @param bindings   the contacts bound at the end of the capture, as the last 2xx listed them
 */
public record Registration(String aor, long firstFrame, List<Attempt> attempts, List<Binding> bindings) {
    public Registration {
        Objects.requireNonNull(aor, "aor");
        attempts = List.copyOf(attempts);
        bindings = List.copyOf(bindings);
    }

    /** What a REGISTER was for, from its contacts and the bindings in force when it was sent. */
    public enum Purpose {
        /** Adds a contact not bound before in the capture. */
        REGISTER,
        /** Renews a contact the registrar had already granted in the capture (RFC 3261 §10.2.4). */
        REFRESH,
        /** Removes bindings: every contact asks for expiry 0, or {@code Contact: *} (§10.2.2). */
        DEREGISTER,
        /** Has no Contact: asks for the current bindings (§10.2.3). */
        QUERY,
        /** Only the response was captured. */
        UNKNOWN
    }

    /**
     * One REGISTER transaction.
     *
     * @param transaction   its index in {@link Correlation#transactions()}
     * @param requestFrame  the request's first frame; 0 when only the response was captured
     * @param callId        the Call-ID
     * @param cseq          the CSeq number
     * @param purpose       what it was for
     * @param credentials   it carried Authorization or Proxy-Authorization
     * @param retryOf       index of the transaction it retries (same Call-ID, lower CSeq, answered 401, 407 or
     *                      423); -1 when it is not a retry
     * @param wildcard      {@code Contact: *}
     * @param contacts      each contact asked for, with the expiry asked and the one granted
     * @param status        the final status; 0 when none was seen
     * @param responseFrame the final response's frame; 0 when none
     * @param minExpires    Min-Expires of a 423 Interval Too Brief; null otherwise
     * @param reason        the final response's reason phrase; null when none was seen
     */
    public record Attempt(int transaction, long requestFrame, String callId, long cseq, Purpose purpose,
                          boolean credentials, int retryOf, boolean wildcard, List<ContactExpiry> contacts,
                          int status, long responseFrame, Integer minExpires, String reason) {
        public Attempt {
            contacts = List.copyOf(contacts);
        }

        /** Answered 401 or 407: the registrar wants credentials. */
        public boolean challenged() {
            return status == 401 || status == 407;
        }

        /** Answered 423 Interval Too Brief. */
        public boolean tooBrief() {
            return status == 423;
        }

        public boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * One contact of a REGISTER.
     *
     * @param uri       the contact URI as the REGISTER wrote it
     * @param requested the expiry asked for: the contact's {@code expires} parameter, else the Expires header;
     *                  null when neither was given (the registrar chooses)
     * @param granted   the expiry in the 2xx's Contact for this binding ({@code expires} parameter, else its
     *                  Expires header); null when there was no 2xx or it did not list the contact
     */
    public record ContactExpiry(String uri, Integer requested, Integer granted) {
    }

    /**
     * A binding in force.
     *
     * @param uri       the contact URI as the registrar listed it
     * @param expires   the granted expiry in seconds; null when the registrar gave none
     * @param frame     the 2xx that granted it
     * @param expiresAt capture time at which it lapses; null when no expiry was given
     */
    public record Binding(String uri, Integer expires, long frame, Instant expiresAt) {
    }
}
