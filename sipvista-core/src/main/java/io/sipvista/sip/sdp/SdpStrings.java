package io.sipvista.sip.sdp;

import io.sipvista.sip.RecentValues;

import java.util.function.Function;

/**
 * The words and lines that the SDP bodies of one capture repeat ({@code IN}, {@code IP4}, {@code audio},
 * {@code RTP/AVP}, {@code rtpmap:0 PCMU/8000}, the same host again and again...), each kept once: a body parsed with
 * this pool gives back the pool's string for any value equal to one it has seen lately, and the pool's line for a line
 * equal to one seen lately (same number, type and value: the same phone sends the same lines in the same places). A
 * capture's SDP is held while its call is open, and most of its strings are such repeats.
 *
 * <p>Bounded ({@link RecentValues}: at most {@value #SLOTS} strings and as many lines); which instance a value gets
 * changes nothing but memory. One pool per capture decoder, one thread at a time.
 */
public final class SdpStrings {
    static final int SLOTS = 1024;
    /** Longer values (keys, fingerprints, long attribute lines) are seldom repeated whole and are not pooled. */
    static final int MAX_LENGTH = 64;
    private static final int BITS = Integer.numberOfTrailingZeros(SLOTS);

    private final RecentValues<String, String> strings = new RecentValues<>(BITS);
    private final RecentValues<Sdp.Line, Sdp.Line> lines = new RecentValues<>(BITS);

    /** The pooled string equal to {@code s}, or {@code s} itself (now pooled when short enough). */
    String share(String s) {
        return s.length() > MAX_LENGTH ? s : strings.get(s, Function.identity());
    }

    /** The pooled line equal to {@code line} (its value already shared), or {@code line} itself, now pooled. */
    Sdp.Line share(Sdp.Line line) {
        return line.value().length() > MAX_LENGTH ? line : lines.get(line, Function.identity());
    }
}
