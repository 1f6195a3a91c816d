package io.sipvista.sip;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CSeqTest {
    @Test
    void parses() {
        assertThat(CSeq.parse("314159 INVITE")).isEqualTo(new CSeq(314159, "INVITE"));
    }

    @Test
    void toleratesWhitespace() {
        assertThat(CSeq.parse(" 1\t\tACK ")).isEqualTo(new CSeq(1, "ACK"));
    }

    @Test
    void zeroIsReadable() {
        assertThat(CSeq.parse("0 OPTIONS")).isEqualTo(new CSeq(0, "OPTIONS"));
    }

    @Test
    void rejectsMissingNumber() {
        assertThat(CSeq.parse("INVITE")).isNull();
    }

    @Test
    void rejectsNegative() {
        assertThat(CSeq.parse("-1 INVITE")).isNull();
    }

    @Test
    void rejectsThreeParts() {
        assertThat(CSeq.parse("1 INVITE extra")).isNull();
    }

    @Test
    void rejectsNumberGluedToMethod() {
        assertThat(CSeq.parse("1INVITE")).isNull();
    }

    @Test
    void rejectsEmpty() {
        assertThat(CSeq.parse("")).isNull();
    }

    @Test
    void text() {
        assertThat(new CSeq(7, "BYE")).hasToString("7 BYE");
    }
}
