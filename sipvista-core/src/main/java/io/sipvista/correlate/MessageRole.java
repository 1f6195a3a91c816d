package io.sipvista.correlate;

/** What a message is in its transaction and dialog. */
public enum MessageRole {
    /** A request without a To tag: outside any dialog (REGISTER, OPTIONS, an initial INVITE or SUBSCRIBE...). */
    REQUEST,
    /** A request with a To tag, inside a dialog (re-INVITE, UPDATE, PRACK, BYE, NOTIFY, INFO, REFER...). */
    IN_DIALOG_REQUEST,
    /** An ACK for a non-2xx final response: part of the INVITE transaction (RFC 3261 §17.1.1.3). */
    ACK_FOR_NON_2XX,
    /** An ACK for a 2xx: a transaction of its own, with a new branch (RFC 3261 §13.2.2.4). */
    ACK_FOR_2XX,
    /** A CANCEL: its own transaction, sharing the branch of the request it cancels (RFC 3261 §9.1). */
    CANCEL,
    /** A 1xx response. */
    PROVISIONAL,
    /** A 2xx final response. */
    FINAL_2XX,
    /** A 3xx-6xx final response. */
    FINAL_NON_2XX,
    /** Not placed: {@link MessageContext#uncorrelatable()} says why. */
    UNCORRELATABLE
}
