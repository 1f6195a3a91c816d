package io.sipvista.net;

/**
 * The header of a DATA chunk (RFC 9260 §3.3.1) or an I-DATA chunk (RFC 8260 §2.1) and where its user data lies.
 * Offsets point into the array the chunk was parsed from.
 *
 * @param interleaved    true for I-DATA
 * @param tsn            transmission sequence number (32 bits, unsigned)
 * @param streamId       stream identifier
 * @param streamSequence DATA: stream sequence number (meaningless when unordered); I-DATA: -1
 * @param messageId      I-DATA: message identifier; DATA: -1
 * @param fragment       I-DATA: fragment sequence number (0 on the first fragment); DATA: -1
 * @param ppid           payload protocol identifier; -1 on an I-DATA fragment other than the first, which does not
 *                       carry one
 * @param unordered      U flag: unordered delivery
 * @param begin          B flag: first fragment of a user message
 * @param end            E flag: last fragment of a user message
 * @param immediate      I flag: the sender asks for a SACK without delay (RFC 7053)
 * @param dataOffset     where the user data starts
 * @param dataLength     bytes of user data present
 * @param cut            the packet ends before the user data does: {@code dataLength} is what the capture kept
 */
public record SctpData(boolean interleaved, long tsn, int streamId, int streamSequence, long messageId, long fragment,
                       long ppid, boolean unordered, boolean begin, boolean end, boolean immediate, int dataOffset,
                       int dataLength, boolean cut) {
    /** PPID of "not specified" (RFC 9260 §3.3.1). SIP over SCTP (RFC 4168) registers none, so senders use 0. */
    public static final long PPID_NOT_SPECIFIED = 0;

    /** True when the chunk holds a whole user message (B and E both set). */
    public boolean complete() {
        return begin && end;
    }

    /** "DATA TSN 12 stream 0 PPID 0, 640 bytes", with the fragment position and "unordered" when they apply. */
    public String summary() {
        StringBuilder sb = new StringBuilder(interleaved ? "I-DATA" : "DATA");
        sb.append(" TSN ").append(tsn).append(" stream ").append(streamId);
        if (interleaved) {
            sb.append(" MID ").append(messageId);
            if (!begin) {
                sb.append(" FSN ").append(fragment);
            }
        }
        if (ppid >= 0) {
            sb.append(" PPID ").append(ppid);
        }
        sb.append(", ").append(dataLength).append(dataLength == 1 ? " byte" : " bytes");
        if (cut) {
            sb.append(" (cut by the capture)");
        }
        String position = begin && end ? null : begin ? "first part" : end ? "last part" : "middle part";
        if (position != null || unordered) {
            sb.append(" [");
            if (position != null) {
                sb.append(position).append(" of a message");
            }
            if (unordered) {
                sb.append(position != null ? ", " : "").append("unordered");
            }
            sb.append(']');
        }
        return sb.toString();
    }
}
