package io.sipvista.net;

/**
 * One chunk of an SCTP packet (RFC 9260 §3.2): its type, flags and declared length, and where it sits in the
 * frame's bytes. Offsets point into the array the chunks were parsed from.
 *
 * @param type        chunk type (0 DATA, 1 INIT, 3 SACK, 64 I-DATA, ...)
 * @param flags       chunk flags byte
 * @param length      the chunk's Length field: header and value, padding not counted
 * @param offset      where the chunk header starts
 * @param valueOffset where the chunk value starts ({@code offset + 4})
 * @param valueLength bytes of value present: {@code length - 4}, or fewer when the packet ends first
 */
public record SctpChunk(int type, int flags, int length, int offset, int valueOffset, int valueLength) {
    public static final int DATA = 0;
    public static final int INIT = 1;
    public static final int INIT_ACK = 2;
    public static final int SACK = 3;
    public static final int HEARTBEAT = 4;
    public static final int HEARTBEAT_ACK = 5;
    public static final int ABORT = 6;
    public static final int SHUTDOWN = 7;
    public static final int SHUTDOWN_ACK = 8;
    public static final int ERROR = 9;
    public static final int COOKIE_ECHO = 10;
    public static final int COOKIE_ACK = 11;
    public static final int SHUTDOWN_COMPLETE = 14;
    public static final int I_DATA = 64;

    /** True when the packet ends before the chunk's declared length. */
    public boolean cut() {
        return valueLength < length - 4;
    }

    /** The chunk type's name as the IANA registry gives it ("DATA", "INIT ACK"), or "chunk type N". */
    public String name() {
        return name(type);
    }

    /** Name of a chunk type (IANA "Chunk Types" registry: RFC 9260, 4895, 5061, 6525, 4820, 3758, 8260). */
    public static String name(int type) {
        return switch (type) {
            case DATA -> "DATA";
            case INIT -> "INIT";
            case INIT_ACK -> "INIT ACK";
            case SACK -> "SACK";
            case HEARTBEAT -> "HEARTBEAT";
            case HEARTBEAT_ACK -> "HEARTBEAT ACK";
            case ABORT -> "ABORT";
            case SHUTDOWN -> "SHUTDOWN";
            case SHUTDOWN_ACK -> "SHUTDOWN ACK";
            case ERROR -> "ERROR";
            case COOKIE_ECHO -> "COOKIE ECHO";
            case COOKIE_ACK -> "COOKIE ACK";
            case 12 -> "ECNE";
            case 13 -> "CWR";
            case SHUTDOWN_COMPLETE -> "SHUTDOWN COMPLETE";
            case 15 -> "AUTH";
            case I_DATA -> "I-DATA";
            case 128 -> "ASCONF ACK";
            case 130 -> "RE-CONFIG";
            case 132 -> "PAD";
            case 192 -> "FORWARD TSN";
            case 193 -> "ASCONF";
            case 194 -> "I-FORWARD TSN";
            default -> "chunk type " + type;
        };
    }
}
