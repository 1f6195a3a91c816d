package io.sipvista.sip.sdp;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser finds its lines in place rather than cutting each out; these tests hold it to the rule it replaced
 * (kept here as {@link #splitRule}) over generated texts of mixed line ends, trailing white space and blank lines.
 */
class SdpLinesTest {
    private static final String[] LINES = {"v=0", "a=sendrecv", "x", "", " ", "\t", "\u000B", "a=b ", "a=b\t \u000B",
        "m=audio 0 RTP/AVP 0", "=", "a=", "\u00e9=1", " a=1"};
    private static final String[] ENDS = {"\r\n", "\n", "\r", "\r\r\n", "\n\r"};

    /** The rule as it was: a string per line, trailing blank lines dropped, each line stripped at the end. */
    private static List<String> splitRule(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        out.replaceAll(Tokens::stripEnd);
        return out;
    }

    @Test
    void generatedTexts() {
        Random random = new Random(8866);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) { // past the first size of the bounds table, now and then
                sb.append(LINES[random.nextInt(LINES.length)]);
                if (i > 1 || random.nextBoolean()) {
                    sb.append(ENDS[random.nextInt(ENDS.length)]);
                }
            }
            String text = sb.toString();
            Sdp sdp = SdpParser.parse(text);
            List<String> expected = splitRule(text);
            assertThat(sdp.lines()).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                Sdp.Line l = sdp.lines().get(i);
                assertThat(l.number()).isEqualTo(i + 1);
                assertThat(l.typed() ? l.type() + "=" + l.value() : l.value()).isEqualTo(expected.get(i));
            }
            assertThat(sdp.anomalies()).extracting(Anomaly::id).as(text)
                    .filteredOn("sdp.empty"::equals).hasSize(expected.isEmpty() ? 1 : 0);
        }
    }
}
