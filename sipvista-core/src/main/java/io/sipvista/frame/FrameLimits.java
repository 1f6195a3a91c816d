package io.sipvista.frame;

import io.sipvista.sip.SipLimits;

/**
 * Every bound the frames view keeps on its state, in one place. Hitting one is a named anomaly, never a silent drop.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>default</th><th>when hit</th></tr>
 *   <tr><td>maxTcpStreams</td><td>65,536 directions</td><td>the least recently used stream is dropped
 *       ({@code tcp.streams.limit})</td></tr>
 *   <tr><td>sip</td><td>{@link SipLimits#DEFAULT}</td><td>see {@link SipLimits}</td></tr>
 * </table>
 */
public record FrameLimits(int maxTcpStreams, SipLimits sip) {
    public static final FrameLimits DEFAULT = new FrameLimits(65_536, SipLimits.DEFAULT);
}
