package io.sipvista.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optional: Wireshark's dissectors read every kind of frame the synthetic generator writes (registrations with
 * digest authentication, calls through a B2BUA with every outcome, RTP, RTCP), as pcap and as pcapng, without a
 * malformed packet. Skipped when tshark is absent.
 */
class SyntheticCallsTsharkTest {
    @TempDir
    Path dir;

    private static final SyntheticCalls.Options EVERYTHING = new SyntheticCalls.Options(10, 2, 10.5, 0.1, 0.2, true,
            3, true).withNotFoundShare(0.1).withRegistrations(8).withRtcp(true);

    private Path tshark() {
        Optional<Path> t = Tshark.find();
        assumeTrue(t.isPresent(), "tshark not installed");
        return t.get();
    }

    private Path pcapng() throws Exception {
        Path file = dir.resolve("synthetic.pcapng");
        try (OutputStream out = Files.newOutputStream(file); PcapngWriter w = new PcapngWriter(out, false)) {
            SyntheticCalls.write(EVERYTHING, w);
        }
        return file;
    }

    private Path pcap() throws Exception {
        Path file = dir.resolve("synthetic.pcap");
        try (OutputStream out = Files.newOutputStream(file);
             PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            SyntheticCalls.write(EVERYTHING, w);
        }
        return file;
    }

    @Test
    void noMalformedPacketNorWarningInThePcapng() throws Exception {
        List<String> rows = Tshark.run(tshark(), "-r", pcapng().toString(), "-o", "ip.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-Y", "_ws.malformed || _ws.expert.severity >= warning");
        assertThat(rows).isEmpty();
    }

    @Test
    void tsharkSeesTheRegistrationsTheCallsAndTheMediaInThePcap() throws Exception {
        SyntheticCalls.Tally tally = SyntheticCalls.write(EVERYTHING, (s, n, f) -> { });
        List<String> rows = Tshark.run(tshark(), "-r", pcap().toString(), "-T", "fields", "-E", "separator=|",
                "-e", "_ws.col.Protocol", "-e", "sip.Method", "-e", "sip.Status-Code", "-e", "sip.WWW-Authenticate",
                "-e", "sip.auth.digest.response", "-e", "rtcp.pt", "-e", "_ws.malformed");
        assertThat(rows).hasSize((int) tally.frames());
        List<String[]> cells = rows.stream().map(r -> r.split("\\|", -1)).toList();
        assertThat(cells).filteredOn(c -> c[0].startsWith("SIP")).hasSize((int) tally.sip());
        assertThat(cells).filteredOn(c -> c[0].equals("RTP")).hasSize((int) tally.rtp());
        assertThat(cells).filteredOn(c -> c[0].equals("RTCP") && c[5].equals("200,202")).hasSize((int) tally.rtcp());
        assertThat(cells).filteredOn(c -> c[2].equals("401") && !c[3].isEmpty()).hasSize(10);
        assertThat(cells).filteredOn(c -> c[1].equals("REGISTER") && !c[4].isEmpty()).hasSizeGreaterThan(10);
        assertThat(cells).filteredOn(c -> c[2].equals("404")).isNotEmpty();
        assertThat(cells).filteredOn(c -> !c[6].isEmpty()).isEmpty();
    }
}
