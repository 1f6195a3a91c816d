package io.sipvista.report;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.correlate.Call;
import io.sipvista.correlate.SipEvent;
import io.sipvista.frame.CaptureTime;
import io.sipvista.report.ladder.Arrow;
import io.sipvista.report.ladder.Ladder;
import io.sipvista.report.ladder.Participant;
import io.sipvista.sip.SipMessage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The ladder of a call, or of every SIP message of a capture: hosts in order of first appearance, one arrow each. */
public final class LadderBuilder {
    private static final int AGENT_CHARS = 28;

    private LadderBuilder() {
    }

    /** Every SIP message of the capture, or those of {@code call} when it is not null. */
    public static Ladder of(CaptureAnalysis.Result a, Call call) {
        Set<Long> frames = call == null ? null : new HashSet<>(call.frames());
        Map<String, String> agents = new LinkedHashMap<>();
        List<Arrow> arrows = new ArrayList<>();
        for (CaptureAnalysis.Message m : a.messages()) {
            SipEvent e = m.event();
            if (frames != null && !frames.contains(e.frame())) {
                continue;
            }
            String from = e.src() == null ? "?" : e.src();
            String to = e.dst() == null ? "?" : e.dst();
            SipMessage msg = e.message();
            String agent = msg.header(msg.isRequest() ? "User-Agent" : "Server");
            agents.putIfAbsent(from, null);
            agents.putIfAbsent(to, null);
            if (agent != null && agents.get(from) == null) {
                agents.put(from, agent.length() > AGENT_CHARS ? agent.substring(0, AGENT_CHARS - 1) + "…" : agent);
            }
            String label = msg.isRequest() ? String.valueOf(msg.method()) : msg.status() + " " + msg.reason();
            if (!e.sdp().isEmpty()) {
                label += " (SDP)";
            }
            Arrow.Kind kind;
            if (m.context().retransmission()) {
                kind = Arrow.Kind.RETRANSMISSION;
            } else if (msg.isRequest()) {
                kind = Arrow.Kind.REQUEST;
            } else if (msg.status() < 200) {
                kind = Arrow.Kind.PROVISIONAL;
            } else if (msg.status() < 300) {
                kind = Arrow.Kind.SUCCESS;
            } else {
                kind = Arrow.Kind.FAILURE;
            }
            arrows.add(new Arrow(e.frame(), CaptureTime.iso(e.time()), from, to, label, kind));
        }
        List<Participant> participants = new ArrayList<>(agents.size());
        for (Map.Entry<String, String> p : agents.entrySet()) {
            participants.add(new Participant(p.getKey(), p.getValue() == null ? p.getKey() : p.getKey() + "\n" + p.getValue()));
        }
        return new Ladder(participants, arrows);
    }
}
