package io.sipvista.capture;

/** LINKTYPE_ values (tcpdump.org/linktypes.html) that sipvista decodes, and their names. */
public final class LinkType {
    private LinkType() {
    }

    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int RAW = 101;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    /** Short name of a link type, e.g. "ethernet", or "linktype-147" when unknown. */
    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "null";
            case ETHERNET -> "ethernet";
            case RAW -> "raw";
            case LOOP -> "loop";
            case LINUX_SLL -> "linux-sll";
            case IPV4 -> "ipv4";
            case IPV6 -> "ipv6";
            case LINUX_SLL2 -> "linux-sll2";
            case 12 -> "raw";
            case 14 -> "raw";
            default -> "linktype-" + linkType;
        };
    }
}
