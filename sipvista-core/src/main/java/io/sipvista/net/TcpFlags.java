package io.sipvista.net;

import java.util.StringJoiner;

/** TCP header flag bits and their display. */
public final class TcpFlags {
    private TcpFlags() {
    }

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;

    public static boolean has(int flags, int bit) {
        return (flags & bit) != 0;
    }

    /** e.g. "SYN, ACK". */
    public static String describe(int flags) {
        StringJoiner j = new StringJoiner(", ");
        if (has(flags, SYN)) {
            j.add("SYN");
        }
        if (has(flags, FIN)) {
            j.add("FIN");
        }
        if (has(flags, RST)) {
            j.add("RST");
        }
        if (has(flags, PSH)) {
            j.add("PSH");
        }
        if (has(flags, ACK)) {
            j.add("ACK");
        }
        if (has(flags, URG)) {
            j.add("URG");
        }
        return j.toString();
    }
}
