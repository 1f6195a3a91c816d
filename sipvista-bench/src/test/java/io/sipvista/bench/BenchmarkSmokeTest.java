package io.sipvista.bench;

import io.sipvista.analysis.CaptureAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the body of every benchmark once, with every value of its parameters (the capture sizes made small), so
 * that the benchmarks keep compiling and working as the code under them changes; and checks what a few of them
 * compute. The build never runs JMH itself.
 */
class BenchmarkSmokeTest {
    /** The number of calls the smoke runs generate, whatever the benchmark's own {@code calls}. */
    private static final String SMALL_CALLS = "6";

    private static List<Class<?>> benchmarkClasses() throws Exception {
        Path dir = Path.of(AnalysisBench.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/sipvista/bench");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> c = Class.forName("io.sipvista.bench." + name.substring(0, name.length() - 6));
                    if (!benchmarks(c).isEmpty()) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    private static List<Method> benchmarks(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class))
                .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
    }

    /** Every combination of the class's {@link Param} values, {@code calls} replaced by {@link #SMALL_CALLS}. */
    private static List<Map<Field, String>> parameterSets(Class<?> c) {
        List<Map<Field, String>> sets = new ArrayList<>();
        sets.add(new LinkedHashMap<>());
        for (Field f : c.getDeclaredFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p == null) {
                continue;
            }
            String[] values = f.getName().equals("calls") ? new String[] {SMALL_CALLS} : p.value();
            List<Map<Field, String>> next = new ArrayList<>();
            for (Map<Field, String> s : sets) {
                for (String v : values) {
                    Map<Field, String> m = new LinkedHashMap<>(s);
                    m.put(f, v);
                    next.add(m);
                }
            }
            sets = next;
        }
        return sets;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(Class<?> type, String text) {
        if (type == int.class) {
            return Integer.parseInt(text);
        } else if (type == boolean.class) {
            return Boolean.parseBoolean(text);
        } else if (type.isEnum()) {
            return Enum.valueOf((Class) type, text);
        }
        return text;
    }

    /** A benchmark state with these parameters, set up as JMH would set it up. */
    private static <T> T prepared(Class<T> c, Map<Field, String> params) throws Exception {
        T state = c.getDeclaredConstructor().newInstance();
        for (Map.Entry<Field, String> e : params.entrySet()) {
            e.getKey().set(state, value(e.getKey().getType(), e.getValue()));
        }
        for (Method m : c.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Setup.class)) {
                m.invoke(state);
            }
        }
        return state;
    }

    private static <T> T prepared(Class<T> c, String... nameValue) throws Exception {
        Map<Field, String> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            params.put(c.getDeclaredField(nameValue[i]), nameValue[i + 1]);
        }
        return prepared(c, params);
    }

    @TestFactory
    Stream<DynamicTest> everyBenchmarkRunsOnceWithEveryParameterValue() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> c : benchmarkClasses()) {
            for (Map<Field, String> params : parameterSets(c)) {
                for (Method m : benchmarks(c)) {
                    String name = c.getSimpleName() + "." + m.getName() + " " + params.entrySet().stream()
                            .map(e -> e.getKey().getName() + "=" + e.getValue()).toList();
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        Object state = prepared(c, params);
                        Object result = m.invoke(state);
                        assertThat(result).as(name).isNotNull();
                        if (result instanceof Number n) {
                            assertThat(n.longValue()).as(name).isPositive();
                        }
                        for (Method t : c.getDeclaredMethods()) {
                            if (t.isAnnotationPresent(TearDown.class)) {
                                t.invoke(state);
                            }
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void jmhListsEveryBenchmarkTheSmokeRunFinds() throws Exception {
        String list;
        try (InputStream in = AnalysisBench.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("JMH's annotation processor wrote META-INF/BenchmarkList").isNotNull();
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Class<?>> classes = benchmarkClasses();
        assertThat(classes).extracting(Class::getSimpleName).containsExactly("AnalysisBench", "AnalysisFileBench",
                "CaptureReadingBench", "CorrelationBench", "FrameDecodingBench", "RtpStreamBench", "SipParsingBench",
                "SummaryStoreBench", "TcpReassemblyBench");
        for (Class<?> c : classes) {
            for (Method m : benchmarks(c)) {
                // the class JMH generated to run this method
                assertThat(list).contains(" " + c.getPackageName() + ".jmh_generated." + c.getSimpleName() + "_"
                        + m.getName() + "_jmhTest ");
            }
        }
    }

    @Test
    void theAnalysisFindsEveryCallOfTheCapture() throws Exception {
        CaptureAnalysis.Result r = prepared(AnalysisBench.class, "kind", "RTP", "calls", SMALL_CALLS).analyze();
        assertThat(r.calls()).hasSize(6);
        assertThat(r.transactions()).containsKeys("INVITE", "REGISTER");
    }

    @Test
    void theFileAnalysisReadsTheNamedCaptureAndDeletesOnlyWhatItWrote(@TempDir Path dir) throws Exception {
        AnalysisFileBench generated = prepared(AnalysisFileBench.class, "file", "", "calls", SMALL_CALLS);
        Path written = generated.path;
        assertThat(generated.analyze().calls()).hasSize(6);
        generated.tearDown();
        assertThat(written).doesNotExist();

        Path named = dir.resolve("named.pcap");
        Files.write(named, Workloads.pcap(Workloads.options(Workloads.Kind.RTP, 3)));
        AnalysisFileBench b = prepared(AnalysisFileBench.class, "file", named.toString(), "calls", SMALL_CALLS);
        CaptureAnalysis.Result first = b.analyze();
        assertThat(first.calls()).hasSize(3);
        assertThat(first.streams()).isNotEmpty();
        assertThat(b.analyze().calls()).as("a second run in the same state").hasSize(3);
        b.tearDown();
        assertThat(named).exists();
    }

    @Test
    void pcapAndPcapngHoldTheSameBytes() throws Exception {
        long pcap = prepared(CaptureReadingBench.class, "kind", "RTP", "format", "pcap", "calls", SMALL_CALLS)
                .readAllRecords();
        long pcapng = prepared(CaptureReadingBench.class, "kind", "RTP", "format", "pcapng", "calls", SMALL_CALLS)
                .readAllRecords();
        assertThat(pcapng).isEqualTo(pcap).isGreaterThan(1_000_000);
    }

    @Test
    void theTcpStreamGivesBackEveryMessageInOrderOrNot() throws Exception {
        for (String disorder : new String[] {"false", "true"}) {
            TcpReassemblyBench b = prepared(TcpReassemblyBench.class, "disorder", disorder, "calls", SMALL_CALLS);
            long bytes = Arrays.stream(b.segments).mapToLong(s -> s.payload().length).sum();
            assertThat(b.reassembleAndFrame()).as("disorder " + disorder).isEqualTo(SipParsingBench.MESSAGES);
            if (disorder.equals("false")) {
                assertThat(b.reassemble()).isEqualTo(bytes);
            } else {
                assertThat(b.reassemble()).as("retransmissions dropped").isLessThan(bytes);
            }
        }
    }

    @Test
    void everyRtpPacketNotLostIsCounted() throws Exception {
        RtpStreamBench b = prepared(RtpStreamBench.class, "streams", "600");
        long sent = Arrays.stream(b.seq).filter(s -> s >= 0).count();
        assertThat(b.update()).isEqualTo(sent).isLessThan(RtpStreamBench.PACKETS).isGreaterThan(59_000);
    }

    @Test
    void everySipMessageIsParsedWithItsHeaders() throws Exception {
        SipParsingBench b = prepared(SipParsingBench.class, "calls", SMALL_CALLS);
        assertThat(b.frameDatagrams()).isEqualTo(SipParsingBench.MESSAGES);
        assertThat(b.frameAndParse()).isGreaterThan(5L * SipParsingBench.MESSAGES);
    }

    @Test
    void theCorrelatorPlacesEveryMessage() throws Exception {
        CorrelationBench b = prepared(CorrelationBench.class, "b2bua", "true", "calls", SMALL_CALLS);
        assertThat(b.accept()).isEqualTo(b.events.length).isGreaterThan(6 * 10);
    }

    @Test
    void decodingFindsTheSipMessagesOfTheCapture() throws Exception {
        FrameDecodingBench b = prepared(FrameDecodingBench.class, "kind", "SIGNALLING", "calls", SMALL_CALLS);
        // every record of a signalling capture is one SIP message
        assertThat(b.decode()).isEqualTo(FrameDecodingBench.RECORDS);
    }
}
