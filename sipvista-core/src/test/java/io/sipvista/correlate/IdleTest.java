package io.sipvista.correlate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Idle#longerThan} gives what {@code Duration.between(from, to).compareTo(limit) > 0} gives. */
class IdleTest {
    private static final Instant T = Instant.parse("2026-11-30T12:00:00.999999999Z");

    @Test
    void exactlyTheLimitIsNotLongerAndOneNanosecondMoreIs() {
        Duration linger = Duration.ofSeconds(32);
        assertThat(Idle.longerThan(T, T.plus(linger), linger)).isFalse();
        assertThat(Idle.longerThan(T, T.plus(linger).plusNanos(1), linger)).isTrue();
        assertThat(Idle.longerThan(T, T.plus(linger).minusNanos(1), linger)).isFalse();
    }

    @Test
    void aClockThatWentBackIsNeverIdle() {
        assertThat(Idle.longerThan(T, T.minusSeconds(100), Duration.ofSeconds(32))).isFalse();
        assertThat(Idle.longerThan(T, T.minusNanos(1), Duration.ZERO)).isFalse();
        assertThat(Idle.longerThan(T, T, Duration.ZERO)).isFalse();
    }

    @Test
    void randomSpansAgreeWithDurationBetween() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            Instant from = T.plusNanos(random.nextLong(-5_000_000_000L, 5_000_000_000L));
            Instant to = from.plusNanos(random.nextLong(-40_000_000_000L, 40_000_000_000L));
            Duration limit = Duration.ofNanos(random.nextLong(0, 40_000_000_000L));
            assertThat(Idle.longerThan(from, to, limit))
                    .as("%s to %s over %s", from, to, limit)
                    .isEqualTo(Duration.between(from, to).compareTo(limit) > 0);
        }
    }
}
