package io.sipvista.frame;

import io.sipvista.sip.SipMessage;
import io.sipvista.sip.sdp.Sdp;

import java.util.List;

/**
 * One SIP message as it appears on a frame, with its SDP bodies parsed.
 *
 * @param message    the parsed message
 * @param sdp        one entry per application/sdp body part, in body order (usually zero or one)
 * @param firstFrame the frame where the message's first byte was seen; equal to the frame that shows it unless
 *                   the message spans several TCP segments
 * @param quotedBy   null for a message on the wire; otherwise the message is only quoted, e.g. inside an ICMP error
 *                   ("ICMP port unreachable from 10.0.0.2"), and must not be taken as sent again
 */
public record SipEntry(SipMessage message, List<Sdp> sdp, long firstFrame, String quotedBy) {
    public SipEntry {
        sdp = List.copyOf(sdp);
    }

    public SipEntry(SipMessage message, List<Sdp> sdp, long firstFrame) {
        this(message, sdp, firstFrame, null);
    }

    public boolean quoted() {
        return quotedBy != null;
    }
}
