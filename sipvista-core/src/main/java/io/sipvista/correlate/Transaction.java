package io.sipvista.correlate;

import io.sipvista.sip.CSeq;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One SIP transaction (RFC 3261 §17): a request, its retransmissions and its responses, as the capture shows them.
 * Retransmissions are listed as frames of the message they repeat, never as messages of their own.
 *
 * @param index              position in {@link Correlation#transactions()} (order of first frame)
 * @param key                what matched its messages
 * @param method             the request method (the CSeq method when only responses were seen)
 * @param callId             the Call-ID
 * @param cseq               the CSeq of the request
 * @param requestUri         the Request-URI; null when the request was not captured
 * @param client             the address the request came from ({@code ip:port}); for a transaction known only by
 *                           its responses, where they went
 * @param server             the address the request went to
 * @param transport          the transport of its first message
 * @param firstFrame         the frame of its first message
 * @param started            capture time of the first request, or of the first response when no request was seen
 * @param requestFrames      the request's frames: first, then retransmissions; empty when it was not captured
 * @param responses          distinct responses in order of arrival (a retransmission adds a frame to its response)
 * @param finalStatus        the status of the first final response; 0 when there was none
 * @param ackFrames          for an INVITE answered with a non-2xx: the ACK's frames (first, then retransmissions)
 * @param toFirstProvisional request to first 1xx (100 included), capture time; null when either was not seen
 * @param toFinal            request to first final response; null when either was not seen
 * @param cancels            for a CANCEL: the index of the INVITE transaction it cancels, else -1
 * @param cancelledBy        for an INVITE: the index of the first CANCEL for it, else -1
 * @param acknowledges       for an ACK for a 2xx or a PRACK: the INVITE transaction and the frame of the response
 *                           acknowledged (frame 0 when that response was not seen); null otherwise
 * @param relayOf            the index of the transaction whose request this one relays (a proxy added a Via on
 *                           top of that request's top Via, seen on both sides), else -1
 * @param dialogs            the dialogs its messages belong to, in order; several for a forked INVITE
 */
public record Transaction(int index, TransactionKey key, String method, String callId, CSeq cseq, String requestUri,
                          String client, String server, String transport, long firstFrame, Instant started,
                          List<Long> requestFrames, List<Response> responses, int finalStatus, List<Long> ackFrames,
                          Duration toFirstProvisional, Duration toFinal, int cancels, int cancelledBy,
                          Link acknowledges, int relayOf, List<DialogId> dialogs) {
    public Transaction {
        Objects.requireNonNull(key, "key");
        requestFrames = List.copyOf(requestFrames);
        responses = List.copyOf(responses);
        ackFrames = List.copyOf(ackFrames);
        dialogs = List.copyOf(dialogs);
    }

    /**
     * One distinct response: the first time a status was sent with a given To tag (and RSeq), with the frames of
     * its retransmissions.
     *
     * @param status the status code
     * @param reason the reason phrase of its first copy
     * @param toTag  the To tag; null when the response had none
     * @param rseq   the RSeq of a reliable provisional response (RFC 3262); 0 when none
     * @param time   capture time of the first copy
     * @param frames the frames: first, then retransmissions
     */
    public record Response(int status, String reason, String toTag, long rseq, Instant time, List<Long> frames) {
        public Response {
            frames = List.copyOf(frames);
        }

        public boolean provisional() {
            return status < 200;
        }

        /** A reliable provisional response (RFC 3262): a 1xx with RSeq. */
        public boolean reliable() {
            return rseq > 0;
        }

        public long firstFrame() {
            return frames.isEmpty() ? 0 : frames.get(0);
        }

        public int retransmissions() {
            return Math.max(0, frames.size() - 1);
        }
    }

    /**
     * A reference to a message of another transaction.
     *
     * @param transaction the transaction's index
     * @param frame       the frame of the message; 0 when it was not seen
     */
    public record Link(int transaction, long frame) {
    }

    /** True when the request was captured (false for a transaction known from its responses only). */
    public boolean requestSeen() {
        return !requestFrames.isEmpty();
    }

    /** The first final response; null when none was seen. */
    public Response finalResponse() {
        for (Response r : responses) {
            if (!r.provisional()) {
                return r;
            }
        }
        return null;
    }

    /** Request, response and ACK copies beyond the first of each. */
    public int retransmissions() {
        int n = Math.max(0, requestFrames.size() - 1) + Math.max(0, ackFrames.size() - 1);
        for (Response r : responses) {
            n += r.retransmissions();
        }
        return n;
    }

    /** Every frame of the transaction, in frame order. */
    public List<Long> frames() {
        List<Long> out = new ArrayList<>(requestFrames);
        for (Response r : responses) {
            out.addAll(r.frames());
        }
        out.addAll(ackFrames);
        out.sort(null);
        return out;
    }

    /** The statuses of the distinct responses, in order of arrival. */
    public List<Integer> statuses() {
        List<Integer> out = new ArrayList<>(responses.size());
        for (Response r : responses) {
            out.add(r.status());
        }
        return out;
    }
}
