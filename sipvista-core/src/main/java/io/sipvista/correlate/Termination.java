package io.sipvista.correlate;

/** How a dialog ended. */
public enum Termination {
    /** A BYE was answered with a final response (RFC 3261 §15). */
    BYE,
    /** The initial INVITE got a non-2xx final response other than 487 (RFC 3261 §12.3). */
    REJECTED,
    /** The initial INVITE got 487 Request Terminated, normally after a CANCEL (RFC 3261 §9). */
    CANCELLED,
    /** An early dialog of a forked INVITE whose other fork was answered with a 2xx; it never was (§13.2.2.4). */
    OTHER_FORK_ANSWERED,
    /** Its last subscription ended: a NOTIFY with Subscription-State terminated (RFC 6665 §4.4.1). */
    SUBSCRIPTION_ENDED,
    /** A request in it was answered 481 Call/Transaction Does Not Exist or 408 (RFC 3261 §12.2.1.2). */
    NO_SUCH_DIALOG
}
