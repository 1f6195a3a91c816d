package io.sipvista.sip;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderValuesTest {
    @Test
    void splitsAtTopLevelCommas() {
        assertThat(HeaderValues.split("a, b ,c")).containsExactly("a", "b", "c");
    }

    @Test
    void keepsQuotedCommas() {
        assertThat(HeaderValues.split("\"x, y\" <sip:a@h>, <sip:b@h>")).containsExactly("\"x, y\" <sip:a@h>", "<sip:b@h>");
    }

    @Test
    void keepsCommasInAngleBrackets() {
        assertThat(HeaderValues.split("<sip:a@h;p=1,2>;q=1, <sip:b@h>")).containsExactly("<sip:a@h;p=1,2>;q=1", "<sip:b@h>");
    }

    @Test
    void escapedQuoteDoesNotEndQuotedString() {
        assertThat(HeaderValues.split("\"a\\\", b\" <sip:a@h>, c")).containsExactly("\"a\\\", b\" <sip:a@h>", "c");
    }

    @Test
    void unterminatedQuoteKeepsTheRestTogether() {
        assertThat(HeaderValues.split("\"open, never closed")).containsExactly("\"open, never closed");
    }

    @Test
    void emptyValueHasNoElements() {
        assertThat(HeaderValues.split("  ")).isEmpty();
        assertThat(HeaderValues.split(",,")).isEmpty();
    }

    @Test
    void trailingBackslashInQuotes() {
        assertThat(HeaderValues.split("\"a\\")).containsExactly("\"a\\");
    }
}
