package io.sipvista.net;

import java.util.Arrays;
import java.util.List;

/**
 * One complete SCTP user message (RFC 9260 §6.9), joined from its DATA or I-DATA fragments by {@link SctpReassembler}.
 * SIP over SCTP (RFC 4168) carries one SIP message per user message.
 *
 * @param streamId    stream identifier
 * @param ppid        payload protocol identifier of the first fragment (0, "not specified", for SIP)
 * @param unordered   sent for unordered delivery
 * @param interleaved carried in I-DATA chunks (RFC 8260)
 * @param firstTsn    TSN of the first fragment (32 bits, unsigned)
 * @param bytes       the user message (a copy owned by this record)
 * @param frames      the frames that carried its fragments, in fragment order, each once; the last one completed it
 *                    unless fragments arrived out of order
 * @param cut         the capture cut a fragment short: the message is incomplete
 */
public record SctpMessage(int streamId, long ppid, boolean unordered, boolean interleaved, long firstTsn, byte[] bytes,
                          List<Long> frames, boolean cut) {
    public SctpMessage {
        frames = List.copyOf(frames);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SctpMessage m && streamId == m.streamId && ppid == m.ppid && unordered == m.unordered
                && interleaved == m.interleaved && firstTsn == m.firstTsn && cut == m.cut
                && Arrays.equals(bytes, m.bytes) && frames.equals(m.frames);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(bytes) * 31 + frames.hashCode()) * 31 + Long.hashCode(firstTsn);
    }

    @Override
    public String toString() {
        return "SctpMessage[stream " + streamId + ", PPID " + ppid + ", TSN " + firstTsn + ", " + bytes.length
                + " bytes, frames " + frames + (cut ? ", cut" : "") + "]";
    }
}
