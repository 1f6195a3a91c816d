package io.sipvista.correlate;

import io.sipvista.sip.sdp.Sdp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records whose equals and hashCode are written out by hand (for speed) keep a record's meaning: equal exactly
 * when every component is, and the hash a generated one gives (31 * h + each component's hash, in order), so that
 * nothing keyed by them changes order.
 */
class WrittenOutEqualityTest {
    @Test
    void sdpLines() {
        check(new Sdp.Line(3, 'a', "rtpmap:0 PCMU/8000"), List.of(
                new Sdp.Line(4, 'a', "rtpmap:0 PCMU/8000"),
                new Sdp.Line(3, 'b', "rtpmap:0 PCMU/8000"),
                new Sdp.Line(3, 'a', "rtpmap:8 PCMA/8000")),
                l -> new Sdp.Line(l.number(), l.type(), new String(l.value())),
                l -> hash(Integer.hashCode(l.number()), Character.hashCode(l.type()), l.value().hashCode()));
    }

    @Test
    void branchKeys() {
        check(new TransactionKey.Branch("z9hG4bK1", "10.0.0.1:5060", "INVITE"), List.of(
                new TransactionKey.Branch("z9hG4bK2", "10.0.0.1:5060", "INVITE"),
                new TransactionKey.Branch("z9hG4bK1", "10.0.0.2:5060", "INVITE"),
                new TransactionKey.Branch("z9hG4bK1", "10.0.0.1:5060", "CANCEL")),
                k -> new TransactionKey.Branch(new String(k.branch()), new String(k.sentBy()), new String(k.method())),
                k -> hash(k.branch().hashCode(), k.sentBy().hashCode(), k.method().hashCode()));
    }

    @Test
    void legacyKeys() {
        check(new TransactionKey.Legacy("c@h", 5_000_000_000L, "BYE", "ft", "UDP 10.0.0.1:5060"), List.of(
                new TransactionKey.Legacy("d@h", 5_000_000_000L, "BYE", "ft", "UDP 10.0.0.1:5060"),
                new TransactionKey.Legacy("c@h", 5L, "BYE", "ft", "UDP 10.0.0.1:5060"),
                new TransactionKey.Legacy("c@h", 5_000_000_000L, "ACK", "ft", "UDP 10.0.0.1:5060"),
                new TransactionKey.Legacy("c@h", 5_000_000_000L, "BYE", "", "UDP 10.0.0.1:5060"),
                new TransactionKey.Legacy("c@h", 5_000_000_000L, "BYE", "ft", "UDP 10.0.0.1:5061")),
                k -> new TransactionKey.Legacy(new String(k.callId()), k.cseq(), k.method(), k.fromTag(), k.via()),
                k -> hash(k.callId().hashCode(), Long.hashCode(k.cseq()), k.method().hashCode(),
                        k.fromTag().hashCode(), k.via().hashCode()));
    }

    @Test
    void dialogIds() {
        check(new DialogId("c@h", "a", "b"), List.of(new DialogId("d@h", "a", "b"), new DialogId("c@h", "b", "b"),
                        new DialogId("c@h", "a", "a")),
                d -> new DialogId(new String(d.callId()), new String(d.localTag()), new String(d.remoteTag())),
                d -> hash(d.callId().hashCode(), d.localTag().hashCode(), d.remoteTag().hashCode()));
    }

    private static <T> void check(T value, List<T> eachOneDiffers, Function<T, T> copy, Function<T, Integer> hash) {
        T same = copy.apply(value);
        assertThat(same).isNotSameAs(value).isEqualTo(value).hasSameHashCodeAs(value);
        assertThat(value.hashCode()).isEqualTo(hash.apply(value));
        assertThat(value).isNotEqualTo(null).isNotEqualTo("not a record");
        for (T other : eachOneDiffers) {
            assertThat(value).isNotEqualTo(other);
            assertThat(other).isNotEqualTo(value);
            assertThat(other.hashCode()).isEqualTo(hash.apply(other));
        }
    }

    /** The generated records' hash: 31 * h + each component's hash, from 0. */
    private static int hash(int... components) {
        int h = 0;
        for (int c : components) {
            h = 31 * h + c;
        }
        return h;
    }
}
