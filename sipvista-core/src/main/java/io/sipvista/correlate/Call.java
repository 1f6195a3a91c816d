package io.sipvista.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One call as {@link CallAssembler} put it together: its legs (one per Call-ID, B2BUA sides tied), who called
 * whom, its timeline in capture time, how it ended and what it negotiated.
 *
 * @param id            {@code call-1}, {@code call-2} ... in order of first frame
 * @param callIds       the Call-IDs of its legs, in leg order
 * @param caller        From of the first leg's INVITE
 * @param callee        To of the first leg's INVITE (user from the Request-URI when the To has none)
 * @param legs          its legs in order of first frame; the first is where the call came from
 * @param start         the first leg's first INVITE
 * @param ring          the first 180-189 on any leg; null when none
 * @param answer        the first leg's 2xx; null when it was not answered
 * @param end           for an answered call, the BYE of {@link #hungUpBy()} (else the latest end of an answered
 *                      leg, e.g. a 481); otherwise the first leg's end (CANCEL, failure response); null when still
 *                      up or no final response came
 * @param postDialDelay start to ring; null without a ring
 * @param talkTime      answer to end; null unless both are known
 * @param hungUpBy      who sent the BYE that ended it; null without a BYE
 * @param outcome       how it ended (the first leg's outcome; {@link CallOutcome#STILL_UP} while an answered leg
 *                      has no BYE)
 * @param finalStatus   the first leg's final status; 0 when none
 * @param codec         the first codec of the answer to the first leg's initial offer that is not
 *                      {@code telephone-event}, e.g. {@code PCMU/8000}; null when no answer SDP was seen
 * @param codecs        every codec of that answer, in order (all non-rejected media sections)
 * @param frames        every frame of every transaction of its Call-IDs, in order
 */
public record Call(String id, List<String> callIds, CallParty caller, CallParty callee, List<CallLeg> legs,
                   Instant start, Instant ring, Instant answer, Instant end, Duration postDialDelay,
                   Duration talkTime, HangUp hungUpBy, CallOutcome outcome, int finalStatus, String codec,
                   List<String> codecs, List<Long> frames) {
    public Call {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        callIds = List.copyOf(callIds);
        legs = List.copyOf(legs);
        codecs = List.copyOf(codecs);
        frames = FrameNumbers.copyOf(frames);
    }

    /** Which side of a call sent something. */
    public enum Side {
        /** The calling side: the sender of the leg's INVITE. */
        CALLER,
        /** The called side: where the leg's INVITE went. */
        CALLEE
    }

    /**
     * Who ended an answered call: the first BYE sent by an endpoint of the call (a host that is not the B2BUA
     * between two of its legs), else the first BYE at all.
     *
     * @param side    the side that sent it, relative to the leg it was sent in
     * @param address the sender, {@code ip:port}
     * @param callId  the leg it was sent in
     * @param frame   the BYE's frame
     */
    public record HangUp(Side side, String address, String callId, long frame) {
    }
}
