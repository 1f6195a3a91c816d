package io.sipvista.sip;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HeaderBlock}'s quick scans against plain references: the end of the block against a state machine that
 * reads every byte, and the Content-Length against reading its text (decoded, folded lines joined, then
 * {@link ContentLength#parse}), on random blocks made of the bytes that matter (line breaks, blanks, digits, colons,
 * the header's two names).
 */
class HeaderBlockTest {
    private static final String[] PIECES = {"\r", "\n", "\r\n", " ", "\t", "0", "7", "42", "x", ":", "Content-Length",
        "content-length", "l", "L", "Via: a", "\r\n\r\n", "12345678901", "\u00e9", "-1"};

    @Test
    void endIsWhereTheFirstEmptyLineEnds() {
        assertThat(HeaderBlock.end(bytes("A\r\nB: c\r\n\r\nbody"), 0, 16)).isEqualTo(11);
        assertThat(HeaderBlock.end(bytes("A\nB: c\n\nbody"), 0, 12)).isEqualTo(8);
        assertThat(HeaderBlock.end(bytes("A\nB: c\n\r\nbody"), 0, 13)).isEqualTo(9);
        assertThat(HeaderBlock.end(bytes("A\r\nB: c\r\n \r\n"), 0, 12)).isEqualTo(-1); // a blank line is a fold
        assertThat(HeaderBlock.end(bytes("A\r\nB: c\r\n\r"), 0, 10)).isEqualTo(-1); // cut before the last LF
        assertThat(HeaderBlock.end(bytes("\n\nA"), 1, 3)).isEqualTo(-1); // the LF before from does not count
    }

    @Test
    void endAgreesWithAByteByByteStateMachine() {
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = randomBlock(random);
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            assertThat(HeaderBlock.end(b, from, to)).as("%s [%d, %d)", show(b), from, to)
                    .isEqualTo(referenceEnd(b, from, to));
        }
    }

    @Test
    void contentLengthAgreesWithReadingTheText() {
        Random random = new Random(11);
        int valid = 0;
        for (int n = 0; n < 20_000; n++) {
            byte[] b = bytes("INVITE sip:a SIP/2.0\r\n" + randomHeaders(random) + "\r\n");
            int end = HeaderBlock.end(b, 0, b.length);
            ContentLength read = HeaderBlock.contentLength(b, 0, end < 0 ? b.length : end);
            assertThat(read).as(show(b)).isEqualTo(referenceContentLength(b, 0, end < 0 ? b.length : end));
            valid += read.valid() ? 1 : 0;
        }
        assertThat(valid).as("blocks with a valid Content-Length").isGreaterThan(500);
    }

    @Test
    void foldedAndPaddedValuesReadAsText() {
        assertThat(contentLength("Content-Length:  12 \r\n").value()).isEqualTo(12);
        assertThat(contentLength("Content-Length: 12 \r\n").text()).isEqualTo("12");
        assertThat(contentLength("l:\r\n 3\r\n").value()).isEqualTo(3); // the value is on the folded line
        assertThat(contentLength("Content-Length: 1\r\n 2\r\n").valid()).isFalse(); // "1 2"
        assertThat(contentLength("Content-Length: 4294967296\r\n").valid()).isFalse();
        assertThat(contentLength("Content-Length: 2147483647\r\n").value()).isEqualTo(Integer.MAX_VALUE);
        assertThat(contentLength("Content-Length: 0012\r\n").value()).isEqualTo(12);
    }

    private static ContentLength contentLength(String headers) {
        byte[] b = bytes("BYE sip:a SIP/2.0\r\n" + headers + "\r\n");
        return HeaderBlock.contentLength(b, 0, b.length);
    }

    private static byte[] randomBlock(Random random) {
        StringBuilder s = new StringBuilder();
        int pieces = random.nextInt(14);
        for (int i = 0; i < pieces; i++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return bytes(s.toString());
    }

    /** Header lines, some a Content-Length, some folded, with values of blanks, digits and other bytes. */
    private static String randomHeaders(Random random) {
        String[] names = {"Content-Length", "content-LENGTH", "l", "L", " l ", "Via", "x"};
        String[] values = {"0", "12", "007", "2147483647", "2147483648", "123456789", "1234567890", "12345678901",
            "-1", "1x", "", "\u00e9"};
        StringBuilder s = new StringBuilder();
        int lines = 1 + random.nextInt(5);
        for (int i = 0; i < lines; i++) {
            boolean fold = i > 0 && random.nextInt(4) == 0;
            s.append(fold ? (random.nextBoolean() ? " " : "\t") : names[random.nextInt(names.length)]);
            if (!fold) {
                s.append(random.nextInt(5) == 0 ? " :" : ":");
            }
            for (int k = random.nextInt(3); k > 0; k--) {
                s.append(random.nextBoolean() ? " " : "\t");
            }
            s.append(values[random.nextInt(values.length)]);
            for (int k = random.nextInt(3); k > 0; k--) {
                s.append(random.nextBoolean() ? " " : "\t");
            }
            s.append(random.nextInt(4) == 0 ? "\n" : "\r\n");
        }
        return s.toString();
    }

    /** The scan as it was first written: a state per byte. */
    private static int referenceEnd(byte[] b, int from, int to) {
        int state = 0; // 0 inside a line, 1 at the start of a line, 2 at the start of a line after a CR
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\n') {
                if (state != 0) {
                    return i + 1;
                }
                state = 1;
            } else if (c == '\r') {
                state = state == 1 ? 2 : 0;
            } else {
                state = 0;
            }
        }
        return -1;
    }

    /** The Content-Length as text: the first such header line, folded lines joined, read by ContentLength.parse. */
    private static ContentLength referenceContentLength(byte[] b, int from, int to) {
        String[] lines = new String(b, from, to - from, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t' || colon < 0) {
                continue;
            }
            String name = SipText.trim(line.substring(0, colon));
            if (!name.equalsIgnoreCase("l") && !name.equalsIgnoreCase("content-length")) {
                continue;
            }
            StringBuilder value = new StringBuilder(SipText.trim(line.substring(colon + 1)));
            for (int k = i + 1; k < lines.length; k++) {
                String next = stripCr(lines[k]);
                if (next.isEmpty() || (next.charAt(0) != ' ' && next.charAt(0) != '\t')) {
                    break;
                }
                SipText.appendFolded(value, next);
            }
            return ContentLength.parse(value.toString());
        }
        return ContentLength.MISSING;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String show(byte[] b) {
        return new String(b, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }
}
