/**
 * One-line, plain-English labels for everything in a capture that is not SIP: the payload of a UDP datagram
 * ({@link io.sipvista.label.UdpPayloadClassifier}) or TCP segment ({@link io.sipvista.label.TcpPayloadClassifier}),
 * an ARP packet ({@link io.sipvista.label.ArpLabeler}), an ICMP or ICMPv6 message
 * ({@link io.sipvista.label.IcmpLabeler}, with the flow an error quotes as {@link io.sipvista.label.IcmpError}).
 * A {@link io.sipvista.label.Label} says which protocol, what this packet shows ("RTP PCMU, SSRC 0x1a2b3c4d, seq 1234,
 * ts 160, 160 bytes payload", "DNS response SRV _sip._udp.example.com, 2 answers: ...") and what is wrong with it.
 *
 * <p>Owns: recognising RTP ({@link io.sipvista.label.RtpHeader}, {@link io.sipvista.label.RtpPayloadTypes}, RFC 4733
 * telephone events), RTCP and SRTCP, DNS/mDNS/LLMNR (compressed names with a hop budget), DHCP and DHCPv6, STUN and
 * TURN ChannelData, TLS and DTLS records (SNI, alerts), NTP, SSDP, syslog, SNMP, TFTP, HTTP heads, WebSocket frames
 * (the SIP start line inside SIP over WebSocket), NetBIOS name and datagram services, MGCP and H.248/Megaco text, ARP,
 * ICMP and ICMPv6; the {@code label.*} anomalies. Without SDP, RTP and RTCP are found by heuristic (version 2, a
 * header that fits, an assigned or dynamic payload type, unprivileged ports) and the label says so for dynamic payload
 * types.
 *
 * <p>Every read is bounds-checked against the payload: truncated packets, lying length fields and pointer loops give
 * a label and a named anomaly, never an exception. Offsets and lengths passed in must lie inside the array (checked;
 * a violation is a caller's bug). There is no state: each call looks at one payload.
 *
 * <p>Must not depend on: {@code capture}, {@code net}, {@code frame} or any per-capture state. Callers pass payload
 * bytes and ports; only {@code io.sipvista.anomaly} and {@code io.sipvista.bytes} are used.
 */
package io.sipvista.label;
