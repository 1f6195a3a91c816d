/**
 * Per-capture decoding state and the frame model: {@link io.sipvista.frame.FrameDecoder} turns each capture record
 * into an immutable {@link io.sipvista.frame.Frame} (one card of the timeline), reassembling TCP streams
 * ({@code TcpStreams}) to frame SIP messages. The only package that combines {@code net}, {@code sip} and
 * {@code label}; it must not depend on {@code report} or on any output format.
 */
package io.sipvista.frame;
