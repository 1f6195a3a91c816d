package io.sipvista.sip.sdp;

/**
 * The words and lines that the SDP bodies of one capture repeat ({@code IN}, {@code IP4}, {@code audio},
 * {@code RTP/AVP}, {@code rtpmap:0 PCMU/8000}, the same host again and again...), each kept once: a body parsed with
 * this pool gives back the pool's string for any value equal to one it has seen lately, and the pool's line for a line
 * equal to one seen lately (same number, type and value: the same phone sends the same lines in the same places). A
 * capture's SDP is held while its call is open, and most of its strings are such repeats.
 *
 * <p>A fixed table of recent values, two per hash bucket (the newer first): a value in neither place of its bucket
 * pushes out the older one, so the pool never grows and never holds more than {@value #SLOTS} strings and as many
 * lines; which instance a value gets changes nothing but memory. One pool serves one reader at a time (one per
 * capture decoder); it is not for two threads at once.
 */
public final class SdpStrings {
    static final int SLOTS = 1024;
    /** Longer values (keys, fingerprints, long attribute lines) are seldom repeated whole and are not pooled. */
    static final int MAX_LENGTH = 64;

    private final String[] slots = new String[SLOTS];
    private final Sdp.Line[] lines = new Sdp.Line[SLOTS];

    /** The pooled string equal to {@code s}, or {@code s} itself (now pooled when short enough). */
    String share(String s) {
        if (s.length() > MAX_LENGTH) {
            return s;
        }
        return shared(slots, s, s.hashCode());
    }

    /** The pooled line equal to {@code line} (its value already shared), or {@code line} itself, now pooled. */
    Sdp.Line share(Sdp.Line line) {
        if (line.value().length() > MAX_LENGTH) {
            return line;
        }
        return shared(lines, line, line.value().hashCode() * 31 + line.number());
    }

    private static <T> T shared(T[] table, T value, int hash) {
        int i = ((hash * 0x9E3779B9) >>> 22) & (SLOTS - 2); // the bucket's first place (an even index)
        T newer = table[i];
        if (value.equals(newer)) {
            return newer;
        }
        T older = table[i + 1];
        if (value.equals(older)) {
            table[i + 1] = newer;
            table[i] = older;
            return older;
        }
        table[i + 1] = newer;
        table[i] = value;
        return value;
    }
}
