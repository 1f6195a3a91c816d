package io.sipvista.net;

/**
 * The bounds {@link SctpReassembler} keeps on its state. Hitting one is a named anomaly, never a silent drop.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>default</th><th>when hit</th></tr>
 *   <tr><td>{@code maxMessageBytes}</td><td>1 MiB</td><td>{@code sctp.message.too_large}: the fragments gathered
 *       so far are dropped</td></tr>
 *   <tr><td>{@code maxBufferedBytes}</td><td>8 MiB</td><td>{@code sctp.reassembly.limit}: the association
 *       direction holding the oldest fragment loses its incomplete messages</td></tr>
 *   <tr><td>{@code maxDirections}</td><td>4,096</td><td>the least recently used association direction is forgotten
 *       ({@code sctp.reassembly.limit} when it held incomplete messages)</td></tr>
 *   <tr><td>{@code timeoutNanos}</td><td>60 s of capture time</td><td>{@code sctp.reassembly.timeout}: a message
 *       whose first fragment arrived this long ago is dropped</td></tr>
 * </table>
 *
 * @param maxMessageBytes  largest user message reassembled
 * @param maxBufferedBytes user data held in incomplete messages, all associations together
 * @param maxDirections    association directions remembered (each keeps a window of TSNs seen, to spot
 *                         retransmissions)
 * @param timeoutNanos     capture time an incomplete message is kept
 */
public record SctpLimits(int maxMessageBytes, long maxBufferedBytes, int maxDirections, long timeoutNanos) {
    public static final SctpLimits DEFAULT = new SctpLimits(1 << 20, 8L << 20, 4096, 60_000_000_000L);

    public SctpLimits {
        if (maxMessageBytes < 1 || maxBufferedBytes < maxMessageBytes || maxDirections < 1 || timeoutNanos < 1) {
            throw new IllegalArgumentException("invalid SCTP limits: " + maxMessageBytes + ", " + maxBufferedBytes
                    + ", " + maxDirections + ", " + timeoutNanos);
        }
    }
}
