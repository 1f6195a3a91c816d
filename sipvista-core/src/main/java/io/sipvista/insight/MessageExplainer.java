package io.sipvista.insight;

import io.sipvista.correlate.Call;
import io.sipvista.correlate.Correlation;
import io.sipvista.correlate.Correlator;
import io.sipvista.correlate.Dialog;
import io.sipvista.correlate.DialogId;
import io.sipvista.correlate.MessageContext;
import io.sipvista.correlate.MessageRole;
import io.sipvista.correlate.Registration;
import io.sipvista.correlate.SdpCarrier;
import io.sipvista.correlate.SdpExchange;
import io.sipvista.correlate.SipEvent;
import io.sipvista.correlate.Subscription;
import io.sipvista.correlate.Transaction;
import io.sipvista.sip.CSeq;
import io.sipvista.media.Decimals;
import io.sipvista.media.SipInfoDtmf;
import io.sipvista.sip.NameAddr;
import io.sipvista.sip.SipMessage;
import io.sipvista.sip.sdp.Sdp;
import io.sipvista.sip.sdp.SdpMedia;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains each SIP message in one plain line that says what this capture shows it doing: which transaction it
 * answers and after how long, what a registrar granted of what was asked, which event package a subscription is for
 * and what state a NOTIFY reports, whether a 2xx carries the SDP answer to an offer. The meaning of a response comes
 * from its CSeq method and the transaction it answers, never from its status alone.
 *
 * <p>Detection is here; the words are in {@link InsightCatalog} ({@code insights.tsv}). Each message gives a lookup
 * chain (method, status, qualifiers for role and dialog state) and a set of values; the first entry whose
 * placeholders all have values is used, so a fact the capture does not show falls back to a more general line.
 *
 * <p>Reads the correlated model ({@link Correlation}, after {@link Correlator#finish()}) and the
 * {@link MessageContext} each message got when it was accepted; of the message itself it reads only parsed headers,
 * its parsed SDP and, for a NOTIFY, a one-line text body (MWI summary, refer sipfrag). Because the model is the
 * finished one, an explanation may name a later frame (the retry of a challenged request). Capture time only;
 * explanations of the same messages are always the same. Not thread-safe beyond reading: one per capture.
 */
public final class MessageExplainer {
    private static final Pattern REALM = Pattern.compile("realm\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern MESSAGES_WAITING = Pattern.compile("(?im)^\\s*messages-waiting\\s*:\\s*(\\w+)");
    private static final int MAX_CODECS = 4;

    private final Correlation model;
    private final InsightCatalog catalog;
    /** Indexes over the model, built once, so that explaining a capture stays linear. */
    private final Map<Integer, Registration.Attempt> attempts = new HashMap<>();
    private final Map<Integer, Subscription> notifies = new HashMap<>();
    private final Map<Integer, Subscription> subscribes = new HashMap<>();
    private final Map<Integer, Integer> askedBySubscribe = new HashMap<>();
    private final Map<DialogId, Dialog> dialogs = new HashMap<>();
    private final Map<String, List<Transaction>> byCallAndMethod = new HashMap<>();
    /** The call of each frame, when calls were assembled: a BYE of a multi-leg call may be a B2BUA's, not a hang-up. */
    private final Map<Long, Call> callOfFrame = new HashMap<>();

    public MessageExplainer(Correlation model) {
        this(model, InsightCatalog.standard());
    }

    /** With the calls of the capture: BYEs that a B2BUA sends on one leg are told apart from the hang-up itself. */
    public MessageExplainer(Correlation model, List<Call> calls) {
        this(model, InsightCatalog.standard());
        for (Call c : calls) {
            for (long f : c.frames()) {
                callOfFrame.putIfAbsent(f, c);
            }
        }
    }

    public MessageExplainer(Correlation model, InsightCatalog catalog) {
        this.model = Objects.requireNonNull(model, "model");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        for (Registration r : model.registrations()) {
            for (Registration.Attempt a : r.attempts()) {
                attempts.put(a.transaction(), a);
            }
        }
        for (Subscription s : model.subscriptions()) {
            for (Subscription.Notify n : s.notifies()) {
                notifies.put(n.transaction(), s);
            }
            if (s.subscribeTransaction() >= 0) {
                subscribes.put(s.subscribeTransaction(), s);
                if (s.requestedExpires() != null) {
                    askedBySubscribe.put(s.subscribeTransaction(), s.requestedExpires());
                }
            }
            for (Subscription.Refresh r : s.refreshes()) {
                subscribes.put(r.transaction(), s);
                if (r.requestedExpires() != null) {
                    askedBySubscribe.put(r.transaction(), r.requestedExpires());
                }
            }
        }
        for (Dialog d : model.dialogs()) {
            dialogs.putIfAbsent(d.id(), d);
        }
        for (Transaction t : model.transactions()) {
            if (t.requestSeen()) {
                byCallAndMethod.computeIfAbsent(t.callId() + "\n" + t.method(), k -> new ArrayList<>()).add(t);
            }
        }
    }

    /**
     * Correlates {@code events} (in capture order) and explains each: one insight per event, in the same order.
     */
    public static List<Insight> explainAll(List<SipEvent> events) {
        Correlator correlator = new Correlator();
        List<MessageContext> contexts = new ArrayList<>(events.size());
        for (SipEvent e : events) {
            contexts.add(correlator.accept(e));
        }
        MessageExplainer explainer = new MessageExplainer(correlator.finish());
        List<Insight> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            out.add(explainer.explain(events.get(i), contexts.get(i)));
        }
        return out;
    }

    /** The insight of one message, given the context {@link Correlator#accept} returned for it. */
    public Insight explain(SipEvent event, MessageContext context) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(context, "context");
        Facts x = new Facts(event, context);
        x.t = context.correlated() ? model.transaction(context.transaction()) : null;
        if (x.t == null) {
            x.put("why", context.uncorrelatable() == null ? "not in the model" : context.uncorrelatable());
            return x.render(List.of("uncorrelatable"));
        }
        x.dialog = dialogOf(context.dialog());
        x.method = x.request ? x.m.method() : responseMethod(x);
        x.put("method", x.method);
        if (context.retransmission()) {
            return retransmission(x);
        }
        if (x.request) {
            request(x);
        } else {
            response(x);
        }
        return x.render(catalog.chain(x.method, x.status, x.qualifiers));
    }

    private static String responseMethod(Facts x) {
        CSeq c = x.m.cseq();
        return c != null && !c.method().isEmpty() ? c.method() : x.t.method();
    }

    private Insight retransmission(Facts x) {
        long of = x.ctx.retransmissionOf();
        x.put("of", Long.toString(of));
        Instant first = null;
        if (x.request && x.t.requestFrames().contains(of)) {
            first = x.t.started();
        } else {
            for (Transaction.Response r : x.t.responses()) {
                if (r.frames().contains(of)) {
                    first = r.time();
                }
            }
        }
        if (first != null) {
            x.put("ms", millis(first, x.time));
        }
        return x.render(List.of("retransmission", "retransmission.untimed"));
    }

    // ------------------------------------------------------------------ requests

    private void request(Facts x) {
        switch (x.method) {
            case "REGISTER" -> register(x);
            case "INVITE" -> invite(x);
            case "ACK" -> ack(x);
            case "BYE" -> bye(x);
            case "CANCEL" -> cancel(x);
            case "SUBSCRIBE" -> subscribe(x);
            case "NOTIFY" -> notifyRequest(x);
            case "REFER" -> x.put("target", name(NameAddr.parse(orEmpty(x.m.header("Refer-To")))));
            case "INFO", "MESSAGE" -> {
                if (x.m.bodyLength() == 0) {
                    x.q("plain");
                } else if ("INFO".equals(x.method)
                        && SipInfoDtmf.read(x.m) instanceof SipInfoDtmf.Dtmf d) {
                    x.put("digit", d.event().isDigit() ? String.valueOf(d.digit()) : d.event().name());
                    if (d.durationMs().isPresent()) {
                        x.put("ms", Integer.toString(d.durationMs().getAsInt()));
                        x.q("dtmf");
                    } else {
                        x.q("dtmf-untimed");
                    }
                }
                x.put("type", x.m.contentType() == null ? "no type" : x.m.contentType());
            }
            case "PRACK" -> prack(x);
            case "UPDATE" -> {
                if (x.sdp != null) {
                    x.put("media", media(x.sdp));
                    x.q("offer");
                }
            }
            case "PUBLISH" -> x.put("package", eventPackage(x, eventName(x.m)));
            default -> {
                // the generic line: method, from, to
            }
        }
    }

    private void register(Facts x) {
        Registration.Attempt a = attempt(x.t.index());
        x.put("user", user(x.to == null ? null : x.to.uri()));
        if (a == null) {
            return;
        }
        if (!a.contacts().isEmpty()) {
            Registration.ContactExpiry c = a.contacts().get(0);
            x.put("contact", c.uri());
            if (c.requested() != null) {
                x.put("asked", c.requested().toString());
            }
        }
        switch (a.purpose()) {
            case DEREGISTER -> x.q(a.wildcard() ? "deregister-all" : "deregister");
            case QUERY -> x.q("query");
            default -> {
                if (a.retryOf() >= 0) {
                    x.q("retry");
                    Transaction.Response r = model.transaction(a.retryOf()).finalResponse();
                    if (r != null) {
                        x.put("challenge", Long.toString(r.firstFrame()));
                    }
                }
                if (a.purpose() == Registration.Purpose.REFRESH) {
                    x.q("refresh");
                }
                x.q("expiring");
            }
        }
    }

    private void invite(Facts x) {
        x.put("caller", name(x.from));
        x.put("callee", name(x.to));
        if (x.sdp != null) {
            x.put("media", media(x.sdp));
        }
        if (x.ctx.role() != MessageRole.IN_DIALOG_REQUEST) {
            if (x.sdp != null) {
                x.q("offer");
            }
            return;
        }
        if (x.sdp == null) {
            x.q("reinvite");
            return;
        }
        String held = heldDirection(x.sdp);
        if (held != null) {
            x.put("direction", held);
            x.q("hold");
        } else if (heldBefore(x)) {
            x.q("resume");
        }
        x.q("reinvite-offer");
    }

    private boolean heldBefore(Facts x) {
        if (x.dialog == null) {
            return false;
        }
        List<SdpExchange> ex = x.dialog.offerAnswer();
        for (int i = ex.size() - 1; i >= 0; i--) {
            SdpExchange e = ex.get(i);
            if (e.answered() && e.answerFrame() < x.frame && e.offerFrame() != x.frame) {
                return e.offerHolds() || e.answerHolds();
            }
        }
        return false;
    }

    private void ack(Facts x) {
        if (x.ctx.role() == MessageRole.ACK_FOR_NON_2XX) {
            Transaction.Response r = x.t.finalResponse();
            if (r != null) {
                x.put("resp", Long.toString(r.firstFrame()));
            }
            x.q("non2xx");
            return;
        }
        Transaction.Link link = x.t.acknowledges();
        if (link == null) {
            // no INVITE for it in the capture: a 2xx and a failure are acknowledged alike, so which one is unknown
            x.q("invite-unseen");
            return;
        }
        if (link.frame() == 0) {
            x.q("2xx-unseen");
            return;
        }
        x.put("ok", Long.toString(link.frame()));
        SdpExchange e = exchangeAnsweredIn(x);
        if (e != null && e.answerIn() == SdpCarrier.ACK) {
            x.put("media", media(e.answer()));
            x.q("2xx-answer");
        }
        x.q("2xx");
    }

    private void bye(Facts x) {
        x.put("who", name(x.from));
        Call call = callOfFrame.get(x.frame);
        if (call != null && call.legs().size() > 1 && call.hungUpBy() != null && call.hungUpBy().frame() != x.frame) {
            // A multi-leg call ended by another BYE: this one is the B2BUA's, on its own leg.
            x.put("sender", x.src == null ? "the server" : x.src);
            if (call.hungUpBy().frame() < x.frame) {
                x.put("by", Long.toString(call.hungUpBy().frame()));
                x.q("relay");
            } else {
                x.q("leg");
            }
            return;
        }
        if (x.dialog != null && x.dialog.initialTransaction() >= 0) {
            Transaction.Response ok = model.transaction(x.dialog.initialTransaction()).finalResponse();
            if (ok != null && ok.status() >= 200 && ok.status() < 300 && !ok.time().isAfter(x.time)) {
                x.put("s", seconds(ok.time(), x.time));
                x.q("talk");
            }
        }
    }

    private void cancel(Facts x) {
        x.put("who", name(x.from));
        if (x.t.cancels() >= 0) {
            Transaction invite = model.transaction(x.t.cancels());
            if (invite.requestSeen()) {
                x.put("invite", Long.toString(invite.requestFrames().get(0)));
                return;
            }
        }
        x.q("unseen");
    }

    private void subscribe(Facts x) {
        x.put("user", user(x.from == null ? null : x.from.uri()));
        x.put("package", eventPackage(x, eventName(x.m)));
        Integer asked = integer(x.m.header("Expires"));
        if (asked != null) {
            x.put("asked", asked.toString());
            if (asked == 0) {
                x.q("unsubscribe");
            }
        }
        if (x.ctx.role() == MessageRole.IN_DIALOG_REQUEST) {
            x.q("refresh");
        }
        x.q("expiring");
    }

    private void notifyRequest(Facts x) {
        String event = eventName(x.m);
        x.put("event", event.isEmpty() ? "event" : event);
        String state = orEmpty(x.m.header("Subscription-State"));
        NameAddr ss = NameAddr.parse("<x:>;" + state.replaceFirst("^\\s*[^;]*", "").replaceFirst("^;", ""));
        String value = state.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String expires = ss.param("expires");
        x.put("left", expires == null ? "" : " (" + expires + " s left)");
        x.put("detail", notifyDetail(x, event));
        switch (value) {
            case "active" -> x.q("active");
            case "pending" -> x.q("pending");
            case "terminated" -> {
                String reason = ss.param("reason");
                if (reason != null) {
                    x.put("reason", reason);
                    x.q("terminated");
                }
                x.q("terminated-plain");
            }
            default -> {
                // no or unknown Subscription-State: the generic NOTIFY line
            }
        }
    }

    /** What the NOTIFY body or headers report for the packages whose state fits one line ({@code detail.*}). */
    private String notifyDetail(Facts x, String event) {
        Map<String, String> v = new HashMap<>();
        String id = "detail." + event;
        if ("call-info".equals(event)) {
            String ci = x.m.header("Call-Info");
            if (ci != null) {
                NameAddr a = NameAddr.parse(ci.strip().startsWith("<") ? ci : "<x:>" + ci);
                v.put("state", a.param("appearance-state"));
                String index = a.param("appearance-index");
                v.put("index", index);
                if ("*".equals(index)) {
                    id = "detail.call-info.all";
                }
            }
        } else if ("message-summary".equals(event) && x.m.bodyLength() > 0) {
            Matcher w = MESSAGES_WAITING.matcher(new String(x.m.body(), StandardCharsets.UTF_8));
            if (w.find()) {
                v.put("waiting", w.group(1).toLowerCase(Locale.ROOT));
            }
        } else if ("refer".equals(event) && x.m.bodyLength() > 0) {
            String frag = new String(x.m.body(), StandardCharsets.UTF_8).strip().split("\r?\n", 2)[0];
            if (frag.startsWith("SIP/2.0 ")) {
                v.put("frag", frag.substring(8).strip());
            }
        }
        v.values().removeIf(Objects::isNull);
        InsightCatalog.Entry e = catalog.entry(id);
        return e == null ? "" : e.render(v).orElse("");
    }

    private void prack(Facts x) {
        Transaction.Link link = x.t.acknowledges();
        if (link != null && link.frame() != 0) {
            x.put("rel", Long.toString(link.frame()));
        }
        SdpExchange e = exchangeAnsweredIn(x);
        if (e != null && e.answerIn() == SdpCarrier.PRACK) {
            x.put("media", media(e.answer()));
            x.q("answer");
        }
    }

    // ------------------------------------------------------------------ responses

    private void response(Facts x) {
        if (x.t.requestSeen()) {
            x.put("req", Long.toString(x.t.requestFrames().get(0)));
            x.put("ms", millis(x.t.started(), x.time));
            x.put("s", seconds(x.t.started(), x.time));
        }
        if (x.status == 401 || x.status == 407) {
            challenge(x);
        }
        switch (x.method) {
            case "REGISTER" -> registerResponse(x);
            case "INVITE" -> inviteResponse(x);
            case "SUBSCRIBE" -> subscribeResponse(x);
            case "NOTIFY" -> {
                Subscription s = subscriptionOfNotify(x.t.index());
                if (s != null && !s.event().isEmpty()) {
                    x.put("event", s.event());
                }
            }
            case "UPDATE" -> {
                SdpExchange e = exchangeAnsweredIn(x);
                if (e != null && x.status < 300) {
                    x.put("media", media(e.answer()));
                    x.q("answer");
                }
            }
            default -> {
                // the generic lines by status
            }
        }
    }

    private void challenge(Facts x) {
        String h = x.m.header(x.status == 401 ? "WWW-Authenticate" : "Proxy-Authenticate");
        if (h != null) {
            Matcher r = REALM.matcher(h);
            x.put("realm", r.find() ? r.group(1) : "none given");
        } else {
            x.put("realm", "none given");
        }
        Transaction retry = retryOf(x.t);
        if (retry != null) {
            x.put("retry", Long.toString(retry.requestFrames().get(0)));
            x.q("retry");
        }
    }

    /** The next request of the same method and Call-ID with a higher CSeq, sent after this one. */
    private Transaction retryOf(Transaction t) {
        if (t.cseq() == null) {
            return null;
        }
        for (Transaction n : byCallAndMethod.getOrDefault(t.callId() + "\n" + t.method(), List.of())) {
            if (n.index() > t.index() && n.cseq() != null && n.cseq().number() > t.cseq().number()
                    && n.firstFrame() > t.firstFrame()) {
                return n;
            }
        }
        return null;
    }

    private void registerResponse(Facts x) {
        Registration.Attempt a = attempt(x.t.index());
        x.put("user", user(x.to == null ? null : x.to.uri()));
        if (x.status == 423) {
            String min = x.m.header("Min-Expires");
            if (min != null) {
                x.put("min", min.strip());
            }
        }
        if (a == null || x.status >= 300) {
            return;
        }
        List<String> contacts = x.m.values("Contact");
        x.put("count", Integer.toString(contacts.size()));
        switch (a.purpose()) {
            case DEREGISTER -> x.q("removed");
            case QUERY -> x.q("query");
            default -> {
                if (a.contacts().isEmpty()) {
                    return;
                }
                Registration.ContactExpiry c = a.contacts().get(0);
                x.put("contact", hostPort(c.uri()));
                if (c.requested() != null) {
                    x.put("asked", c.requested().toString());
                }
                if (c.granted() != null) {
                    x.put("granted", c.granted().toString());
                }
                for (String v : contacts) {
                    NameAddr n = NameAddr.parse(v);
                    if (n.uri() != null && sameContact(n.uri(), c.uri()) && n.param("q") != null) {
                        x.put("q", n.param("q"));
                    }
                }
                x.q("granted-q");
                x.q("granted");
            }
        }
    }

    private void inviteResponse(Facts x) {
        x.put("status", Integer.toString(x.status));
        SdpExchange answered = exchangeAnsweredIn(x);
        boolean reinvite = x.dialog != null && x.dialog.initialTransaction() >= 0
                && x.dialog.initialTransaction() != x.t.index() && x.dialog.initialTransaction() != x.t.relayOf();
        if (x.status < 200) {
            if (answered != null) {
                x.put("media", media(answered.answer()));
                x.q("reliable-answer");
            } else if (x.sdp != null) {
                x.put("media", media(x.sdp));
                x.q("early");
            }
        } else if (x.status < 300) {
            if (answered != null) {
                x.put("media", media(answered.answer()));
                if (reinvite) {
                    x.q(answered.offerHolds() || answered.answerHolds() ? "hold" : "reinvite-answer");
                } else {
                    x.q("answer");
                }
            } else if (x.sdp != null && offeredIn(x) != null) {
                x.put("media", media(x.sdp));
                x.q("offer");
            }
            if (reinvite) {
                x.q("reinvite");
            }
        } else if (x.status < 400) {
            String c = x.m.header("Contact");
            if (c != null) {
                x.put("contact", NameAddr.parse(c).uri());
                x.q("contact");
            }
        } else if (x.status == 487 && x.t.cancelledBy() >= 0) {
            Transaction c = model.transaction(x.t.cancelledBy());
            if (c.requestSeen()) {
                x.put("cancel", Long.toString(c.requestFrames().get(0)));
                x.q("cancel");
            }
        }
    }

    private void subscribeResponse(Facts x) {
        Subscription s = subscribes.get(x.t.index());
        Integer asked = askedBySubscribe.get(x.t.index());
        if (s == null) {
            return;
        }
        if (!s.event().isEmpty()) {
            x.put("event", s.event());
        }
        Integer granted = integer(x.m.header("Expires"));
        if (asked != null && granted != null) {
            x.put("asked", asked.toString());
            x.put("granted", granted.toString());
            x.q("granted");
        }
    }

    // ------------------------------------------------------------------ model lookups

    private Registration.Attempt attempt(int transaction) {
        return attempts.get(transaction);
    }

    private Subscription subscriptionOfNotify(int transaction) {
        return notifies.get(transaction);
    }

    /** The dialog with this id in either direction; null when none. */
    private Dialog dialogOf(DialogId id) {
        if (id == null) {
            return null;
        }
        Dialog d = dialogs.get(id);
        return d != null ? d : dialogs.get(id.reversed());
    }

    private static SdpExchange exchangeAnsweredIn(Facts x) {
        if (x.dialog == null) {
            return null;
        }
        for (SdpExchange e : x.dialog.offerAnswer()) {
            if (e.answerFrame() == x.frame && e.answer() != null) {
                return e;
            }
        }
        return null;
    }

    private static SdpExchange offeredIn(Facts x) {
        if (x.dialog == null) {
            return null;
        }
        for (SdpExchange e : x.dialog.offerAnswer()) {
            if (e.offerFrame() == x.frame) {
                return e;
            }
        }
        return null;
    }

    private String eventPackage(Facts x, String event) {
        x.put("event", event.isEmpty() ? "event" : event);
        InsightCatalog.Entry e = catalog.entry("event." + event);
        if (e == null) {
            e = catalog.entry("event");
        }
        if (e == null) {
            return event;
        }
        return e.render(Map.of("event", event.isEmpty() ? "unnamed" : event)).orElse(event);
    }

    // ------------------------------------------------------------------ wording of values

    private static String eventName(SipMessage m) {
        String e = m.header("Event");
        if (e == null) {
            return "";
        }
        return e.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /** A party's short name: the display name, else the user part of the URI, else the URI. */
    static String name(NameAddr a) {
        if (a == null) {
            return "someone";
        }
        if (a.displayName() != null && !a.displayName().isBlank()) {
            return a.displayName().strip();
        }
        return user(a.uri());
    }

    /** The user part of a SIP URI, else the URI without scheme. */
    static String user(String uri) {
        if (uri == null || uri.isEmpty()) {
            return "someone";
        }
        String u = uri;
        int colon = u.indexOf(':');
        if (colon >= 0 && colon < 6) {
            u = u.substring(colon + 1);
        }
        int at = u.indexOf('@');
        if (at > 0) {
            u = u.substring(0, at);
        }
        int semi = u.indexOf(';');
        return semi > 0 ? u.substring(0, semi) : u;
    }

    /** The host and port of a SIP URI ({@code 192.168.9.205:5060}). */
    static String hostPort(String uri) {
        String u = uri;
        int at = u.indexOf('@');
        if (at >= 0) {
            u = u.substring(at + 1);
        } else {
            int colon = u.indexOf(':');
            if (colon >= 0 && colon < 6) {
                u = u.substring(colon + 1);
            }
        }
        int end = u.length();
        for (char c : new char[] {';', '>', '?'}) {
            int i = u.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return u.substring(0, end);
    }

    private static boolean sameContact(String a, String b) {
        return hostPort(a).equalsIgnoreCase(hostPort(b)) && user(a).equals(user(b));
    }

    /** The media of an SDP body: {@code PCMU to 192.168.9.205:16468}, streams separated by {@code "; "}. */
    static String media(Sdp sdp) {
        if (sdp == null || sdp.media().isEmpty()) {
            return "no media";
        }
        StringBuilder out = new StringBuilder();
        for (SdpMedia m : sdp.media()) {
            if (!out.isEmpty()) {
                out.append("; ");
            }
            if (m.rejected()) {
                out.append(m.type()).append(" rejected");
                continue;
            }
            List<String> codecs = m.codecNames();
            List<String> shown = new ArrayList<>();
            for (String c : codecs) {
                if (shown.size() == MAX_CODECS) {
                    break;
                }
                int slash = c.indexOf('/');
                shown.add(slash > 0 ? c.substring(0, slash) : c);
            }
            out.append(shown.isEmpty() ? m.type() : String.join(", ", shown));
            if (codecs.size() > shown.size()) {
                out.append(" and ").append(codecs.size() - shown.size()).append(" more");
            }
            String addr = m.effectiveConnection() == null ? null : m.effectiveConnection().address();
            out.append(" to ").append(addr == null ? "?" : addr).append(':').append(m.port());
        }
        return out.toString();
    }

    /** The direction that holds media in this SDP ({@code sendonly}, {@code inactive}, {@code 0.0.0.0}); null. */
    private static String heldDirection(Sdp sdp) {
        for (SdpMedia m : sdp.media()) {
            if (!m.rejected() && m.held()) {
                String d = m.effectiveDirection();
                return "sendonly".equals(d) || "inactive".equals(d) ? d : "connection 0.0.0.0";
            }
        }
        return null;
    }

    private static String millis(Instant from, Instant to) {
        return Long.toString(Math.max(0, Duration.between(from, to).toMillis()));
    }

    private static String seconds(Instant from, Instant to) {
        long ms = Math.max(0, Duration.between(from, to).toMillis());
        return Decimals.format(ms / 1000.0, ms < 1000 ? 2 : 1);
    }

    private static Integer integer(String s) {
        if (s == null) {
            return null;
        }
        String v = s.strip();
        if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.valueOf(v);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** One message being explained: what is read from it, the qualifiers and the values found so far. */
    private final class Facts {
        final SipMessage m;
        final MessageContext ctx;
        final long frame;
        final Instant time;
        final boolean request;
        final int status;
        final NameAddr from;
        final NameAddr to;
        final Sdp sdp;
        final List<String> qualifiers = new ArrayList<>(3);
        final Map<String, String> values = new HashMap<>();
        Transaction t;
        Dialog dialog;
        String method;

        final String src;

        Facts(SipEvent e, MessageContext ctx) {
            this.src = e.src();
            this.m = e.message();
            this.ctx = ctx;
            this.frame = e.frame();
            this.time = e.time();
            this.request = m.isRequest();
            this.status = request ? 0 : m.status();
            this.from = m.from();
            this.to = m.to();
            this.sdp = e.sdp().isEmpty() ? null : e.sdp().get(0);
            method = request ? orEmpty(m.method()) : "";
            values.put("method", method);
            values.put("from", name(from));
            values.put("to", name(to));
            values.put("status", Integer.toString(status));
            values.put("reason", request ? "" : orEmpty(m.reason()));
        }

        void put(String key, String value) {
            if (value != null) {
                values.put(key, value);
            }
        }

        void q(String qualifier) {
            if (!qualifiers.contains(qualifier)) {
                qualifiers.add(qualifier);
            }
        }

        Insight render(List<String> chain) {
            return catalog.render(frame, chain, values).orElseGet(() -> new Insight(frame, "unexplained",
                    request ? method : status + " " + values.get("reason")));
        }
    }
}
