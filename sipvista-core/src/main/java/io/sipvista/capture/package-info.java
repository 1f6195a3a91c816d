/**
 * Capture files: recognising the format from the first bytes ({@link io.sipvista.capture.Captures}), and streaming
 * the packet records of pcap ({@link io.sipvista.capture.PcapReader}) and pcapng
 * ({@link io.sipvista.capture.PcapngReader}), gzip-compressed or not, one {@link io.sipvista.capture.CaptureRecord}
 * at a time.
 *
 * <p>Owns: format detection and the user-facing sentence for inputs that are not captures; record framing, exact
 * timestamps (seconds + nanoseconds, never floating point), interface descriptions; file-level damage as
 * {@code capture.*} anomalies (truncation, impossible lengths, unknown blocks, damaged gzip) with every complete
 * record before the damage still returned. Record sizes are checked against {@link io.sipvista.capture.CaptureLimits}
 * before anything is allocated.
 *
 * <p>Must not depend on: link, network, transport or application decoding ({@code net}, {@code sip}, {@code rtp},
 * ...). Those packages take the records' bytes; this one knows nothing of what is inside them. Only
 * {@code io.sipvista.anomaly} and {@code io.sipvista.bytes} are used.
 */
package io.sipvista.capture;
