package io.sipvista.report.ladder;

import java.util.List;

import static io.sipvista.report.ladder.Arrow.Kind.MEDIA;
import static io.sipvista.report.ladder.Arrow.Kind.PROVISIONAL;
import static io.sipvista.report.ladder.Arrow.Kind.REQUEST;
import static io.sipvista.report.ladder.Arrow.Kind.RETRANSMISSION;
import static io.sipvista.report.ladder.Arrow.Kind.SUCCESS;

/** The small call the golden tests draw: phone A calls phone B through a proxy. */
final class SmallCall {
    static final String A = "10.0.0.1:5060";
    static final String P = "10.0.0.2:5060";
    static final String B = "10.0.0.3:5060";

    private SmallCall() {
    }

    static Ladder ladder() {
        return new Ladder(
                List.of(new Participant(A, A + "\nPolycom"), Participant.of(P), new Participant(B, "phone B")),
                List.of(
                        new Arrow(1, "2026-11-30T10:00:00.000Z", A, P, "INVITE (SDP)", REQUEST),
                        new Arrow(2, "2026-11-30T10:00:00.002Z", P, A, "100 Trying", PROVISIONAL),
                        new Arrow(3, "2026-11-30T10:00:00.003Z", P, B, "INVITE (SDP)", REQUEST),
                        new Arrow(4, "2026-11-30T10:00:00.503Z", P, B, "INVITE (SDP)", RETRANSMISSION),
                        new Arrow(5, "2026-11-30T10:00:00.610Z", B, P, "180 Ringing", PROVISIONAL),
                        new Arrow(6, "2026-11-30T10:00:00.611Z", P, A, "180 Ringing", PROVISIONAL),
                        new Arrow(7, "2026-11-30T10:00:02.100Z", B, A, "200 OK (SDP)", SUCCESS,
                                "via proxy"),
                        new Arrow(8, "2026-11-30T10:00:02.120Z", A, B, "ACK", REQUEST),
                        new Arrow(9, "2026-11-30T10:00:02.130Z", A, B, "RTP PCMU 250 pkts", MEDIA),
                        new Arrow(10, "2026-11-30T10:00:07.000Z", B, A, "BYE", REQUEST),
                        new Arrow(11, "2026-11-30T10:00:07.010Z", A, B, "200 OK", SUCCESS)));
    }
}
