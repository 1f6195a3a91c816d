/**
 * JMH benchmarks of sipvista's hot paths, on in-memory captures made by the testkit's
 * {@code SyntheticCalls}: reading capture records, decoding frames, SIP framing and parsing, TCP reassembly, RTP
 * stream statistics, correlation, and the whole {@code CaptureAnalysis}. Run them with
 * {@code java -jar sipvista-bench/target/benchmarks.jar} after {@code mvn package}; the build only runs each once
 * ({@code BenchmarkSmokeTest}).
 */
package io.sipvista.bench;
