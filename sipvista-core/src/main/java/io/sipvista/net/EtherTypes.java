package io.sipvista.net;

/** Names of EtherTypes sipvista recognises but does not decode further. */
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

    static String name(int type) {
        return switch (type) {
            case 0x8035 -> "RARP";
            case 0x809b -> "AppleTalk";
            case 0x8137 -> "IPX";
            case 0x8847, 0x8848 -> "MPLS";
            case 0x8863 -> "PPPoE discovery";
            case 0x8864 -> "PPPoE session";
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
