package io.sipvista.correlate;

/** Which message carried an offer or an answer (RFC 3264; where each may be, RFC 6337 §2). */
public enum SdpCarrier {
    /** The initial INVITE. */
    INVITE,
    /** An INVITE within the dialog. */
    REINVITE,
    /** An unreliable 1xx: its SDP previews the answer but is not the answer (RFC 3261 §13.2.1). */
    PROVISIONAL,
    /** A reliable 1xx (RFC 3262, with RSeq). */
    RELIABLE_PROVISIONAL,
    /** A 2xx to an INVITE or re-INVITE. */
    INVITE_2XX,
    /** The ACK for a 2xx. */
    ACK,
    /** A PRACK. */
    PRACK,
    /** A 2xx to a PRACK. */
    PRACK_2XX,
    /** An UPDATE (RFC 3311). */
    UPDATE,
    /** A 2xx to an UPDATE. */
    UPDATE_2XX
}
