package io.sipvista.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real call from the corpus (wssamples SIP_DTMF2: PCMA both ways at 30 ms, RFC 4733 digits on payload type 96),
 * read as TShark reads it: {@code tshark -Y rtpevent} shows digits 6 7 8 9 1 2 3, five packets each, the last with
 * the end bit, duration 960 (120 ms), volume 7; {@code -z rtp,streams} shows 666 packets from .172 (PCMA and
 * telephone-event) and 665 from .110.
 */
class CorpusMediaTest {
    private static final String CAPTURE = "wssamples__SIP_DTMF2.cap";
    private static final String FROM_172 = "192.168.105.172:4376>192.168.105.110:4376";
    private static final String FROM_110 = "192.168.105.110:4374>192.168.105.172:4376";

    @TempDir
    Path dir;

    @Test
    void theTelephoneEventsAreTheSevenDigitsTsharkShows() throws IOException {
        TelephoneEvents events = new TelephoneEvents();
        for (CorpusRtp.Rtp r : CorpusRtp.read(CAPTURE)) {
            if (r.flow().equals(FROM_172) && r.payloadType() == 96) {
                byte[] p = r.payload();
                events.accept(r.frame(), r.nanos(), r.seq(), r.timestamp(), r.marker(), p, 0, p.length, 8000);
            }
        }
        List<DtmfDigit> digits = events.finish();
        assertThat(digits).extracting(DtmfDigit::digit).containsExactly('6', '7', '8', '9', '1', '2', '3');
        assertThat(digits).extracting(DtmfDigit::startFrame).containsExactly(339L, 441L, 473L, 503L, 543L, 577L, 615L);
        assertThat(digits).extracting(DtmfDigit::endFrame).containsExactly(347L, 449L, 481L, 511L, 551L, 585L, 623L);
        assertThat(digits).allSatisfy(d -> {
            assertThat(d.durationMs()).isEqualTo(120);
            assertThat(d.volumeDbm0()).isEqualTo(-7);
            assertThat(d.endSeen()).isTrue();
            assertThat(d.startSeen()).isTrue();
        });
        assertThat(events.anomalies()).isEmpty();
    }

    @Test
    void theCallIsWrittenAsTwentySecondsOfStereoPcma() throws IOException {
        List<CorpusRtp.Rtp> all = CorpusRtp.read(CAPTURE);
        List<AudioPacket> left = all.stream().filter(r -> r.flow().equals(FROM_172)).map(CorpusRtp.Rtp::audio)
                .toList();
        List<AudioPacket> right = all.stream().filter(r -> r.flow().equals(FROM_110)).map(CorpusRtp.Rtp::audio)
                .toList();
        assertThat(left).hasSize(666);
        assertThat(right).hasSize(665);
        Path f = dir.resolve("dtmf2.wav");
        WavResult r;
        try (SeekableByteChannel ch = Files.newByteChannel(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            r = WavWriter.write(ch, left.iterator(), right.iterator(), AudioLimits.defaults());
        }
        assertThat(r.left().decoded()).isEqualTo(631);
        assertThat(r.left().skipped()).isEqualTo(35);
        assertThat(r.right().decoded()).isEqualTo(665);
        assertThat(r.left().late() + r.right().late() + r.left().duplicates() + r.right().duplicates()).isZero();
        assertThat(r.left().timestampJumps() + r.right().timestampJumps()).isZero();
        // first packet 76.828597, last 96.829533 plus its 30 ms: 20.03 s
        assertThat(r.durationMs()).isBetween(20_000L, 20_060L);
        assertThat(r.notes()).containsExactly(
                "left channel: payload type 96 (dynamic) cannot be decoded: 35 packets skipped, written as silence");
        assertThat(Files.size(f)).isEqualTo(44 + 4 * r.samplesPerChannel());
    }
}
