package io.sipvista.frame;

import io.sipvista.sip.SipLimits;

/**
 * Every bound the frames view keeps on its state, in one place. Hitting one is a named anomaly, never a silent drop.
 * Times are capture time, never the wall clock.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>default</th><th>when hit</th></tr>
 *   <tr><td>maxTcpStreams</td><td>65,536 directions</td><td>the least recently used direction is dropped; when it
 *       held bytes, {@code tcp.streams.limit} says what was lost</td></tr>
 *   <tr><td>maxTcpHeldBytes</td><td>1 MiB per direction</td><td>bytes held out of order (64 bytes of bookkeeping
 *       counted per held piece): the hole before them is declared missing ({@code tcp.buffer.limit},
 *       {@code tcp.gap}) and framing resumes after it</td></tr>
 *   <tr><td>tcpHistoryBytes</td><td>16 KiB per SIP direction</td><td>delivered bytes kept to compare retransmissions
 *       with ({@code tcp.overlap.conflict}); older retransmitted bytes are dropped without comparison</td></tr>
 *   <tr><td>tcpHoleTimeoutMillis</td><td>10 s</td><td>a hole still open when a segment of its direction arrives
 *       this long after it opened is declared missing ({@code tcp.gap})</td></tr>
 *   <tr><td>tcpIdleTimeoutSeconds</td><td>300 s</td><td>a direction holding nothing and idle this long is
 *       forgotten (nothing is lost: a later segment is followed as a new stream)</td></tr>
 *   <tr><td>sip</td><td>{@link SipLimits#DEFAULT}</td><td>see {@link SipLimits}</td></tr>
 * </table>
 *
 * <p>Worst case, TCP state holds {@code maxTcpStreams} × ({@code maxTcpHeldBytes} + {@code tcpHistoryBytes} +
 * {@code sip.maxMessageBytes}) bytes; lower the limits to lower it.
 */
public record FrameLimits(int maxTcpStreams, int maxTcpHeldBytes, int tcpHistoryBytes, long tcpHoleTimeoutMillis,
                          long tcpIdleTimeoutSeconds, SipLimits sip) {
    public static final FrameLimits DEFAULT =
            new FrameLimits(65_536, 1 << 20, 16 << 10, 10_000, 300, SipLimits.DEFAULT);

    public FrameLimits {
        if (maxTcpStreams < 1 || maxTcpHeldBytes < 0 || tcpHistoryBytes < 0 || tcpHoleTimeoutMillis < 0
                || tcpIdleTimeoutSeconds < 0) {
            throw new IllegalArgumentException("invalid frame limits: " + maxTcpStreams + ", " + maxTcpHeldBytes + ", "
                    + tcpHistoryBytes + ", " + tcpHoleTimeoutMillis + ", " + tcpIdleTimeoutSeconds);
        }
        java.util.Objects.requireNonNull(sip, "sip");
    }

    /** The default TCP bounds other than the number of directions. */
    public FrameLimits(int maxTcpStreams, SipLimits sip) {
        this(maxTcpStreams, 1 << 20, 16 << 10, 10_000, 300, sip);
    }
}
