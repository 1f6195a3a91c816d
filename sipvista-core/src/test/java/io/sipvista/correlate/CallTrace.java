package io.sipvista.correlate;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds messages to one {@link Correlator} and keeps the events, so that {@link CallAssembler} can read them:
 * frames numbered from 1, each message 1 ms after the previous unless {@link #after} says otherwise.
 */
final class CallTrace {
    static final long START = 1_700_000_000L;

    private final Correlator correlator = new Correlator();
    private final List<SipEvent> events = new ArrayList<>();
    private long frame;
    private long nanos;

    /** Moves the clock on by this many milliseconds before the next message (on top of the usual 1 ms). */
    CallTrace after(long millis) {
        nanos += millis * 1_000_000L;
        return this;
    }

    /** Sends a message and returns its frame. */
    long send(Msg m, String src, String dst) {
        nanos += 1_000_000L;
        frame++;
        SipEvent e = new SipEvent(frame, START + nanos / 1_000_000_000L, (int) (nanos % 1_000_000_000L), src, dst,
                "udp", m.parse());
        events.add(e);
        correlator.accept(e);
        return frame;
    }

    /** The capture time of a frame sent so far. */
    java.time.Instant time(long frame) {
        return events.get((int) frame - 1).time();
    }

    List<Call> calls() {
        return CallAssembler.assemble(correlator.finish(), events);
    }

    /**
     * One INVITE leg between two addresses ({@code ip:port}): From {@code "Caller <from>" <sip:<from>@a.example>},
     * To {@code <sip:<to>@b.example>}, Request-URI {@code sip:<to>@<dst host>}, tags {@code f-<id>} and
     * {@code t-<id>}, branches {@code z9hG4bK-<id>-...}.
     */
    final class Leg {
        final String id;
        final String src;
        final String dst;
        final String fromUser;
        private Msg invite;
        private String toTag;
        private int branches;

        Leg(String id, String fromUser, String toUser, String src, String dst) {
            this.id = id;
            this.src = src;
            this.dst = dst;
            this.fromUser = fromUser;
            this.toTag = "t-" + id;
            this.invite = Msg.request("INVITE")
                    .requestUri("sip:" + toUser + "@" + dst.substring(0, dst.indexOf(':')))
                    .via("SIP/2.0/UDP " + src + ";branch=z9hG4bK-" + id + "-inv")
                    .set("From", "\"Caller " + fromUser + "\" <sip:" + fromUser + "@a.example>;tag=f-" + id)
                    .set("To", "<sip:" + toUser + "@b.example>")
                    .callId(id + "@calls.example");
        }

        /** Adds a header to the INVITE (before it is sent). */
        Leg header(String name, String value) {
            invite = invite.set(name, value);
            return this;
        }

        long invite(String mediaAddress, int port) {
            invite = invite.sdp(Msg.audio(mediaAddress, port, "sendrecv"));
            return send(invite, src, dst);
        }

        long inviteWithoutSdp() {
            return send(invite, src, dst);
        }

        /** A response from the callee; with the current To tag unless it is a 100. */
        long respond(int status, String reason) {
            Msg r = invite.response(status, reason);
            return send(status == 100 ? r : r.toTag(toTag), dst, src);
        }

        /** Later responses come from another fork. */
        Leg fork(String tag) {
            toTag = tag;
            return this;
        }

        long answer(String mediaAddress, int port) {
            return send(invite.response(200, "OK").toTag(toTag).sdp(Msg.audio(mediaAddress, port, "sendrecv")
                    .replace("RTP/AVP 0\r\na=rtpmap:0 PCMU/8000", "RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000"
                            + "\r\na=rtpmap:101 telephone-event/8000")), dst, src);
        }

        long ack() {
            return send(invite.toTag(toTag).next("ACK", 1, "z9hG4bK-" + id + "-ack").remove("Content-Type"),
                    src, dst);
        }

        long ackFailure() {
            return send(invite.toTag(toTag).next("ACK", 1, "z9hG4bK-" + id + "-inv"), src, dst);
        }

        long cancel() {
            return send(invite.next("CANCEL", 1, "z9hG4bK-" + id + "-inv"), src, dst);
        }

        long cancelOk() {
            return send(invite.next("CANCEL", 1, "z9hG4bK-" + id + "-inv").response(200, "OK"), dst, src);
        }

        /** The INVITE again with the next CSeq and a new branch (after a 401 or 407 challenge). */
        Leg retry() {
            invite = invite.cseq(2).branch("z9hG4bK-" + id + "-inv2").set("Proxy-Authorization", "Digest x");
            return this;
        }

        /** A REFER from the callee in the dialog (RFC 3515) to this target, and its 202. */
        long refer(String referTo) {
            String branch = "z9hG4bK-" + id + "-refer";
            Msg refer = invite.toTag(toTag).next("REFER", 1, branch).reversed()
                    .requestUri("sip:" + fromUser + "@" + src.substring(0, src.indexOf(':')))
                    .via("SIP/2.0/UDP " + dst + ";branch=" + branch).set("Refer-To", referTo);
            long f = send(refer, dst, src);
            send(refer.response(202, "Accepted"), src, dst);
            return f;
        }

        /** A re-INVITE from the caller refused with this status; returns the response's frame. */
        long reInviteRefused(int status, String reason) {
            String branch = "z9hG4bK-" + id + "-reinv";
            Msg reinvite = invite.toTag(toTag).next("INVITE", 3, branch).via("SIP/2.0/UDP " + src + ";branch="
                    + branch);
            send(reinvite, src, dst);
            return send(reinvite.response(status, reason), dst, src);
        }

        /**
         * The caller's BYE to the proxy this leg's INVITE went to, the proxy's relay of it to {@code next} (its own
         * Via on top, same Call-ID), and the two 200s. Returns the caller's BYE's frame.
         */
        long byeThroughProxy(String next) {
            String branch = "z9hG4bK-" + id + "-bye" + (++branches);
            Msg bye = invite.toTag(toTag).next("BYE", 2, branch).via("SIP/2.0/UDP " + src + ";branch=" + branch);
            long f = send(bye, src, dst);
            Msg relayed = bye.addFirst("Via", "SIP/2.0/UDP " + dst + ";branch=" + branch + "-p");
            send(relayed, dst, next);
            send(relayed.response(200, "OK"), next, dst);
            send(bye.response(200, "OK"), dst, src);
            return f;
        }

        /** A BYE from the caller ({@code fromCaller}) or the callee, and its 200. Returns the BYE's frame. */
        long bye(boolean fromCaller) {
            String branch = "z9hG4bK-" + id + "-bye" + (++branches);
            Msg bye = invite.toTag(toTag).next("BYE", fromCaller ? 2 : 1, branch);
            String from = fromCaller ? src : dst;
            String to = fromCaller ? dst : src;
            if (!fromCaller) {
                bye = bye.reversed().requestUri("sip:" + fromUser + "@" + src.substring(0, src.indexOf(':')));
            }
            bye = bye.via("SIP/2.0/UDP " + from + ";branch=" + branch);
            long f = send(bye, from, to);
            send(bye.response(200, "OK"), to, from);
            return f;
        }
    }
}
