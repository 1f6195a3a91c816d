package io.sipvista.net;

import java.time.Duration;
import java.util.Objects;

/**
 * Every bound {@link IpReassembler} keeps on its state, in one place. Hitting one is a named anomaly, never a
 * silent drop.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>default</th><th>when hit</th></tr>
 *   <tr><td>timeout</td><td>30 s of capture time</td><td>a datagram that has had no fragment for longer is dropped
 *       ({@code ip.fragment.timeout})</td></tr>
 *   <tr><td>maxDatagrams</td><td>4,096 datagrams in progress</td><td>the one idle longest is dropped
 *       ({@code ip.fragment.limit})</td></tr>
 *   <tr><td>maxDatagramBytes</td><td>65,535 bytes of fragment data (everything after the unfragmentable
 *       header)</td><td>the datagram is dropped ({@code ip.fragment.limit})</td></tr>
 *   <tr><td>maxFragments</td><td>8,192 fragments held for one datagram (65,535 / 8, duplicates included)</td>
 *       <td>the datagram is dropped ({@code ip.fragment.limit})</td></tr>
 *   <tr><td>maxBufferedBytes</td><td>64 MiB held over all datagrams, bookkeeping included</td><td>the datagrams
 *       idle longest are dropped until the new fragment fits ({@code ip.fragment.limit})</td></tr>
 * </table>
 *
 * <p>Datagrams larger than IP allows (a reassembled IPv4 packet or IPv6 payload over 65,535 bytes) are dropped
 * whatever the limits ({@code ip.fragment.too_large}). Besides what is held, at most {@code maxDatagrams} finished
 * datagrams are remembered for one timeout (their keys, and checksums of up to 64 fragments each, to name late
 * copies).
 */
public record ReassemblyLimits(Duration timeout, int maxDatagrams, int maxDatagramBytes, int maxFragments,
                               long maxBufferedBytes) {
    public static final ReassemblyLimits DEFAULT =
            new ReassemblyLimits(Duration.ofSeconds(30), 4096, 65_535, 8192, 64L << 20);

    public ReassemblyLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxDatagrams < 1 || maxDatagramBytes < 1 || maxFragments < 1 || maxBufferedBytes < 1) {
            throw new IllegalArgumentException("reassembly limits must be positive");
        }
    }

    /** The timeout in nanoseconds, saturated for absurdly long timeouts. */
    long timeoutNanos() {
        return timeout.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : timeout.toNanos();
    }
}
