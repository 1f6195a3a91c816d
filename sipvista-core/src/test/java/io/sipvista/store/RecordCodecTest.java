package io.sipvista.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCodecTest {
    enum Color { RED, GREEN, BLUE }

    record Prims(boolean z, byte b, short s, char c, int i, long l, float f, double d) {
    }

    record Boxes(Boolean z, Byte b, Short s, Character c, Integer i, Long l, Float f, Double d) {
    }

    record Scalars(String text, Instant at, Duration took, Color color) {
    }

    record Inner(String name, long n) {
    }

    record Outer(Inner inner, List<Inner> inners, List<String> strings, List<Long> longs, List<Integer> ints,
                 List<List<Integer>> nested, List<Color> colors, List<Instant> instants, List<Duration> durations,
                 List<Boolean> flags, List<Double> doubles, Prims prims, Boxes boxes, Scalars scalars) {
    }

    /** A record that contains itself. */
    record Node(String name, Node next) {
    }

    /** Counts its canonical constructor's runs and copies its list, as the project's records do. */
    record Counted(List<Long> frames) {
        static final AtomicInteger BUILT = new AtomicInteger();

        Counted {
            frames = List.copyOf(frames);
            BUILT.incrementAndGet();
        }
    }

    /** A class that is no record, encoded by a codec given in {@code extra}. */
    static final class Money {
        private final long cents;

        Money(long cents) {
            this.cents = cents;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Money m && m.cents == cents;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(cents);
        }
    }

    private static final Codec<Money> MONEY = new Codec<>() {
        @Override
        public void write(Money value, ByteSink out) {
            out.writeZigZag(value.cents);
        }

        @Override
        public Money read(ByteSource in) {
            return new Money(in.readZigZag());
        }
    };

    @SuppressWarnings("unchecked")
    private static final Codec<Map<String, Integer>> MAP = new Codec<>() {
        @Override
        public void write(Map<String, Integer> value, ByteSink out) {
            out.writeVarLong(value.size());
            value.forEach((k, v) -> out.writeString(k).writeZigZag(v));
        }

        @Override
        public Map<String, Integer> read(ByteSource in) {
            Map<String, Integer> m = new TreeMap<>();
            for (long n = in.readVarLong(); n > 0; n--) {
                m.put(in.readString(), (int) in.readZigZag());
            }
            return m;
        }
    };

    record Priced(Money price, List<Money> history, Map<String, Integer> tags, Inner inner) {
    }

    record BadMap(String ok, Map<String, String> table) {
    }

    record BadSet(Set<String> names) {
    }

    record BadOptional(Optional<String> maybe) {
    }

    record BadArray(int[] values) {
    }

    record BadObject(Object anything) {
    }

    record BadInterface(CharSequence text) {
    }

    record BadClass(StringBuilder text) {
    }

    @SuppressWarnings("rawtypes")
    record BadRawList(List raw) {
    }

    record BadWildcard(List<?> any) {
    }

    record BadGeneric<T>(T value) {
    }

    record BadDeep(Inner fine, List<List<BadMap>> deep) {
    }

    private static <T extends Record> T roundTrip(RecordCodec<T> codec, T value) {
        ByteSink sink = new ByteSink(0);
        codec.write(value, sink);
        ByteSource in = new ByteSource(sink.array(), 0, sink.size());
        T back = codec.read(in);
        assertThat(in.atEnd()).as("everything written was read").isTrue();
        assertThat(back).isEqualTo(value);
        return back;
    }

    private static Prims prims(long seed) {
        return new Prims(seed % 2 == 0, (byte) seed, (short) seed, (char) seed, (int) seed, seed, (float) seed / 3,
                (double) seed / 7);
    }

    private static Outer full() {
        return new Outer(new Inner("x", 1), List.of(new Inner("a", -1), new Inner("", Long.MAX_VALUE)),
                List.of("", "plain", "Grüße", "😀😀", "日本"), List.of(1L, 2L, 3L, 1000L, 999L, -5L),
                List.of(0, Integer.MAX_VALUE, Integer.MIN_VALUE, 7), List.of(List.of(), List.of(1, 2), List.of(-3)),
                List.of(Color.BLUE, Color.RED), List.of(Instant.EPOCH, Instant.ofEpochSecond(-1, 999_999_999)),
                List.of(Duration.ofMillis(-1), Duration.ZERO), List.of(true, false),
                List.of(-0.0, Double.NaN, 1e300), prims(12345), new Boxes(true, (byte) -1, (short) 300, 'é', -42,
                Long.MIN_VALUE, -0.0f, Double.NEGATIVE_INFINITY),
                new Scalars("text", Instant.parse("2024-05-01T12:34:56.123456789Z"), Duration.ofSeconds(90, 5),
                        Color.GREEN));
    }

    @Test
    void everySupportedTypeComesBackEqual() {
        roundTrip(RecordCodec.of(Outer.class), full());
    }

    @Test
    void everyNullablePlaceMayHoldNull() {
        RecordCodec<Outer> codec = RecordCodec.of(Outer.class);
        roundTrip(codec, new Outer(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null));
        roundTrip(codec, new Outer(null, Arrays.asList(null, new Inner(null, 0), null), Arrays.asList("a", null, ""),
                Arrays.asList(5L, null, 7L), Arrays.asList(null, 1), Arrays.asList(null, Arrays.asList(1, null)),
                Arrays.asList(Color.RED, null), Arrays.asList(null, Instant.MAX), Arrays.asList(Duration.ZERO, null),
                Arrays.asList(null, true, false), Arrays.asList(null, 1.0), null,
                new Boxes(null, null, null, null, null, null, null, null), new Scalars(null, null, null, null)));
    }

    @Test
    void listsComeBackUnmodifiableWhetherOrNotTheyHoldNull() {
        RecordCodec<Outer> codec = RecordCodec.of(Outer.class);
        Outer plain = roundTrip(codec, full());
        Outer nulls = roundTrip(codec, new Outer(null, null, Arrays.asList("a", null), Arrays.asList(null, 1L),
                null, null, null, null, null, null, null, null, null, null));
        for (List<?> list : List.of(plain.inners(), plain.strings(), plain.longs(), plain.ints(), plain.nested(),
                nulls.strings(), nulls.longs())) {
            assertThatThrownBy(() -> list.add(null)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void extremeValuesComeBackExactly() {
        RecordCodec<Prims> prims = RecordCodec.of(Prims.class);
        roundTrip(prims, new Prims(true, Byte.MIN_VALUE, Short.MIN_VALUE, Character.MIN_VALUE, Integer.MIN_VALUE,
                Long.MIN_VALUE, Float.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
        roundTrip(prims, new Prims(false, Byte.MAX_VALUE, Short.MAX_VALUE, Character.MAX_VALUE, Integer.MAX_VALUE,
                Long.MAX_VALUE, Float.MAX_VALUE, Double.MAX_VALUE));
        roundTrip(prims, new Prims(false, (byte) 0, (short) 0, '\uD83D', 0, 0, -0.0f, -0.0));
        double nan = Double.longBitsToDouble(0x7FF0_0000_0000_ABCDL);
        float fnan = Float.intBitsToFloat(0x7F80_0123);
        Prims back = roundTrip(prims, new Prims(true, (byte) 1, (short) 1, 'x', 1, 1, fnan, nan));
        assertThat(Double.doubleToRawLongBits(back.d())).isEqualTo(0x7FF0_0000_0000_ABCDL);
        assertThat(Float.floatToRawIntBits(back.f())).isEqualTo(0x7F80_0123);
        Prims negativeZero = roundTrip(prims, new Prims(false, (byte) 0, (short) 0, 'a', 0, 0, 0f, -0.0));
        assertThat(Double.doubleToRawLongBits(negativeZero.d())).isEqualTo(Double.doubleToRawLongBits(-0.0));

        RecordCodec<Boxes> boxes = RecordCodec.of(Boxes.class);
        roundTrip(boxes, new Boxes(false, Byte.MIN_VALUE, Short.MIN_VALUE, Character.MAX_VALUE, Integer.MIN_VALUE,
                Long.MIN_VALUE, Float.NaN, Double.NaN));
        roundTrip(boxes, new Boxes(true, Byte.MAX_VALUE, Short.MAX_VALUE, Character.MIN_VALUE, Integer.MAX_VALUE,
                Long.MAX_VALUE, Float.MIN_VALUE, Double.MIN_VALUE));
        Boxes nanBox = roundTrip(boxes, new Boxes(null, null, null, null, null, null, null, nan));
        assertThat(Double.doubleToRawLongBits(nanBox.d())).isEqualTo(0x7FF0_0000_0000_ABCDL);

        RecordCodec<Scalars> scalars = RecordCodec.of(Scalars.class);
        for (Instant at : List.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.ofEpochSecond(-1, 1),
                Instant.ofEpochSecond(0, 999_999_999))) {
            for (Duration took : List.of(Duration.ofSeconds(Long.MIN_VALUE), Duration.ofSeconds(Long.MAX_VALUE,
                    999_999_999), Duration.ofNanos(-1), Duration.ofSeconds(-5, 3), Duration.ZERO)) {
                roundTrip(scalars, new Scalars("", at, took, Color.BLUE));
            }
        }
        roundTrip(scalars, new Scalars("\uD83D\uDE00 surrogate pair, ü, \u0000, 日本語", null, null, Color.RED));
        roundTrip(scalars, new Scalars("x".repeat(100_000), null, null, null));

        RecordCodec<Outer> outer = RecordCodec.of(Outer.class);
        roundTrip(outer, new Outer(null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), null, null, null));
        roundTrip(outer, new Outer(null, null, null, List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, Long.MIN_VALUE, -1L),
                List.of(Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE), null, null, null, null, null,
                null, null, null, null));
    }

    @Test
    void manyValuesInOneSinkComeBackInOrder() {
        RecordCodec<Prims> codec = RecordCodec.of(Prims.class);
        RecordCodec<Outer> outer = RecordCodec.of(Outer.class);
        ByteSink sink = new ByteSink(0);
        List<Prims> written = new ArrayList<>();
        for (long i = -500; i < 500; i++) {
            Prims p = prims(i * 1_000_003L);
            written.add(p);
            codec.write(p, sink);
            outer.write(full(), sink);
        }
        ByteSource in = new ByteSource(sink.array(), 0, sink.size());
        for (Prims p : written) {
            assertThat(codec.read(in)).isEqualTo(p);
            assertThat(outer.read(in)).isEqualTo(full());
        }
        assertThat(in.atEnd()).isTrue();
        assertThatThrownBy(() -> codec.read(in)).isInstanceOf(IllegalStateException.class);
    }

    /**
     * A string that is one of the last {@link ByteSink#RECENT} written in the same record is written as a reference
     * back (a call repeats its Call-ID in each leg and dialog) and read back as one string; an equal copy is written
     * again; each record still reads alone, from its own start.
     */
    @Test
    void stringsRepeatedInARecordAreWrittenOnceAndEachRecordReadsAlone() {
        RecordCodec<Outer> codec = RecordCodec.of(Outer.class);
        String id = "a84b4c76e66710@pc33.atlanta.example.com";
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // the Call-ID among a few others: written once
            strings.add(id);
            strings.add(i % 4 == 0 ? null : "x" + (i % 5));
        }
        for (int i = 0; i < 10; i++) { // ten new ones push it out of the last eight
            strings.add("y" + i);
        }
        strings.add(id); // so it is written again in full
        strings.add("y2"); // and so is this one, eight strings back
        strings.add(new String(id)); // an equal copy: written in full
        Outer value = new Outer(new Inner(id, 1), List.of(new Inner(id, 2)), strings, List.of(), List.of(),
                null, null, null, null, null, null, null, null, null);
        ByteSink sink = new ByteSink(0);
        int[] starts = new int[4];
        for (int k = 0; k < 4; k++) {
            starts[k] = sink.size();
            codec.write(value, sink);
        }
        String bytes = new String(sink.array(), 0, starts[1], java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(bytes.split(java.util.regex.Pattern.quote(id), -1)).as("the Call-ID in full 3 times of 14")
                .hasSize(4);
        for (int k = 3; k >= 0; k--) { // any record, read from its own start
            ByteSource in = new ByteSource(sink.array(), starts[k], sink.size());
            Outer read = codec.read(in);
            assertThat(read).isEqualTo(value);
            assertThat(read.strings().get(2)).isSameAs(read.strings().get(0)).isSameAs(read.inner().name());
        }
        ByteSource bad = new ByteSource(new byte[] {3}, 0, 1);
        assertThatThrownBy(() -> RecordCodec.of(Inner.class).read(bad)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no remembered string");
    }

    @Test
    void aRecordMayContainItself() {
        RecordCodec<Node> codec = RecordCodec.of(Node.class);
        roundTrip(codec, new Node("a", new Node("b", new Node(null, null))));
        roundTrip(codec, new Node("alone", null));
    }

    @Test
    void decodingRunsTheCanonicalConstructor() {
        RecordCodec<Counted> codec = RecordCodec.of(Counted.class);
        ByteSink sink = new ByteSink(0);
        codec.write(new Counted(List.of(1L, 2L)), sink);
        int before = Counted.BUILT.get();
        Counted back = codec.read(new ByteSource(sink.array(), 0, sink.size()));
        assertThat(Counted.BUILT.get()).isEqualTo(before + 1);
        assertThat(back.frames()).containsExactly(1L, 2L);
    }

    @Test
    void ascendingNumbersTakeAByteOrTwoEach() {
        RecordCodec<Counted> codec = RecordCodec.of(Counted.class);
        List<Long> frames = new ArrayList<>();
        for (long f = 1_000_000; frames.size() < 1000; f += 1 + frames.size() % 50) {
            frames.add(f);
        }
        ByteSink sink = new ByteSink(0);
        codec.write(new Counted(frames), sink);
        assertThat(sink.size()).isLessThan(1100);
        roundTrip(codec, new Counted(frames));
    }

    @Test
    void listsThatWriteTheirElementsWhenReadComeBackEqual() {
        List<String> lazy = new AbstractList<>() {
            @Override
            public String get(int index) {
                return "note " + index;
            }

            @Override
            public int size() {
                return 3;
            }
        };
        roundTrip(RecordCodec.of(Outer.class), new Outer(null, null, lazy, null, null, null, null, null, null, null,
                null, null, null, null));
    }

    @Test
    void classesGivenInExtraAreEncodedByTheirCodec() {
        RecordCodec<Priced> codec = RecordCodec.of(Priced.class, Map.of(Money.class, MONEY, Map.class, MAP));
        roundTrip(codec, new Priced(new Money(-12), Arrays.asList(new Money(1), null, new Money(Long.MIN_VALUE)),
                new TreeMap<>(Map.of("a", 1, "b", -2)), new Inner("i", 3)));
        roundTrip(codec, new Priced(null, null, null, null));
        assertThatThrownBy(() -> RecordCodec.of(Priced.class, Map.of(Money.class, MONEY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Priced.tags");
    }

    @Test
    void aRecordInExtraIsTakenFromThere() {
        Codec<Inner> upper = new Codec<>() {
            @Override
            public void write(Inner value, ByteSink out) {
                out.writeString(value.name().toUpperCase());
            }

            @Override
            public Inner read(ByteSource in) {
                return new Inner(in.readString(), 0);
            }
        };
        RecordCodec<Priced> codec = RecordCodec.of(Priced.class, Map.of(Money.class, MONEY, Map.class, MAP,
                Inner.class, upper));
        ByteSink sink = new ByteSink(0);
        codec.write(new Priced(null, null, null, new Inner("abc", 5)), sink);
        assertThat(codec.read(new ByteSource(sink.array(), 0, sink.size())).inner()).isEqualTo(new Inner("ABC", 0));
    }

    @Test
    void unsupportedTypesFailAtOnceNamingTheComponent() {
        Map<Class<? extends Record>, String> bad = Map.ofEntries(
                Map.entry(BadMap.class, "BadMap.table"),
                Map.entry(BadSet.class, "BadSet.names"),
                Map.entry(BadOptional.class, "BadOptional.maybe"),
                Map.entry(BadArray.class, "BadArray.values"),
                Map.entry(BadObject.class, "BadObject.anything"),
                Map.entry(BadInterface.class, "BadInterface.text"),
                Map.entry(BadClass.class, "BadClass.text"),
                Map.entry(BadRawList.class, "BadRawList.raw"),
                Map.entry(BadWildcard.class, "BadWildcard.any"),
                Map.entry(BadGeneric.class, "BadGeneric.value"),
                Map.entry(BadDeep.class, "BadMap.table"));
        bad.forEach((type, component) -> assertThatThrownBy(() -> RecordCodec.of(type))
                .as(type.getSimpleName())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(component));
    }

    @Test
    void nullAtTheTopAndDamagedBytesAreRefused() {
        RecordCodec<Scalars> codec = RecordCodec.of(Scalars.class);
        assertThatThrownBy(() -> codec.write(null, new ByteSink(0))).isInstanceOf(NullPointerException.class);
        // "x" as a record writes a string (its length + 1 + RECENT, then its bytes), no Instant, no Duration, color 9
        ByteSink sink = new ByteSink(0).writeVarLong(2 + ByteSink.RECENT).writeByte('x').writeByte(0).writeByte(0)
                .writeVarLong(9);
        assertThatThrownBy(() -> codec.read(new ByteSource(sink.array(), 0, sink.size())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Color");
        ByteSink longList = new ByteSink(0).writeByte(0).writeVarLong(1_000_001);
        assertThatThrownBy(() -> RecordCodec.of(Counted.class).read(new ByteSource(longList.array(), 1,
                longList.size()))).isInstanceOf(IllegalStateException.class);
        assertThat(Objects.toString(codec)).contains("Scalars");
        assertThat(codec.type()).isEqualTo(Scalars.class);
    }
}
