package io.sipvista.correlate;

import java.time.Duration;
import java.util.Objects;

/**
 * The memory budget of one {@link Correlator}. Finished state is moved out of the lookup tables after a while
 * (measured in capture time); it stays in the model. Every limit hit is a named anomaly, never a silent drop.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>default</th><th>when exceeded</th></tr>
 *   <tr><td>{@code maxOpenTransactions}</td><td>100 000</td><td>{@code correlate.transactions.limit}: the
 *       transaction opened longest ago is no longer matched (a later retransmission of it starts a new one)</td></tr>
 *   <tr><td>{@code maxOpenDialogs}</td><td>100 000</td><td>{@code correlate.dialogs.limit}: the dialog created
 *       longest ago is no longer matched (a later request in it starts a new dialog)</td></tr>
 *   <tr><td>{@code linger}</td><td>32 s (64*T1, RFC 3261 Timer F/H/J)</td><td>a transaction with a final
 *       response, or a terminated dialog, idle this long leaves the lookup tables</td></tr>
 *   <tr><td>{@code openTimeout}</td><td>300 s (beyond Timer C, 3 min)</td><td>a transaction without a final
 *       response idle this long leaves the lookup tables</td></tr>
 * </table>
 *
 * @param maxOpenTransactions most transactions kept for matching at once
 * @param maxOpenDialogs      most dialogs kept for matching at once
 * @param linger              how long finished transactions and terminated dialogs stay matchable
 * @param openTimeout         how long an unanswered transaction stays matchable after its last message
 */
public record CorrelatorLimits(int maxOpenTransactions, int maxOpenDialogs, Duration linger, Duration openTimeout) {
    public static final CorrelatorLimits DEFAULT =
            new CorrelatorLimits(100_000, 100_000, Duration.ofSeconds(32), Duration.ofSeconds(300));

    public CorrelatorLimits {
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(openTimeout, "openTimeout");
        if (maxOpenTransactions < 1 || maxOpenDialogs < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxOpenTransactions + ", "
                    + maxOpenDialogs);
        }
        if (linger.isNegative() || openTimeout.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative: " + linger + ", " + openTimeout);
        }
    }
}
