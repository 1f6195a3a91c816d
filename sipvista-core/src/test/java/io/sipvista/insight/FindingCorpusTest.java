package io.sipvista.insight;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.correlate.SipEvent;
import io.sipvista.frame.FrameLimits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Findings over the real captures of corpus/pcaps: never throws, well formed, and pinned where checked by hand. */
class FindingCorpusTest {
    static Path pcaps() {
        Path p = Paths.get(System.getProperty("sipvista.root", "")).toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("corpus"))) {
            p = p.getParent();
        }
        assertThat(p).as("corpus/ above the working directory").isNotNull();
        return p.resolve("corpus").resolve("pcaps");
    }

    static List<Finding> findings(Path capture) throws IOException {
        CaptureAnalysis.Result r;
        try (CaptureReader reader = Captures.open(capture)) {
            r = CaptureAnalysis.run(reader, FrameLimits.DEFAULT);
        }
        List<SipEvent> events = new ArrayList<>();
        for (CaptureAnalysis.Message m : r.messages()) {
            events.add(m.event());
        }
        return FindingDetector.detect(r.correlation(), r.calls(), events);
    }

    private static List<Finding> of(List<Finding> all, String id) {
        return all.stream().filter(f -> f.id().equals(id)).toList();
    }

    @Test
    void everyCaptureGivesWellFormedFindingsInOrder() throws IOException {
        List<Path> captures;
        try (Stream<Path> s = Files.list(pcaps())) {
            captures = s.sorted().toList();
        }
        assertThat(captures).isNotEmpty();
        for (Path p : captures) {
            List<Finding> all = findings(p);
            assertThat(all).as(p.getFileName().toString())
                    .isSortedAccordingTo(Comparator.comparingLong(Finding::firstFrame).thenComparing(Finding::id));
            for (Finding f : all) {
                assertThat(FindingCatalog.standard().contains(f.id())).as(f.id()).isTrue();
                assertThat(f.text()).as(f.id()).doesNotContain("{").doesNotContain("}");
                assertThat(f.frames()).as(f.id()).isNotEmpty().isSorted().doesNotHaveDuplicates()
                        .allMatch(n -> n > 0);
            }
        }
    }

    /**
     * sngrep__aaa: a 403 REGISTER, a CANCEL the server answered 408 (a cancelled call, not a no-answer; the CANCEL's
     * Via leaves out the default port), two 403 INVITEs (wrong password), a 480; behind NAT.
     */
    @Test
    void sngrepAaaNamesItsFailures() throws IOException {
        List<Finding> all = findings(pcaps().resolve("sngrep__aaa.pcap"));
        assertThat(of(all, "registration.rejected")).extracting(Finding::frames, Finding::text)
                .containsExactly(tuple(List.of(30L, 32L),
                        "A REGISTER for sip:voi18063@sip.cybercity.dk got 403 Wrong password: the registrar refused"
                                + " the registration."));
        assertThat(of(all, "call.no_answer")).extracting(Finding::callId, Finding::frames)
                .containsExactly(tuple("call-4", List.of(617L, 621L)));
        assertThat(of(all, "call.no_answer").get(0).text()).contains("480 Error");
        assertThat(of(all, "call.forbidden")).extracting(Finding::callId, Finding::frames)
                .containsExactly(tuple("call-2", List.of(346L, 348L)), tuple("call-3", List.of(578L, 581L)));
        assertThat(of(all, "call.forbidden")).allSatisfy(f ->
                assertThat(f.text()).contains("403 Wrong password or domain"));
        assertThat(of(all, "nat.private_contact")).singleElement().satisfies(f -> {
            assertThat(f.frames()).startsWith(19L, 30L, 107L).endsWith(639L, 648L);
            assertThat(f.text()).contains("192.168.1.2:5060").contains("public address 80.230.219.70");
        });
        // the credentialed REGISTERs were answered "401 nonce has changed": a stale nonce, not a wrong password
        assertThat(of(all, "auth.challenge_loop")).isEmpty();
        assertThat(of(all, "ack.missing")).isEmpty();
    }

    /** The callee's 200 OK is sent 11 times and the caller never ACKs it. */
    @Test
    void eyebeamCallMissesItsAck() throws IOException {
        List<Finding> all = findings(pcaps().resolve("snort3_demo__SIP_Eyebeam2Eyebeam_Video_Audio.pcap"));
        assertThat(of(all, "ack.missing")).singleElement().satisfies(f -> {
            assertThat(f.frames()).containsExactly(1L, 10L, 73L, 193L, 443L, 938L, 1438L, 1979L, 2530L, 3049L,
                    3303L, 3588L);
            assertThat(f.text()).contains("11 times");
            assertThat(f.callId()).isEqualTo("call-1");
        });
    }

    /**
     * The 200 OK keeps PCMA and PCMU of the offer and adds gsm, iLBC, speex and telephone-event, which RFC 3264
     * §6.1 allows for a unicast stream (formats the answerer is willing to receive): no finding.
     */
    @Test
    void cloudsharkAnswerMayAddCodecs() throws IOException {
        List<Finding> all = findings(pcaps().resolve("suricata-verify__public-cloudshark-sip-s0.pcap"));
        assertThat(all).extracting(Finding::id).doesNotContain("offer.no_common_codec",
                "offer.multicast_format_added");
    }
}
