package io.sipvista.correlate;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.sip.CSeq;
import io.sipvista.sip.HeaderValuePool;
import io.sipvista.sip.NameAddr;
import io.sipvista.sip.SipMessage;
import io.sipvista.sip.Via;
import io.sipvista.sip.sdp.Sdp;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The fields of one message that correlation needs, read once and normalised, or the reason the message cannot be
 * placed. Sent-by is lower-cased; Call-ID, branch and tags are kept exactly (they are compared exactly).
 */
final class MessageFacts {
    static final String MAGIC_COOKIE = "z9hG4bK";

    final SipEvent event;
    final SipMessage message;
    final long frame;
    final Instant time;
    final boolean request;
    final String method;
    final int status;
    /** A response's reason phrase (shared through the pool: responses repeat a few); null for a request. */
    final String reason;
    final String requestUri;
    final String callId;
    final CSeq cseq;
    final NameAddr from;
    final NameAddr to;
    final String fromTag;
    final String toTag;
    final Via topVia;
    final String branch;
    final String sentBy;
    final boolean rfc3261;
    final long rseq;
    final String problem;

    private MessageFacts(SipEvent e, HeaderValuePool pool) {
        this.event = e;
        this.message = e.message();
        this.frame = e.frame();
        this.time = e.time();
        this.request = message.isRequest();
        this.method = message.method();
        this.status = message.status();
        String r = message.reason();
        this.reason = r == null || pool == null ? r : pool.text(r);
        this.requestUri = message.requestUri();
        String id = message.callId();
        this.callId = id == null ? null : id.strip();
        this.cseq = message.cseq();
        this.from = message.from();
        this.to = message.to();
        this.topVia = message.topVia();
        this.problem = problemOf(message, callId, cseq, from, to, topVia);
        if (problem != null) {
            fromTag = null;
            toTag = null;
            branch = null;
            sentBy = null;
            rfc3261 = false;
            rseq = 0;
            return;
        }
        String ft = from.tag();
        fromTag = ft == null ? "" : ft;
        toTag = to.tag();
        branch = topVia.branch() == null || topVia.branch().isEmpty() ? null : topVia.branch();
        String by = sentBy(topVia);
        sentBy = pool == null ? by : pool.text(by); // the same for every message of a transaction, held with it
        rfc3261 = branch != null && branch.regionMatches(true, 0, MAGIC_COOKIE, 0, MAGIC_COOKIE.length());
        rseq = request ? 0 : rseqOf(message);
    }

    /**
     * Reads the message; a message that cannot be placed comes back with {@link #problem} set. A request whose
     * From has no tag is noted ({@code correlate.from_tag.missing}); its responses repeat the From and are not.
     */
    /**
     * The sent-by of a Via, lower case, with the default port written out when it has none (5061 for TLS and WSS,
     * else 5060, RFC 3261 §18.2.2), so {@code 192.168.1.2} and {@code 192.168.1.2:5060} match as the same sender.
     */
    static String sentBy(Via via) {
        String s = via.sentBy().toLowerCase(Locale.ROOT);
        boolean hasPort = s.startsWith("[") ? s.contains("]:") : s.indexOf(':') >= 0;
        if (hasPort || s.isEmpty()) {
            return s;
        }
        String t = via.transport() == null ? "" : via.transport().toUpperCase(Locale.ROOT);
        return s + (t.equals("TLS") || t.equals("WSS") ? ":5061" : ":5060");
    }

    static MessageFacts read(SipEvent e, List<Anomaly> anomalies) {
        return read(e, anomalies, null);
    }

    /** {@link #read(SipEvent, List)}, taking the sent-by from {@code pool} when an equal one was read lately. */
    static MessageFacts read(SipEvent e, List<Anomaly> anomalies, HeaderValuePool pool) {
        MessageFacts f = new MessageFacts(e, pool);
        if (f.problem == null && f.request && f.from.tag() == null) {
            anomalies.add(Anomaly.of("correlate.from_tag.missing", "From " + f.from.uri()));
        }
        return f;
    }

    private static String problemOf(SipMessage m, String callId, CSeq cseq, NameAddr from, NameAddr to, Via via) {
        if (!m.isRequest() && !m.isResponse()) {
            return "neither a request nor a response";
        }
        if (m.isResponse() && (m.status() < 100 || m.status() > 699)) {
            return "the status code is not 100-699";
        }
        if (m.isRequest() && (m.method() == null || m.method().isEmpty())) {
            return "the request has no method";
        }
        if (callId == null || callId.isEmpty()) {
            return "no Call-ID";
        }
        if (cseq == null) {
            return m.header("CSeq") == null ? "no CSeq" : "the CSeq cannot be read";
        }
        if (from == null) {
            return "no From";
        }
        if (to == null) {
            return "no To";
        }
        if (via == null) {
            return "no Via";
        }
        if (via.sentBy().isEmpty()) {
            return "the top Via has no sent-by";
        }
        String bad = badTag("From", from);
        return bad != null ? bad : badTag("To", to);
    }

    private static String badTag(String header, NameAddr a) {
        if (!a.params().containsKey("tag")) {
            return null;
        }
        String tag = a.tag();
        if (tag.isEmpty()) {
            return "the " + header + " tag is empty";
        }
        if (!token(tag)) {
            return "the " + header + " tag is not a token";
        }
        return null;
    }

    /** RFC 3261 §25.1 token: alphanumerics and {@code -.!%*_+`'~}. */
    static boolean token(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-.!%*_+`'~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static long rseqOf(SipMessage m) {
        if (m.status() < 101 || m.status() > 199) {
            return 0;
        }
        Long n = number(m.header("RSeq"));
        return n == null || n <= 0 ? 0 : n;
    }

    /** A non-negative decimal number of at most 10 digits (trimmed); null otherwise. */
    static Long number(String v) {
        if (v == null) {
            return null;
        }
        String s = v.strip();
        if (s.isEmpty() || s.length() > 10) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(s);
    }

    /** A delta-seconds value as an int (larger values capped at Integer.MAX_VALUE); null when unreadable. */
    static Integer seconds(String v) {
        Long n = number(v);
        return n == null ? null : (int) Math.min(Integer.MAX_VALUE, n);
    }

    boolean success() {
        return !request && status >= 200 && status < 300;
    }

    /** The transaction key of this message for the given method. */
    TransactionKey key(String keyMethod) {
        if (rfc3261) {
            return new TransactionKey.Branch(branch, sentBy, keyMethod);
        }
        return new TransactionKey.Legacy(callId, cseq.number(), keyMethod, fromTag, legacyVia(topVia));
    }

    /** The key of the transaction this request relays: the second Via, when it has an RFC 3261 branch. */
    TransactionKey upstreamKey(String keyMethod) {
        Via v = message.via(1);
        if (v == null) {
            return null;
        }
        String b = v.branch();
        if (b == null || !b.regionMatches(true, 0, MAGIC_COOKIE, 0, MAGIC_COOKIE.length())) {
            return null;
        }
        return new TransactionKey.Branch(b, sentBy(v), keyMethod);
    }

    private static String legacyVia(Via v) {
        String s = v.transport() + " " + sentBy(v);
        return v.branch() == null ? s : s + ";branch=" + v.branch();
    }

    /** The first SDP body; null when none. */
    Sdp sdp() {
        return event.sdp().isEmpty() ? null : event.sdp().get(0);
    }

    /** A header's value stripped; null when absent. */
    String header(String name) {
        String v = message.header(name);
        return v == null ? null : v.strip();
    }
}
