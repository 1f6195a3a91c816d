package io.sipvista.correlate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One leg of a call: every INVITE dialog with one Call-ID, forks included (RFC 3261 §12, §13.2.2.4), with the
 * timing and outcome of its initial INVITE. A B2BUA's two sides are two legs of one {@link Call}.
 *
 * @param callId      the Call-ID
 * @param from        From of its first initial INVITE
 * @param to          To of its first initial INVITE
 * @param requestUri  the Request-URI of that INVITE; null when it was not captured
 * @param src         where that INVITE came from ({@code ip:port}); for a leg first seen mid-dialog, the sender of
 *                    its first message
 * @param dst         where it went
 * @param firstFrame  the frame of its first message
 * @param start       capture time of its first initial INVITE (else of its first message)
 * @param ring        the first 180-189 response to an initial INVITE; null when none
 * @param answer      the first 2xx to an initial INVITE; null when none (or answered before the capture)
 * @param end         the first BYE (else a 481 or 408 that ended the answered dialog), the CANCEL, or the final
 *                    failure response; null when still up or no final response came
 * @param finalStatus the 2xx status when answered, else the final status of its last initial INVITE; 0 when none
 * @param outcome     how it ended
 * @param tie         how it joined its call
 * @param dialogs     its INVITE dialogs in order of first frame (several for a forked INVITE)
 */
public record CallLeg(String callId, CallParty from, CallParty to, String requestUri, String src, String dst,
                      long firstFrame, Instant start, Instant ring, Instant answer, Instant end, int finalStatus,
                      CallOutcome outcome, Tie tie, List<DialogId> dialogs) {
    public CallLeg {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(tie, "tie");
        dialogs = List.copyOf(dialogs);
    }

    /** How a leg was tied to the call it belongs to. */
    public enum Tie {
        /** The first leg of its call. */
        FIRST,
        /**
         * A correlation header names the same call as an earlier leg: the same X-CID value (or an X-CID equal to
         * the other leg's Call-ID), the same Session-ID local UUID (RFC 7989), the same P-Charging-Vector
         * icid-value (RFC 7315).
         */
        HEADER,
        /** A transfer: its INVITE carries Replaces naming the other leg's Call-ID (RFC 3891), or Referred-By
         * after a REFER in the other leg whose Refer-To user is this INVITE's Request-URI user (RFC 3892). */
        TRANSFER,
        /**
         * No header ties it: its INVITE left the host the earlier leg's INVITE went to a few seconds later and at
         * least two of these agree: called number, SDP media address of the offer, answer time within a second,
         * the INVITE sent by the host the earlier one reached (see {@link CallAssembler}).
         */
        MATCH,
        /**
         * Its offered media address was put into an answered leg of the call by a re-INVITE or UPDATE sent by the
         * host this leg's INVITE went to, a few seconds later: a B2BUA bridged it in (retrieve, pickup, shared
         * appearance).
         */
        MEDIA
    }
}
