package io.sipvista.correlate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TransactionMatcher.ExpiryQueue} against a plain model: whatever is added, brought forward, put off or taken
 * out, the first is always one due soonest, and each transaction leaves exactly when taken out.
 */
class ExpiryQueueTest {
    private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);
    private static final MessageFacts FACTS = MessageFacts.read(new SipEvent(1, T0.getEpochSecond(), 0,
            "10.0.0.1:5060", "10.0.0.2:5060", "udp", Msg.request("OPTIONS").callId("q").branch("z9hG4bK-q").parse()),
            new ArrayList<>());

    private static TransactionBuilder transaction(int i) {
        return new TransactionBuilder(i, new TransactionKey.Branch("z9hG4bK-" + i, "10.0.0.1", "OPTIONS"), "OPTIONS",
                FACTS);
    }

    private static Instant due(Instant last, Duration limit) {
        return last.plus(limit);
    }

    @Test
    void theFirstIsAlwaysDueSoonestThroughRandomChanges() {
        Random random = new Random(42);
        TransactionMatcher.ExpiryQueue queue = new TransactionMatcher.ExpiryQueue();
        Map<TransactionBuilder, Instant> model = new HashMap<>();
        List<TransactionBuilder> queued = new ArrayList<>();
        int next = 0;
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(10);
            Instant last = T0.plusMillis(random.nextInt(50_000));
            // few distinct times, so that many transactions share one
            Duration limit = Duration.ofMillis(500L * random.nextInt(40));
            if (op < 4 || queued.isEmpty()) {
                TransactionBuilder t = transaction(next++);
                queue.add(t, last, limit);
                model.put(t, due(last, limit));
                queued.add(t);
            } else if (op < 6) {
                TransactionBuilder t = queued.get(random.nextInt(queued.size()));
                queue.noLaterThan(t, last, limit);
                if (due(last, limit).isBefore(model.get(t))) {
                    model.put(t, due(last, limit));
                }
            } else if (op < 8) {
                TransactionBuilder t = queued.remove(random.nextInt(queued.size()));
                queue.remove(t);
                model.remove(t);
            } else if (op < 9) {
                TransactionBuilder first = queue.first();
                assertThat(model.get(first)).isEqualTo(model.values().stream().min(Instant::compareTo).orElseThrow());
                queue.delayFirst(last, limit);
                model.put(first, due(last, limit));
            } else {
                TransactionBuilder first = queue.first();
                Instant soonest = model.values().stream().min(Instant::compareTo).orElseThrow();
                assertThat(model.get(first)).isEqualTo(soonest);
                assertThat(queue.firstBefore(soonest)).isFalse();
                assertThat(queue.firstBefore(soonest.plusNanos(1))).isTrue();
                queue.removeFirst();
                model.remove(first);
                queued.remove(first);
            }
        }
        assertThat(queued).hasSizeGreaterThan(1_000);
        Instant previous = Instant.MIN;
        while (!model.isEmpty()) {
            TransactionBuilder first = queue.first();
            assertThat(model).containsKey(first);
            assertThat(model.get(first)).isAfterOrEqualTo(previous)
                    .isEqualTo(model.values().stream().min(Instant::compareTo).orElseThrow());
            previous = model.remove(first);
            queue.removeFirst();
        }
        assertThat(queue.firstBefore(Instant.MAX)).isFalse();
    }
}
