package io.sipvista.correlate;

import java.util.Objects;

/**
 * A dialog's identity (RFC 3261 §12): Call-ID and the two tags, with the direction fixed so that messages in both
 * directions name the same dialog. "Local" is the side that sent the request which created the dialog (its From
 * tag: the caller of an INVITE, the subscriber of a SUBSCRIBE); "remote" is the side that answered (the To tag of
 * the response, the From tag of a NOTIFY). For a dialog first seen in the middle (its creating request was not
 * captured) the local tag is the From tag of the first message seen, or the To tag of a first NOTIFY.
 *
 * @param callId    the Call-ID (compared exactly)
 * @param localTag  the tag of the dialog's initiator; empty for an RFC 2543 peer that sent no From tag
 * @param remoteTag the tag of the other side
 */
public record DialogId(String callId, String localTag, String remoteTag) {
    public DialogId {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(localTag, "localTag");
        Objects.requireNonNull(remoteTag, "remoteTag");
    }

    // equals and hashCode written out: the record's generated ones go through method handles, which the quick
    // compiler runs slowly (SDP lines, transaction and dialog keys are compared for every message). The hash is the
    // generated one's: 31 * h + each component's hash, in order.
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof DialogId d && callId.equals(d.callId) && localTag.equals(d.localTag)
                && remoteTag.equals(d.remoteTag);
    }

    @Override
    public int hashCode() {
        return (callId.hashCode() * 31 + localTag.hashCode()) * 31 + remoteTag.hashCode();
    }

    /** The same dialog seen from the other side. */
    public DialogId reversed() {
        return new DialogId(callId, remoteTag, localTag);
    }

    @Override
    public String toString() {
        return callId + " " + localTag + "/" + remoteTag;
    }
}
