package io.sipvista.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Optional: Wireshark's dissectors read the seed capture without complaint. Skipped when tshark is absent. */
class SeedCaptureTsharkTest {
    @TempDir
    Path dir;

    private Path tshark() {
        Optional<Path> t = Tshark.find();
        assumeTrue(t.isPresent(), "tshark not installed");
        return t.get();
    }

    private Path seed() throws Exception {
        Path file = dir.resolve("sip-register-and-call.pcap");
        Files.write(file, SeedCapture.bytes());
        return file;
    }

    @Test
    void sipFilterShowsNoMalformedPackets() throws Exception {
        Path t = tshark();
        Path file = seed();
        assertThat(Tshark.run(t, "-r", file.toString(), "-Y", "sip")).hasSize(72);
        assertThat(Tshark.run(t, "-r", file.toString(), "-Y", "sip && _ws.malformed")).isEmpty();
    }

    @Test
    void noExpertItemAtWarningOrAboveWithChecksumsVerified() throws Exception {
        Path t = tshark();
        List<String> rows = Tshark.run(t, "-r", seed().toString(), "-o", "ip.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-Y", "_ws.malformed || _ws.expert.severity >= warning");
        assertThat(rows).isEmpty();
    }

    @Test
    void tsharkSeesTheSipMessagesRtpAndArpWhereThePageHasThem() throws Exception {
        Path t = tshark();
        List<String> rows = Tshark.run(t, "-r", seed().toString(), "-T", "fields", "-E", "separator=|",
                "-e", "frame.number", "-e", "_ws.col.Protocol", "-e", "sip.Method", "-e", "sip.Status-Code",
                "-e", "sip.CSeq");
        assertThat(rows).hasSize(78);
        assertThat(rows.get(0)).isEqualTo("1|SIP|REGISTER||12607 REGISTER");
        assertThat(rows.get(16)).startsWith("17|ARP|");
        assertThat(rows.get(26)).isEqualTo("27|SIP/SDP|INVITE||1 INVITE");
        assertThat(rows.get(29)).isEqualTo("30|SIP/SDP|INVITE||587158161 INVITE");
        assertThat(rows.get(40)).startsWith("41|RTP|");
        assertThat(rows.get(41)).startsWith("42|RTP|");
        assertThat(rows.get(63)).isEqualTo("64|SIP/SDP||200|587158163 INVITE");
        assertThat(rows.get(65)).isEqualTo("66|SIP||200|587158158 BYE");
        assertThat(rows.get(69)).isEqualTo("70|SIP|ACK||587158163 ACK");
        assertThat(rows.get(77)).isEqualTo("78|SIP||200|100581878 NOTIFY");
    }
}
