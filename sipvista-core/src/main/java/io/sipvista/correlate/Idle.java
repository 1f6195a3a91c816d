package io.sipvista.correlate;

import java.time.Duration;
import java.time.Instant;

/**
 * Idle-time checks for the sweeps that walk every open transaction and dialog: the same answer as
 * {@code Duration.between(from, to).compareTo(limit) > 0}, from the instants' seconds and nanoseconds, without a
 * {@code Duration} per entry and sweep.
 */
final class Idle {
    private static final int NANOS_PER_SECOND = 1_000_000_000;

    private Idle() {
    }

    /** Whether more than {@code limit} passed from {@code from} to {@code to} (a negative span never has). */
    static boolean longerThan(Instant from, Instant to, Duration limit) {
        long seconds = to.getEpochSecond() - from.getEpochSecond();
        int nanos = to.getNano() - from.getNano();
        if (nanos < 0) {
            nanos += NANOS_PER_SECOND;
            seconds--;
        }
        return seconds != limit.getSeconds() ? seconds > limit.getSeconds() : nanos > limit.getNano();
    }
}
