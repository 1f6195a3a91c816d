package io.sipvista.frame;

import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.Captures;
import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The analysis' decoder (no RTP or SIP label text) decodes every frame as the full one does, label text aside. */
class FrameDecoderLabelsTest {
    @Test
    void withoutLabelsOnlyTheRtpAndSipLabelTextDiffers() throws IOException {
        FrameDecoder full = new FrameDecoder(FrameLimits.DEFAULT);
        FrameDecoder bare = new FrameDecoder(FrameLimits.DEFAULT, false);
        int rtp = 0;
        int sip = 0;
        try (CaptureReader a = Captures.open(new ByteArrayInputStream(SeedCapture.bytes()), "seed");
             CaptureReader b = Captures.open(new ByteArrayInputStream(SeedCapture.bytes()), "seed")) {
            for (CaptureRecord ra = a.next(), rb = b.next(); ra != null; ra = a.next(), rb = b.next()) {
                Frame x = full.decode(ra);
                Frame y = bare.decode(rb);
                if ("rtp".equals(x.protocol())) {
                    rtp++;
                    assertThat(x.label()).startsWith("RTP PCMU, SSRC 0x");
                    assertThat(y.label()).isEqualTo("RTP");
                    assertThat(y.media()).isNotNull();
                    assertThat(y.media().header().sequence()).isEqualTo(x.media().header().sequence());
                    assertThat(y.protocol()).isEqualTo("rtp");
                } else if (!x.sip().isEmpty()) {
                    sip++;
                    assertThat(x.label()).startsWith("SIP ").isNotEqualTo("SIP");
                    assertThat(y.label()).isEqualTo("SIP");
                    for (int i = 0; i < x.sip().size(); i++) {
                        assertThat(y.sip().get(i).message().raw()).isEqualTo(x.sip().get(i).message().raw());
                        assertThat(y.sip().get(i).sdp()).isEqualTo(x.sip().get(i).sdp());
                    }
                } else {
                    assertThat(y.label()).isEqualTo(x.label());
                }
                assertThat(y.src()).isEqualTo(x.src());
                assertThat(y.dst()).isEqualTo(x.dst());
                assertThat(y.sip()).hasSameSizeAs(x.sip());
                assertThat(y.anomalies()).isEqualTo(x.anomalies());
                assertThat(y.media() == null).isEqualTo(x.media() == null);
            }
        }
        assertThat(rtp).isEqualTo(4);
        assertThat(sip).isGreaterThan(10);
    }
}
