package io.sipvista.net;

/** EtherType numbers sipvista decodes (also GRE protocol types), and names of those it recognises but does not decode. */
final class EtherTypes {
    private EtherTypes() {
    }

    static final int IPV4 = 0x0800;
    static final int ARP = 0x0806;
    static final int VLAN = 0x8100;
    static final int QINQ = 0x88a8;
    static final int QINQ_OLD = 0x9100;
    static final int IPV6 = 0x86dd;
    static final int PPPOE_SESSION = 0x8864;
    static final int MPLS_UNICAST = 0x8847;
    static final int MPLS_MULTICAST = 0x8848;
    /** Transparent Ethernet Bridging: a whole Ethernet frame follows (GRE, NVGRE). */
    static final int TEB = 0x6558;
    /** PPP (PPTP's enhanced GRE). */
    static final int PPP = 0x880b;
    /** ERSPAN type I (no ERSPAN header) and type II (8-byte header), told apart by GRE's sequence bit. */
    static final int ERSPAN_II = 0x88be;
    static final int ERSPAN_III = 0x22eb;

    static String name(int type) {
        return switch (type) {
            case 0x8035 -> "RARP";
            case 0x809b -> "AppleTalk";
            case 0x8137 -> "IPX";
            case 0x8847, 0x8848 -> "MPLS";
            case 0x8863 -> "PPPoE discovery";
            case 0x8864 -> "PPPoE session";
            case 0x6558 -> "Transparent Ethernet Bridging";
            case 0x880b -> "PPP";
            case 0x88be -> "ERSPAN";
            case 0x22eb -> "ERSPAN type III";
            case 0x883e -> "WCCP";
            case 0x888e -> "EAPOL (802.1X)";
            case 0x88cc -> "LLDP";
            case 0x88f7 -> "PTP";
            case 0x8809 -> "Slow protocols (LACP)";
            case 0x88e5 -> "MACsec";
            case 0x22f0 -> "AVTP";
            case 0x890d -> "802.11 encapsulation";
            case 0x893a -> "IEEE 1905.1";
            case 0x9000 -> "Ethernet loopback";
            default -> null;
        };
    }
}
