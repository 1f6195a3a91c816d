package io.sipvista.label;

/**
 * An ICMP or ICMPv6 error (destination unreachable, time exceeded, packet too big, parameter problem, redirect,
 * source quench) with what it quotes of the packet that caused it: the quoted IP header's protocol and addresses,
 * the transport ports when the quote reaches them, and where the quoted transport payload lies in the frame's array
 * (so a caller can look at a quoted SIP message).
 *
 * @param ipVersion       4 or 6: the version of the quoted packet
 * @param type            ICMP type of the error message
 * @param code            ICMP code
 * @param reason          plain-English meaning of type and code, e.g. "port unreachable"
 * @param protocol        IP protocol (next header) of the quoted packet, e.g. 17 for UDP
 * @param source          source address of the quoted packet
 * @param destination     destination address of the quoted packet
 * @param sourcePort      quoted source port, -1 when not quoted or not a port protocol
 * @param destinationPort quoted destination port, -1 likewise
 * @param payloadOffset   offset in the array of the quoted transport payload, -1 when none is quoted
 * @param payloadLength   bytes of quoted transport payload present, 0 when none
 */
public record IcmpError(int ipVersion, int type, int code, String reason, int protocol, String source,
                        String destination, int sourcePort, int destinationPort, int payloadOffset, int payloadLength) {

    /** "UDP", "TCP", "SCTP", "ICMP", "ICMPv6", or "protocol 47". */
    public String protocolName() {
        return switch (protocol) {
            case 1 -> "ICMP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 58 -> "ICMPv6";
            case 132 -> "SCTP";
            default -> "protocol " + protocol;
        };
    }

    /** "UDP 192.168.1.2:5060 → 10.0.0.1:5060", or without ports when they are not known. */
    public String quotedFlow() {
        if (sourcePort >= 0 && destinationPort >= 0) {
            return protocolName() + " " + AddressText.endpoint(source, sourcePort) + " → "
                    + AddressText.endpoint(destination, destinationPort);
        }
        return protocolName() + " " + source + " → " + destination;
    }
}
