package io.sipvista.correlate;

import io.sipvista.sip.CSeq;
import io.sipvista.sip.sdp.Sdp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One transaction while the capture is read: mutable, owned by {@link TransactionMatcher}; becomes a {@link Transaction}. */
final class TransactionBuilder {
    /** One distinct response while being read. */
    static final class ResponseBuilder {
        final int status;
        final String reason;
        final String toTag;
        final long rseq;
        final Instant time;
        final List<Long> frames = new ArrayList<>(1);

        ResponseBuilder(MessageFacts f) {
            this.status = f.status;
            this.reason = f.message.reason();
            this.toTag = f.toTag;
            this.rseq = f.rseq;
            this.time = f.time;
            frames.add(f.frame);
        }

        boolean repeats(MessageFacts f) {
            return status == f.status && rseq == f.rseq && java.util.Objects.equals(toTag, f.toTag);
        }

        Transaction.Response build() {
            return new Transaction.Response(status, reason, toTag, rseq, time, frames);
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
    final List<Long> requestFrames = new ArrayList<>(1);
    final List<ResponseBuilder> responses = new ArrayList<>(2);
    ResponseBuilder finalResponse;
    Instant firstProvisionalTime;
    Instant finalTime;
    final List<Long> ackFrames = new ArrayList<>(0);
    Instant lastActivity;
    int cancels = -1;
    int cancelledBy = -1;
    Transaction.Link acknowledges;
    /** For an ACK for a 2xx or a PRACK: the INVITE transaction whose response it acknowledges. */
    TransactionBuilder acknowledgedInvite;
    /** The transaction whose request this one relays (a proxy seen on both sides); null when none. */
    TransactionBuilder upstream;
    /** The transactions relaying this one's request downstream. */
    final List<TransactionBuilder> relays = new ArrayList<>(0);
    final List<DialogBuilder> dialogs = new ArrayList<>(1);
    /** The SDP offer of an initial INVITE, kept until its dialogs exist. */
    Sdp offer;
    long offerFrame;
    /** Still in the lookup table. */
    boolean open = true;

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
        if (requestFrames.isEmpty() && responses.isEmpty()) {
            started = f.time;
        }
        requestFrames.add(f.frame);
        lastActivity = f.time;
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
        for (ResponseBuilder r : responses) {
            if (r.status >= 200 && r.status < 300) {
                return r;
            }
        }
        return null;
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
        Duration idle = Duration.between(lastActivity, now);
        boolean done = finalResponse != null || "ACK".equals(method); // an ACK for a 2xx gets no response
        return idle.compareTo(done ? limits.linger() : limits.openTimeout()) > 0;
    }

    Transaction build() {
        List<Transaction.Response> rs = new ArrayList<>(responses.size());
        for (ResponseBuilder r : responses) {
            rs.add(r.build());
        }
        List<DialogId> ids = new ArrayList<>(dialogs.size());
        for (DialogBuilder d : dialogs) {
            ids.add(d.id);
        }
        Duration toProvisional = requestTime == null || firstProvisionalTime == null ? null
                : Duration.between(requestTime, firstProvisionalTime);
        Duration toFinal = requestTime == null || finalTime == null ? null : Duration.between(requestTime, finalTime);
        return new Transaction(index, key, method, callId, cseq, requestUri, client, server, transport, firstFrame,
                started, requestFrames, rs, finalStatus(), ackFrames, toProvisional, toFinal, cancels, cancelledBy,
                acknowledges, upstream == null ? -1 : upstream.index, ids);
    }
}
