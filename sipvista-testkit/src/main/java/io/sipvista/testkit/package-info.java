/**
 * Writes captures for tests: classic pcap ({@link io.sipvista.testkit.PcapWriter}) and pcapng
 * ({@link io.sipvista.testkit.PcapngWriter}) files, the link, network and transport headers that go inside them
 * ({@link io.sipvista.testkit.PacketBuilder}, {@link io.sipvista.testkit.Ipv4Packet},
 * {@link io.sipvista.testkit.Ipv6Packet}, {@link io.sipvista.testkit.TcpSegment}), and the rebuilt seed capture
 * ({@link io.sipvista.testkit.SeedCapture}).
 *
 * <p>Owns: byte-exact, deterministic output (no clock, no unseeded randomness) with correct checksums unless a test
 * asks for a lie through an explicit override.
 *
 * <p>Must not depend on: anything but the JDK. The module is a test dependency of every other module, so it must
 * never pull in sipvista code or third-party libraries. Builders validate their arguments (programming errors throw
 * {@link java.lang.IllegalArgumentException}); they never validate the protocol, so tests can build damaged packets.
 */
package io.sipvista.testkit;
