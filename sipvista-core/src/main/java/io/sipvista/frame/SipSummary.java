package io.sipvista.frame;

import io.sipvista.sip.CSeq;
import io.sipvista.sip.SipMessage;

/** The one-line form of a SIP message used in frame labels. */
public final class SipSummary {
    private SipSummary() {
    }

    /** "SIP INVITE sip:bob@example.com" or "SIP 180 Ringing (INVITE)". */
    public static String of(SipMessage m) {
        if (m.isRequest()) {
            return "SIP " + m.method() + (m.requestUri() == null ? "" : " " + m.requestUri());
        }
        CSeq cseq = m.cseq();
        String reason = m.reason() == null || m.reason().isEmpty() ? "" : " " + m.reason();
        return "SIP " + m.status() + reason + (cseq == null ? "" : " (" + cseq.method() + ")");
    }
}
