package io.sipvista.bench;

import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.Captures;
import io.sipvista.correlate.SipEvent;
import io.sipvista.frame.Frame;
import io.sipvista.frame.FrameDecoder;
import io.sipvista.frame.FrameLimits;
import io.sipvista.frame.SipEntry;
import io.sipvista.testkit.PcapWriter;
import io.sipvista.testkit.PcapngWriter;
import io.sipvista.testkit.SyntheticCalls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The inputs of the benchmarks, made in memory by {@link SyntheticCalls} (deterministic: seed 1): the two kinds of
 * capture of issue 7, scaled by the number of calls, and what is cut out of them for the benchmarks of one stage.
 */
public final class Workloads {
    /** Offset of the UDP payload in a synthetic frame: Ethernet 14, IPv4 20, UDP 8. */
    static final int UDP_PAYLOAD = 42;

    /** The two kinds of capture. */
    public enum Kind {
        /**
         * Registrations and calls with G.711 RTP both ways and RTCP: 10 calls a second, 10 s of talk each (about
         * 120 up at once); 5% busy, 5% cancelled, 5% not found. About 230 KB per call.
         */
        RTP,
        /**
         * The same mix without media, 100 calls a second, 5 s of talk (about 700 up at once): about 11 SIP messages
         * per call (4 for the registration).
         */
        SIGNALLING
    }

    private Workloads() {
    }

    /** The generator's options for {@code calls} calls of this kind. */
    public static SyntheticCalls.Options options(Kind kind, int calls) {
        SyntheticCalls.Options base = kind == Kind.RTP
                ? new SyntheticCalls.Options(calls, 10, 10, 0.05, 0.05, false, 1, true)
                : new SyntheticCalls.Options(calls, 100, 5, 0.05, 0.05, false, 1, false);
        return base.withNotFoundShare(0.05).withRegistrations(3600).withRtcp(kind == Kind.RTP);
    }

    /** The capture as a microsecond pcap file. */
    public static byte[] pcap(SyntheticCalls.Options o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            SyntheticCalls.write(o, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The capture as a pcapng file (one interface, microseconds). */
    public static byte[] pcapng(SyntheticCalls.Options o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(bytes, false)) {
            SyntheticCalls.write(o, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Opens an in-memory capture the way {@code ./sipvista} opens a file (format found from the content). */
    public static CaptureReader open(byte[] capture) throws IOException {
        return Captures.open(new ByteArrayInputStream(capture), "bench");
    }

    /** Every record of an in-memory capture. */
    public static List<CaptureRecord> records(byte[] capture) {
        List<CaptureRecord> out = new ArrayList<>();
        try (CaptureReader r = open(capture)) {
            for (CaptureRecord c = r.next(); c != null; c = r.next()) {
                out.add(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The UDP payloads of the first {@code count} SIP messages, repeated from the start if there are fewer. */
    public static List<byte[]> sipPayloads(SyntheticCalls.Options o, int count) {
        List<byte[]> all = new ArrayList<>();
        try {
            SyntheticCalls.write(o, (s, n, frame) -> {
                int port = (frame[36] & 0xFF) << 8 | frame[37] & 0xFF;
                if (port == 5060 && all.size() < count) {
                    all.add(Arrays.copyOfRange(frame, UDP_PAYLOAD, frame.length));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no SIP message in " + o);
        }
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(all.get(i % all.size()));
        }
        return out;
    }

    /** The SIP messages of a capture as the analysis hands them to the correlator, in capture order. */
    public static List<SipEvent> events(byte[] capture) {
        FrameDecoder decoder = new FrameDecoder(FrameLimits.DEFAULT);
        List<SipEvent> out = new ArrayList<>();
        for (CaptureRecord r : records(capture)) {
            Frame f = decoder.decode(r);
            for (SipEntry e : f.sip()) {
                if (!e.quoted()) {
                    out.add(new SipEvent(f.number(), f.epochSeconds(), f.nanos(), f.src(), f.dst(),
                            f.transport() == null ? "udp" : f.transport(), e.message(), e.sdp()));
                }
            }
        }
        return out;
    }
}
