/**
 * Everything between the capture record and the application payload. {@link io.sipvista.net.PacketDecoder} (with
 * {@code TunnelDecoder}) decodes link, network and transport headers of one frame: Ethernet (802.1Q/QinQ, PPPoE,
 * MPLS), Linux SLL/SLL2, BSD loopback, raw IP, IPv4, IPv6 with extension headers, UDP, TCP, SCTP, ICMP, and sees
 * through GRE/PPTP, ERSPAN, IP-in-IP, GTP-U and VXLAN to the inner packet; it is stateless and never throws on frame
 * bytes. The reassemblers hold one capture's partial data, bounded and timed out by capture time:
 * {@link io.sipvista.net.IpReassembler} (IP fragments), {@link io.sipvista.net.SctpReassembler} (SCTP user messages),
 * {@link io.sipvista.net.WebSocketDeframer} (one direction of a WebSocket connection). Depends on {@code capture},
 * {@code bytes} and {@code anomaly} only; knows nothing of SIP.
 */
package io.sipvista.net;
