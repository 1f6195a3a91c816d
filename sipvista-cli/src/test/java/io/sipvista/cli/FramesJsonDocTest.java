package io.sipvista.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/frames-json.md documents every field the JSON output has, and the example capture's SDP is structured. */
class FramesJsonDocTest {
    private static Path root() {
        String prop = System.getProperty("sipvista.root");
        Path p = prop != null ? Paths.get(prop) : Paths.get("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("docs/frames-json.md"))) {
            p = p.getParent();
        }
        assertThat(p).isNotNull();
        return p;
    }

    private static JsonNode seedJson(String... extra) throws IOException {
        String[] args = new String[3 + extra.length];
        args[0] = "frames";
        args[1] = "--format=json";
        System.arraycopy(extra, 0, args, 2, extra.length);
        args[args.length - 1] = root().resolve("examples/sip-register-and-call.pcap").toString();
        return new ObjectMapper().readTree(MainTest.run(args).out());
    }

    private static void collect(JsonNode n, Set<String> names, boolean valuesAreKeys) {
        if (n.isObject()) {
            Iterator<String> it = n.fieldNames();
            while (it.hasNext()) {
                String name = it.next();
                if (!valuesAreKeys) {
                    names.add(name);
                }
                // rtpmap, fmtp and protocols are maps keyed by data, not fields
                collect(n.get(name), names, name.equals("rtpmap") || name.equals("fmtp") || name.equals("protocols"));
            }
        } else if (n.isArray()) {
            for (JsonNode e : n) {
                collect(e, names, false);
            }
        }
    }

    @Test
    void everyFieldIsDocumented() throws IOException {
        Set<String> names = new TreeSet<>();
        collect(seedJson("--raw"), names, false);
        String doc = Files.readString(root().resolve("docs/frames-json.md"), StandardCharsets.UTF_8);
        assertThat(names).hasSizeGreaterThan(40);
        for (String name : names) {
            assertThat(doc).as("docs/frames-json.md documents `%s`", name).contains("`" + name + "`");
        }
    }

    @Test
    void sdpIsStructured() throws IOException {
        JsonNode invite = seedJson().get("frames").get(26);
        assertThat(invite.get("number").asInt()).isEqualTo(27);
        JsonNode sdp = invite.at("/sip/0/sdp");
        assertThat(sdp.at("/origin/sessionVersion").asText()).isEqualTo("1276777554");
        assertThat(sdp.get("connection").asText()).isEqualTo("IN IP4 192.168.9.212");
        JsonNode audio = sdp.at("/media/0");
        assertThat(audio.get("type").asText()).isEqualTo("audio");
        assertThat(audio.get("port").asInt()).isEqualTo(2222);
        assertThat(audio.get("codecs").toString()).isEqualTo("[\"PCMA/8000\",\"PCMU/8000\",\"G729/8000\",\"telephone-event/8000\"]");
        assertThat(audio.at("/rtpmap/101").asText()).isEqualTo("telephone-event/8000");
        assertThat(audio.get("direction").asText()).isEqualTo("sendrecv");
        assertThat(sdp.get("lines").get(0).asText()).isEqualTo("v=0");
    }
}
