package io.sipvista.correlate;

/**
 * How a call (or one of its legs) ended, read from the final response to its INVITE and what followed it.
 * 3xx redirects that end a leg count as {@link #REJECTED} with their code.
 */
public enum CallOutcome {
    /** Answered with a 2xx and ended in the capture: by a BYE, or a 481 or 408 that ended the dialog. */
    ANSWERED,
    /** 486 Busy Here or 600 Busy Everywhere. */
    BUSY,
    /** Any other non-2xx final response (3xx, 4xx, 5xx, 6xx other than those named here); the code says which. */
    REJECTED,
    /** A CANCEL was sent for the INVITE, or it got 487 Request Terminated. */
    CANCELLED,
    /** 408 Request Timeout or 480 Temporarily Unavailable: nobody picked up. */
    NO_ANSWER,
    /**
     * No response at all for 32 s or more of the capture after the INVITE: the client transaction timed out (RFC
     * 3261 Timer B).
     */
    FAILED,
    /**
     * No final response by the end of the capture, which ended (or jumped) while the INVITE was still ringing or
     * within Timer B: how the call went cannot be told from this capture.
     */
    PENDING,
    /** Answered, and not ended before the end of the capture (for a call: some answered leg did not end). */
    STILL_UP
}
