package io.sipvista.correlate;

import io.sipvista.sip.CSeq;
import io.sipvista.sip.sdp.Sdp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One transaction while the capture is read: mutable, owned by {@link TransactionMatcher}; becomes a {@link Transaction}. */
final class TransactionBuilder {
    private static final ResponseBuilder[] NO_RESPONSES = {};
    /** Up to this many responses are looked through for the one a response repeats; beyond, they are indexed. */
    static final int SCAN_RESPONSES = 8;

    /** What a retransmitted response repeats of the first copy. */
    private record ResponseKey(int status, long rseq, String toTag) {
    }
    /** No transactions: the shared empty array. */
    static final TransactionBuilder[] NONE = {};
    private static final DialogBuilder[] NO_DIALOGS = {};

    /** One distinct response while being read. */
    static final class ResponseBuilder {
        final int status;
        final String reason;
        final String toTag;
        final long rseq;
        /** Capture time of the first copy in seconds and nanoseconds: no {@link Instant} held per response. */
        private final long seconds;
        private final int nanos;
        /** The frame of the first copy. */
        final long frame;
        /** The frames of its retransmissions; null until the first. */
        private FrameList retransmissions;

        ResponseBuilder(MessageFacts f) {
            this.status = f.status;
            this.reason = f.reason;
            this.toTag = f.toTag;
            this.rseq = f.rseq;
            this.seconds = f.time.getEpochSecond();
            this.nanos = f.time.getNano();
            this.frame = f.frame;
        }

        boolean repeats(MessageFacts f) {
            return status == f.status && rseq == f.rseq && Objects.equals(toTag, f.toTag);
        }

        /** Takes a retransmission's frame. */
        void repeated(long retransmission) {
            if (retransmissions == null) {
                retransmissions = new FrameList();
            }
            retransmissions.add(retransmission);
        }

        /** Capture time of the first copy. */
        Instant time() {
            return Instant.ofEpochSecond(seconds, nanos);
        }

        Transaction.Response build() {
            List<Long> frames = new ArrayList<>(1 + (retransmissions == null ? 0 : retransmissions.size()));
            frames.add(frame);
            if (retransmissions != null) {
                frames.addAll(retransmissions.toList());
            }
            return new Transaction.Response(status, reason, toTag, rseq, time(), frames);
        }
    }

    final int index;
    final TransactionKey key;
    final String method;
    final String callId;
    final CSeq cseq;
    final String fromTag;
    final long firstFrame;
    final String transport;
    String requestUri;
    String requestToTag;
    String client;
    String server;
    Instant started;
    Instant requestTime;
    final FrameList requestFrames = new FrameList();
    /**
     * The distinct responses in order of arrival: the first {@link #responseCount} of this array (it grows one at a
     * time up to a few, then by half again: a misbehaving fork sending thousands of provisional responses with
     * different To tags made appending one at a time quadratic).
     */
    private ResponseBuilder[] responses = NO_RESPONSES;
    private int responseCount;
    /** The responses by what makes one a retransmission of another, once there are more than a few; else null. */
    private Map<ResponseKey, ResponseBuilder> responseIndex;
    /** The first 2xx, or null. */
    private ResponseBuilder firstSuccess;
    ResponseBuilder finalResponse;
    /** For an INVITE answered with a non-2xx: the ACK's frames; null until the first. */
    private FrameList ackFrames;
    Instant lastActivity;
    int cancels = -1;
    int cancelledBy = -1;
    Transaction.Link acknowledges;
    /** For an ACK for a 2xx or a PRACK: the INVITE transaction whose response it acknowledges. */
    TransactionBuilder acknowledgedInvite;
    /** The transaction whose request this one relays (a proxy seen on both sides); null when none. */
    TransactionBuilder upstream;
    /** The transactions relaying this one's request downstream. */
    TransactionBuilder[] relays = NONE;
    /** The dialogs its messages belong to, in order. */
    DialogBuilder[] dialogs = NO_DIALOGS;
    /** The SDP offer of an initial INVITE, kept until its dialogs exist. */
    Sdp offer;
    long offerFrame;
    /** Still in the lookup table. */
    boolean open = true;
    /** Where it sits in its matcher's queue of expiries while open; -1 when not queued. */
    int expirySlot = -1;

    TransactionBuilder(int index, TransactionKey key, String method, MessageFacts f) {
        this.index = index;
        this.key = key;
        this.method = method;
        this.callId = f.callId;
        this.cseq = f.cseq;
        this.fromTag = f.fromTag;
        this.firstFrame = f.frame;
        this.transport = f.event.transport();
        this.started = f.time;
        this.lastActivity = f.time;
        if (f.request) {
            adoptRequest(f);
        } else {
            client = f.event.dst();
            server = f.event.src();
        }
    }

    /** Takes the request's fields from its first copy (also when its responses were seen first). */
    void adoptRequest(MessageFacts f) {
        requestUri = f.requestUri;
        requestToTag = f.toTag;
        client = f.event.src();
        server = f.event.dst();
        requestTime = f.time;
        if (requestFrames.isEmpty() && responseCount == 0) {
            started = f.time;
        }
        requestFrames.add(f.frame);
        lastActivity = f.time;
    }

    /** Takes a new distinct response, after the others. */
    void addResponse(ResponseBuilder r) {
        if (responseCount == responses.length) {
            int n = responseCount < SCAN_RESPONSES ? responseCount + 1 : responseCount + responseCount / 2;
            responses = Arrays.copyOf(responses, n);
        }
        responses[responseCount++] = r;
        if (firstSuccess == null && r.status >= 200 && r.status < 300) {
            firstSuccess = r;
        }
        if (responseIndex != null) {
            responseIndex.putIfAbsent(new ResponseKey(r.status, r.rseq, r.toTag), r);
        } else if (responseCount > SCAN_RESPONSES) {
            responseIndex = new HashMap<>();
            for (int i = 0; i < responseCount; i++) {
                ResponseBuilder x = responses[i];
                responseIndex.putIfAbsent(new ResponseKey(x.status, x.rseq, x.toTag), x);
            }
        }
    }

    /** The first response that {@code f} repeats (a retransmission: same status, RSeq and To tag), or null. */
    ResponseBuilder firstCopyOf(MessageFacts f) {
        if (responseIndex != null) {
            return responseIndex.get(new ResponseKey(f.status, f.rseq, f.toTag));
        }
        for (int i = 0; i < responseCount; i++) {
            if (responses[i].repeats(f)) {
                return responses[i];
            }
        }
        return null;
    }

    /** How many distinct responses. */
    int responseCount() {
        return responseCount;
    }

    /** Distinct response {@code i}, in order of arrival. */
    ResponseBuilder response(int i) {
        return responses[i];
    }

    /** Takes a copy of the ACK for a non-2xx final response; returns the frame of its first copy, 0 if this is it. */
    long addAck(long frame) {
        if (ackFrames == null) {
            ackFrames = new FrameList();
        }
        ackFrames.add(frame);
        return ackFrames.size() == 1 ? 0 : ackFrames.first();
    }

    /** The first hop of a relayed request: following {@link #upstream} to its end. */
    TransactionBuilder root() {
        TransactionBuilder t = this;
        while (t.upstream != null) {
            t = t.upstream;
        }
        return t;
    }

    boolean requestSeen() {
        return !requestFrames.isEmpty();
    }

    /** An out-of-dialog request that may create dialogs (INVITE, SUBSCRIBE, REFER), or one whose request was missed. */
    boolean creatingDialogs() {
        return ("INVITE".equals(method) || "SUBSCRIBE".equals(method) || "REFER".equals(method))
                && requestToTag == null;
    }

    ResponseBuilder firstSuccess() {
        return firstSuccess;
    }

    int finalStatus() {
        return finalResponse == null ? 0 : finalResponse.status;
    }

    void touch(Instant t) {
        if (t.isAfter(lastActivity)) {
            lastActivity = t;
        }
    }

    /** Whether the transaction has been idle long enough to leave the lookup table at {@code now}. */
    boolean expired(Instant now, CorrelatorLimits limits) {
        return Idle.longerThan(lastActivity, now, idleLimit(limits));
    }

    /**
     * How long it may be idle before it leaves the lookup table: the linger once done (a final response, or an
     * ACK for a 2xx, which gets none), else the open timeout.
     */
    Duration idleLimit(CorrelatorLimits limits) {
        boolean done = finalResponse != null || "ACK".equals(method); // an ACK for a 2xx gets no response
        return done ? limits.linger() : limits.openTimeout();
    }

    Transaction build() {
        List<Transaction.Response> rs = new ArrayList<>(responseCount);
        ResponseBuilder firstProvisional = null;
        for (int i = 0; i < responseCount; i++) {
            ResponseBuilder r = responses[i];
            rs.add(r.build());
            if (firstProvisional == null && r.status < 200) {
                firstProvisional = r;
            }
        }
        List<DialogId> ids = new ArrayList<>(dialogs.length);
        for (DialogBuilder d : dialogs) {
            ids.add(d.id);
        }
        return new Transaction(index, key, method, callId, cseq, requestUri, client, server, transport, firstFrame,
                started, requestFrames.toList(), rs, finalStatus(), ackFrames == null ? List.of() : ackFrames.toList(),
                sinceRequest(firstProvisional), sinceRequest(finalResponse), cancels, cancelledBy, acknowledges,
                upstream == null ? -1 : upstream.index, ids);
    }

    /** Capture time from the request to a response; null when either was not seen. */
    private Duration sinceRequest(ResponseBuilder r) {
        return requestTime == null || r == null ? null : Duration.between(requestTime, r.time());
    }
}
