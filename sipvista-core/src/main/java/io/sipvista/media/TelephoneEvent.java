package io.sipvista.media;

/**
 * One RFC 4733 event code (0-255) and its name: the DTMF digits 0-9, *, #, A-D (codes 0-15), hook flash (16, as
 * RFC 2833 assigned it; the IANA registry now lists 16 as reserved, but flash is what senders mean by it), and the
 * modem, fax and text telephony events of RFC 4734 (23-49 by name; 50-58 by number). Any other code is named by its
 * number: decoding never refuses a code.
 *
 * @param code the event code as on the wire, 0-255
 */
public record TelephoneEvent(int code) {
    private static final String DIGITS = "0123456789*#ABCD";

    public TelephoneEvent {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("event code out of 0-255: " + code);
        }
    }

    /** The event of a DTMF digit character (0-9, *, #, A-D, upper or lower case); null for any other character. */
    public static TelephoneEvent ofDigit(char c) {
        int i = DIGITS.indexOf(Character.toUpperCase(c));
        return i < 0 ? null : new TelephoneEvent(i);
    }

    /** True for the sixteen DTMF digits (codes 0-15). */
    public boolean isDigit() {
        return code < 16;
    }

    /** The DTMF digit character ('0'-'9', '*', '#', 'A'-'D'), or {@code '?'} for an event that is not a digit. */
    public char digit() {
        return isDigit() ? DIGITS.charAt(code) : '?';
    }

    /**
     * A short name: the digit itself ("5", "#"), "flash", the RFC 4734 abbreviation ("ANS", "CNG", "V21L300"...),
     * or "event 99" for a code with no name here.
     */
    public String name() {
        if (isDigit()) {
            return String.valueOf(digit());
        }
        return switch (code) {
            case 16 -> "flash";
            case 23 -> "CRdSeg";
            case 24 -> "CReSeg";
            case 25 -> "MRdSeg";
            case 26 -> "MReSeg";
            case 27 -> "V32AC";
            case 28 -> "V8bISeg";
            case 29 -> "V8bRSeg";
            case 30 -> "V21L300";
            case 31 -> "V21H300";
            case 32 -> "ANS";
            case 33 -> "/ANS";
            case 34 -> "ANSam";
            case 35 -> "/ANSam";
            case 36 -> "CNG";
            case 37 -> "V21C1B0";
            case 38 -> "V21C1B1";
            case 39 -> "V21C2B0";
            case 40 -> "V21C2B1";
            case 41 -> "CRdi";
            case 42 -> "CRdr";
            case 43 -> "CRe";
            case 44 -> "ESi";
            case 45 -> "ESr";
            case 46 -> "MRdi";
            case 47 -> "MRdr";
            case 48 -> "MRe";
            case 49 -> "CT";
            default -> "event " + code;
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
