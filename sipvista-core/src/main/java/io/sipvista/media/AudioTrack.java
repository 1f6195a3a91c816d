package io.sipvista.media;

import io.sipvista.label.RtpPayloadTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One call direction on the call's timeline: where each of its packets goes. A stream is anchored by the arrival
 * time of its first packet; each later packet goes where its RTP timestamp says, relative to that anchor (8000
 * timestamp units a second for PCMU and PCMA). A new SSRC, or a timestamp more than {@code jumpMs} away from the
 * arrival time, anchors the stream again on the arrival time. Duplicates are found by sequence number within the last
 * 1024 numbers. Packets of other payload types are not placed by timestamp (their clock may not be 8 kHz) but by
 * arrival, as silence as long as the stream's last packet.
 */
final class AudioTrack {
    private static final int SEQ_WINDOW = 1024;
    private static final int DEFAULT_PACKET_SAMPLES = 160;

    private final AudioChannel channel;
    private final long jumpSamples;

    private boolean anchored;
    private boolean hasSsrc;
    private long ssrc;
    private long anchorPos;
    private long anchorExt;
    private long lastTs;
    private long lastExt;

    private final long[] seen = new long[SEQ_WINDOW / 64];
    private boolean hasSeq;
    private long highestSeq;

    private long packetSamples = DEFAULT_PACKET_SAMPLES;
    private long end;

    private long packets;
    private long decoded;
    private long skipped;
    private long duplicates;
    private long late;
    private long pastLimit;
    private int ssrcChanges;
    private int jumps;
    private final Map<Integer, Long> skippedByType = new TreeMap<>();

    AudioTrack(AudioChannel channel, long jumpSamples) {
        this.channel = channel;
        this.jumpSamples = jumpSamples;
    }

    static boolean decodable(int payloadType) {
        return payloadType == 0 || payloadType == 8;
    }

    /** Counts a packet given. */
    void counted() {
        packets++;
    }

    /** {@link #place} result for a duplicate packet. */
    static final long DUPLICATE = Long.MIN_VALUE;
    /** {@link #place} result for a packet far older than its stream's newest: it arrived too late. */
    static final long TOO_LATE = Long.MIN_VALUE + 1;

    /**
     * Where a PCMU or PCMA packet goes, or {@link #DUPLICATE}, or {@link #TOO_LATE}. {@code arrivalPos} is its
     * arrival time on the timeline.
     */
    long place(AudioPacket p, long arrivalPos) {
        if (!hasSsrc || p.ssrc() != ssrc) {
            if (hasSsrc) {
                ssrcChanges++;
            }
            hasSsrc = true;
            ssrc = p.ssrc();
            hasSeq = false;
            anchored = false;
        }
        int order = sequenceOrder(p.sequence());
        if (order == SEQ_DUPLICATE) {
            duplicates++;
            return DUPLICATE;
        }
        if (!anchored) {
            anchor(arrivalPos, p.rtpTimestamp(), 0);
            return arrivalPos;
        }
        long ext = lastExt + (int) (p.rtpTimestamp() - lastTs);
        long pos = anchorPos + (ext - anchorExt);
        if (Math.abs(pos - arrivalPos) > jumpSamples) {
            if (order == SEQ_OLDER) {
                late++; // a packet held up in the network, not a new timeline
                return TOO_LATE;
            }
            jumps++;
            anchor(arrivalPos, p.rtpTimestamp(), ext);
            return arrivalPos;
        }
        lastTs = p.rtpTimestamp();
        lastExt = ext;
        return pos;
    }

    private void anchor(long pos, long ts, long ext) {
        anchored = true;
        anchorPos = pos;
        anchorExt = ext;
        lastTs = ts;
        lastExt = ext;
    }

    /** Forgets the anchor: the next packet is placed by its arrival (after a pause was shortened). */
    void unanchor() {
        anchored = false;
    }

    private static final int SEQ_NEWER = 1;
    private static final int SEQ_OLDER = 2;
    private static final int SEQ_DUPLICATE = 3;

    /** Whether a sequence number is the newest yet, an older one not seen, or one already seen. */
    private int sequenceOrder(int seq) {
        if (!hasSeq) {
            hasSeq = true;
            highestSeq = seq;
            java.util.Arrays.fill(seen, 0);
            mark(seq);
            return SEQ_NEWER;
        }
        long ext = highestSeq + (short) (seq - (int) (highestSeq & 0xFFFF));
        if (ext > highestSeq) {
            if (ext - highestSeq >= SEQ_WINDOW) {
                java.util.Arrays.fill(seen, 0);
            } else {
                for (long s = highestSeq + 1; s <= ext; s++) {
                    clear(s);
                }
            }
            highestSeq = ext;
            mark(ext);
            return SEQ_NEWER;
        }
        if (highestSeq - ext >= SEQ_WINDOW) {
            return SEQ_OLDER; // too old to remember
        }
        if (isMarked(ext)) {
            return SEQ_DUPLICATE;
        }
        mark(ext);
        return SEQ_OLDER;
    }

    private void mark(long s) {
        int i = (int) Math.floorMod(s, (long) SEQ_WINDOW);
        seen[i >> 6] |= 1L << (i & 63);
    }

    private void clear(long s) {
        int i = (int) Math.floorMod(s, (long) SEQ_WINDOW);
        seen[i >> 6] &= ~(1L << (i & 63));
    }

    private boolean isMarked(long s) {
        int i = (int) Math.floorMod(s, (long) SEQ_WINDOW);
        return (seen[i >> 6] & (1L << (i & 63))) != 0;
    }

    void decodedAt(long pos, int samples) {
        decoded++;
        if (samples > 0) {
            packetSamples = Math.min(samples, 8000);
        }
        end = Math.max(end, pos + samples);
    }

    /** A packet that cannot be decoded: silence from its arrival for as long as the stream's packets last. */
    long skippedAt(int payloadType, long arrivalPos) {
        skipped++;
        skippedByType.merge(payloadType, 1L, Long::sum);
        end = Math.max(end, arrivalPos + packetSamples);
        return arrivalPos + packetSamples;
    }

    void late() {
        late++;
    }

    void pastLimit() {
        pastLimit++;
    }

    long end() {
        return end;
    }

    TrackReport report() {
        return new TrackReport(packets, decoded, skipped, duplicates, late, pastLimit, ssrcChanges, jumps,
                skippedByType);
    }

    /** The plain-words notes for this direction. */
    List<String> notes(AudioLimits limits) {
        List<String> out = new ArrayList<>();
        String who = channel.label();
        if (packets == 0) {
            out.add(who + ": no packets; the channel is silent");
        }
        for (Map.Entry<Integer, Long> e : skippedByType.entrySet()) {
            int pt = e.getKey();
            String name = RtpPayloadTypes.name(pt);
            String n = plural(e.getValue(), "packet");
            if (pt == 13) {
                out.add(who + ": payload type 13 (CN) is comfort noise: " + n + " written as silence");
            } else {
                out.add(who + ": payload type " + pt + " (" + name + ") cannot be decoded: " + n
                        + " skipped, written as silence");
            }
        }
        if (duplicates > 0) {
            out.add(who + ": " + plural(duplicates, "duplicate packet") + " dropped");
        }
        if (late > 0) {
            out.add(who + ": " + plural(late, "packet") + " arrived too late for their place (more than "
                    + seconds(limits.reorderWindowMs()) + " out of order), dropped");
        }
        if (ssrcChanges > 0) {
            out.add(who + ": SSRC changed " + plural(ssrcChanges, "time")
                    + "; each new stream placed by its arrival time");
        }
        if (jumps > 0) {
            out.add(who + ": RTP timestamp strayed more than " + seconds(limits.jumpMs())
                    + " from the arrival time "
                    + plural(jumps, "time") + "; placed again by arrival time");
        }
        if (pastLimit > 0) {
            out.add(who + ": " + plural(pastLimit, "packet") + " past the longest duration of "
                    + seconds(limits.maxDurationMs()) + " not written (or cut)");
        }
        return out;
    }

    /** "10 s", "2.5 s", "500 ms". */
    static String seconds(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        return (ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0)) + " s";
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
