/**
 * Link, network and transport headers of one frame: Ethernet (802.1Q/QinQ), Linux SLL/SLL2, BSD loopback, raw IP,
 * IPv4, IPv6 with extension headers, UDP, TCP, SCTP ports, ICMP. {@link io.sipvista.net.PacketDecoder} is stateless
 * and never throws on frame bytes. Depends on {@code capture} (the record) and {@code anomaly} only; knows nothing
 * of SIP.
 */
package io.sipvista.net;
