package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.LinkType;
import io.sipvista.testkit.Ipv4Packet;
import io.sipvista.testkit.Ipv6Packet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.sipvista.net.Fragmenter.DST4;
import static io.sipvista.net.Fragmenter.ID;
import static io.sipvista.net.Fragmenter.SRC4;
import static io.sipvista.net.Fragmenter.fragment4;
import static io.sipvista.net.Fragmenter.fragments4;
import static io.sipvista.net.Fragmenter.fragments6;
import static io.sipvista.net.Fragmenter.invite;
import static io.sipvista.net.Fragmenter.udp4;
import static io.sipvista.net.Fragmenter.udp6;
import static io.sipvista.net.Fragmenter.whole4;
import static io.sipvista.net.Fragmenter.whole6;
import static org.assertj.core.api.Assertions.assertThat;

class IpReassemblerTest {
    /** A 3000-byte INVITE over UDP: 3008 bytes cut in four. */
    private static final byte[] UDP = udp4(invite(3000));
    private static final byte[] WHOLE = whole4(UDP, ID);
    private static final int[] OFFSETS = {0, 800, 1600, 2400};
    private static final String KEY = "IPv4 192.0.2.10 → 192.0.2.20 id 0x1234 proto UDP";

    private final IpReassembler reassembler = new IpReassembler(ReassemblyLimits.DEFAULT);

    private IpReassembler.Result offer(byte[] packet, long frame) {
        return reassembler.offer(packet, 0, packet.length, frame, 1_000 + frame / 1000, (int) (frame % 1000) * 1000);
    }

    private static List<String> ids(IpReassembler.Result r) {
        return ids(r.anomalies());
    }

    private static List<String> ids(List<Anomaly> anomalies) {
        return anomalies.stream().map(Anomaly::id).toList();
    }

    private static IpReassembler.Complete complete(IpReassembler.Result r) {
        assertThat(r).isInstanceOf(IpReassembler.Complete.class);
        return (IpReassembler.Complete) r;
    }

    @Test
    void inOrderFragmentsRebuildTheOriginalPacketByteForByte() {
        List<byte[]> frags = fragments4(UDP, ID, OFFSETS);
        for (int i = 0; i < 3; i++) {
            IpReassembler.Result r = offer(frags.get(i), i + 1);
            assertThat(r).isEqualTo(new IpReassembler.Held(KEY, List.of()));
        }
        IpReassembler.Complete c = complete(offer(frags.get(3), 4));
        assertThat(c.ipPacket()).isEqualTo(WHOLE);
        assertThat(c.frames()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(c.key()).isEqualTo(KEY);
        assertThat(c.anomalies()).isEmpty();
        assertThat(reassembler.datagramsHeld()).isZero();
        assertThat(reassembler.bytesHeld()).isZero();
        assertThat(reassembler.finish()).isEmpty();
    }

    @Test
    void everyOrderOfFourFragmentsRebuildsTheOriginal() {
        List<byte[]> frags = fragments4(UDP, ID, OFFSETS);
        List<int[]> orders = permutations(new int[] {0, 1, 2, 3});
        assertThat(orders).hasSize(24);
        for (int[] order : orders) {
            IpReassembler r = new IpReassembler(ReassemblyLimits.DEFAULT);
            IpReassembler.Result last = null;
            for (int i = 0; i < 4; i++) {
                last = r.offer(frags.get(order[i]), 0, frags.get(order[i]).length, 10 + order[i], 1, 0);
                if (i < 3) {
                    assertThat(last).as(Arrays.toString(order)).isInstanceOf(IpReassembler.Held.class);
                }
            }
            IpReassembler.Complete c = complete(last);
            assertThat(c.ipPacket()).as(Arrays.toString(order)).isEqualTo(WHOLE);
            assertThat(c.frames()).as("offset order").containsExactly(10L, 11L, 12L, 13L);
            assertThat(c.anomalies()).isEmpty();
        }
    }

    @Test
    void lastFragmentArrivingFirstSetsTheEnd() {
        List<byte[]> frags = fragments4(UDP, ID, OFFSETS);
        assertThat(offer(frags.get(3), 1)).isInstanceOf(IpReassembler.Held.class);
        assertThat(offer(frags.get(1), 2)).isInstanceOf(IpReassembler.Held.class);
        assertThat(offer(frags.get(2), 3)).isInstanceOf(IpReassembler.Held.class);
        IpReassembler.Complete c = complete(offer(frags.get(0), 4));
        assertThat(c.ipPacket()).isEqualTo(WHOLE);
        assertThat(c.frames()).containsExactly(4L, 2L, 3L, 1L);
    }

    @Test
    void everyTwoWaySplitInEitherOrderRebuildsTheOriginal() {
        for (int cut = 8; cut < UDP.length; cut += 8) {
            List<byte[]> frags = fragments4(UDP, ID, 0, cut);
            for (boolean reversed : new boolean[] {false, true}) {
                IpReassembler r = new IpReassembler(ReassemblyLimits.DEFAULT);
                byte[] first = frags.get(reversed ? 1 : 0);
                byte[] second = frags.get(reversed ? 0 : 1);
                assertThat(r.offer(first, 0, first.length, 1, 0, 0)).isInstanceOf(IpReassembler.Held.class);
                IpReassembler.Complete c = complete(r.offer(second, 0, second.length, 2, 0, 0));
                assertThat(c.ipPacket()).as("cut at " + cut).isEqualTo(WHOLE);
            }
        }
    }

    @Test
    void rebuiltPacketDecodesAsUdpCarryingTheInvite() {
        List<byte[]> frags = fragments4(UDP, ID, OFFSETS);
        IpReassembler.Result r = null;
        for (int i = 0; i < 4; i++) {
            r = offer(frags.get(i), i + 1);
        }
        byte[] ip = complete(r).ipPacket();
        Packet p = new PacketDecoder().decode(new CaptureRecord(4, 0, LinkType.RAW, 0, 0, 6, ip.length, ip.length,
                ip, 0));
        assertThat(p.fragment()).isFalse();
        assertThat(p.transport()).isEqualTo(Packet.Transport.UDP);
        assertThat(p.payloadLength()).isEqualTo(3000);
        assertThat(new String(p.data(), p.payloadOffset(), 7, StandardCharsets.US_ASCII)).isEqualTo("INVITE ");
        assertThat(p.anomalies()).isEmpty();
    }

    @Test
    void firstFragmentsHeaderWithOptionsIsKept() {
        byte[] options = {(byte) 0x94, 4, 0, 0}; // Router Alert, copied into every fragment
        byte[] whole = Ipv4Packet.of(SRC4, DST4, 17, UDP).id(ID).options(options).build();
        byte[] first = Ipv4Packet.of(SRC4, DST4, 17, Arrays.copyOfRange(UDP, 0, 1600)).id(ID).options(options)
                .fragment(0, true).build();
        byte[] second = Ipv4Packet.of(SRC4, DST4, 17, Arrays.copyOfRange(UDP, 1600, UDP.length)).id(ID)
                .fragment(1600, false).build(); // options not copied here
        assertThat(offer(second, 1)).isInstanceOf(IpReassembler.Held.class);
        assertThat(complete(offer(first, 2)).ipPacket()).isEqualTo(whole);
    }

    @Test
    void dontFragmentBitOfTheFirstFragmentIsKeptAndMoreFragmentsCleared() {
        byte[] whole = Ipv4Packet.of(SRC4, DST4, 17, UDP).id(ID).dontFragment(true).build();
        byte[] first = Ipv4Packet.of(SRC4, DST4, 17, Arrays.copyOfRange(UDP, 0, 1600)).id(ID).dontFragment(true)
                .fragment(0, true).build();
        byte[] second = fragment4(UDP, ID, 1600, UDP.length, false);
        offer(first, 1);
        assertThat(complete(offer(second, 2)).ipPacket()).isEqualTo(whole);
    }

    @Test
    void identicalDuplicateIsInfoAndTheDatagramStillCompletes() {
        List<byte[]> frags = fragments4(UDP, ID, OFFSETS);
        offer(frags.get(0), 1);
        IpReassembler.Result dup = offer(frags.get(0), 2);
        assertThat(dup).isInstanceOf(IpReassembler.Held.class);
        assertThat(ids(dup)).containsExactly("ip.fragment.duplicate");
        assertThat(dup.anomalies().get(0).detail()).contains("frame 1", "offset 0", "800 bytes");
        offer(frags.get(1), 3);
        offer(frags.get(2), 4);
        IpReassembler.Complete c = complete(offer(frags.get(3), 5));
        assertThat(c.ipPacket()).isEqualTo(WHOLE);
        assertThat(c.frames()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(c.anomalies()).isEmpty();
    }

    @Test
    void copyArrivingAfterCompletionIsADuplicateOfTheRebuiltDatagram() {
        List<byte[]> frags = fragments4(UDP, ID, OFFSETS);
        for (int i = 0; i < 4; i++) {
            offer(frags.get(i), i + 1);
        }
        IpReassembler.Result late = offer(frags.get(2), 5);
        assertThat(late).isInstanceOf(IpReassembler.Duplicate.class);
        assertThat(((IpReassembler.Duplicate) late).reassembledIn()).isEqualTo(4);
        assertThat(ids(late)).containsExactly("ip.fragment.duplicate");
        assertThat(late.anomalies().get(0).detail()).contains("frame 3", "reassembled in frame 4");
        assertThat(reassembler.datagramsHeld()).isZero();
        assertThat(reassembler.finish()).isEmpty();
    }

    @Test
    void sameIdWithOtherBytesAfterCompletionIsANewDatagram() {
        List<byte[]> frags = fragments4(UDP, ID, OFFSETS);
        for (int i = 0; i < 4; i++) {
            offer(frags.get(i), i + 1);
        }
        byte[] otherUdp = udp4(invite(2000));
        List<byte[]> other = fragments4(otherUdp, ID, 0, 1000);
        assertThat(offer(other.get(0), 5)).isEqualTo(new IpReassembler.Held(KEY, List.of()));
        assertThat(complete(offer(other.get(1), 6)).ipPacket()).isEqualTo(whole4(otherUdp, ID));
    }

    @Test
    void overlapWithTheSameBytesIsNamedAndTheDatagramCompletes() {
        offer(fragment4(UDP, ID, 0, 1600, true), 1);
        IpReassembler.Result r = offer(fragment4(UDP, ID, 800, 2400, true), 2);
        assertThat(ids(r)).containsExactly("ip.fragment.overlap");
        assertThat(r.anomalies().get(0).detail()).contains("bytes 800-1599", "frame 1", "same content");
        IpReassembler.Complete c = complete(offer(fragment4(UDP, ID, 2400, UDP.length, false), 3));
        assertThat(c.ipPacket()).isEqualTo(WHOLE);
        assertThat(c.frames()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void fragmentInsideHeldBytesWithOtherBoundsIsAnOverlapNotADuplicate() {
        offer(fragment4(UDP, ID, 0, 1600, true), 1);
        IpReassembler.Result r = offer(fragment4(UDP, ID, 400, 1200, true), 2);
        assertThat(ids(r)).containsExactly("ip.fragment.overlap");
    }

    @Test
    void overlapWithDifferentBytesNamesTheOffsetsAndKeepsTheFirstCopy() {
        offer(fragment4(UDP, ID, 0, 1600, true), 1);
        byte[] changed = Arrays.copyOfRange(UDP, 800, 2400);
        changed[1000 - 800] ^= 0x20;
        changed[1003 - 800] ^= 0x20;
        IpReassembler.Result r = offer(fragment4(changed, ID, 800, true), 2);
        assertThat(r).isInstanceOf(IpReassembler.Held.class);
        assertThat(ids(r)).containsExactly("ip.fragment.overlap_conflict");
        assertThat(r.anomalies().get(0).detail()).contains("bytes 1000-1003", "2 bytes differ", "frame 1",
                "first copy is kept");
        IpReassembler.Complete c = complete(offer(fragment4(UDP, ID, 2400, UDP.length, false), 3));
        assertThat(c.ipPacket()).isEqualTo(WHOLE);
    }

    @Test
    void conflictingCopyThatArrivedFirstIsTheOneKept() {
        byte[] changed = Arrays.copyOfRange(UDP, 0, 1600);
        changed[100] = 'X';
        offer(fragment4(changed, ID, 0, true), 1);
        IpReassembler.Result r = offer(fragment4(UDP, ID, 0, 1600, true), 2);
        assertThat(ids(r)).containsExactly("ip.fragment.overlap_conflict");
        assertThat(r.anomalies().get(0).detail()).contains("bytes 100-100", "1 byte differs");
        IpReassembler.Complete c = complete(offer(fragment4(UDP, ID, 1600, UDP.length, false), 3));
        byte[] expected = WHOLE.clone();
        expected[20 + 100] = 'X';
        assertThat(c.ipPacket()).isEqualTo(expected);
    }

    @Test
    void bytesPastAKnownEndAreNamedAndIgnored() {
        offer(fragment4(UDP, ID, 2400, UDP.length, false), 1);
        IpReassembler.Result r = offer(fragment4(new byte[16], ID, 3008, true), 2);
        assertThat(r).isInstanceOf(IpReassembler.Held.class);
        assertThat(ids(r)).containsExactly("ip.fragment.beyond_end");
        assertThat(r.anomalies().get(0).detail()).contains("bytes 3008-3023", "end at byte 3008", "frame 1");
        offer(fragment4(UDP, ID, 0, 2400, true), 3);
        assertThat(reassembler.datagramsHeld()).isZero();
    }

    @Test
    void fragmentOverlappingAndRunningPastTheEndIsBothNamedAndCompletes() {
        offer(fragment4(UDP, ID, 2400, UDP.length, false), 1);
        byte[] longer = Arrays.copyOf(Arrays.copyOfRange(UDP, 1600, UDP.length), UDP.length - 1600 + 16);
        IpReassembler.Result r = offer(fragment4(longer, ID, 1600, true), 2);
        assertThat(ids(r)).containsExactly("ip.fragment.beyond_end", "ip.fragment.overlap");
        IpReassembler.Complete c = complete(offer(fragment4(UDP, ID, 0, 1600, true), 3));
        assertThat(c.ipPacket()).isEqualTo(WHOLE);
    }

    @Test
    void secondLastFragmentWithAnotherEndKeepsTheFirstEnd() {
        offer(fragment4(UDP, ID, 2400, UDP.length, false), 1);
        IpReassembler.Result r = offer(fragment4(new byte[8], ID, 3008, false), 2);
        assertThat(ids(r)).containsExactly("ip.fragment.beyond_end");
        assertThat(r.anomalies().get(0).detail()).contains("second last fragment", "3016", "3008", "frame 1");
        IpReassembler.Complete c = complete(offer(fragment4(UDP, ID, 0, 2400, true), 3));
        assertThat(c.ipPacket()).isEqualTo(WHOLE);
    }

    @Test
    void lastFragmentEndingBeforeHeldBytesDiscardsThem() {
        offer(fragment4(UDP, ID, 0, 800, true), 1);
        offer(fragment4(UDP, ID, 1600, 2400, true), 2);
        IpReassembler.Result r = offer(fragment4(UDP, ID, 800, 1200, false), 3);
        assertThat(ids(r)).containsExactly("ip.fragment.beyond_end");
        assertThat(r.anomalies().get(0).detail()).contains("byte 1200", "up to 2399");
        // The first last fragment fixes the end: the datagram is bytes 0-1199, and complete.
        IpReassembler.Complete c = complete(r);
        assertThat(c.ipPacket()).hasSize(20 + 1200);
        assertThat(Arrays.copyOfRange(c.ipPacket(), 20, 1220)).isEqualTo(Arrays.copyOfRange(UDP, 0, 1200));
    }

    @Test
    void missingFragmentNeverCompletesAndFinishNamesItsFramesAndBytes() {
        List<byte[]> frags = fragments4(UDP, ID, OFFSETS);
        offer(frags.get(0), 1);
        offer(frags.get(2), 3);
        offer(frags.get(3), 4);
        assertThat(reassembler.datagramsHeld()).isEqualTo(1);
        List<Anomaly> end = reassembler.finish();
        assertThat(ids(end)).containsExactly("ip.fragment.incomplete");
        assertThat(end.get(0).detail()).isEqualTo(KEY + ": frames 1, 3, 4 held, bytes 800-1599 missing");
        assertThat(reassembler.datagramsHeld()).isZero();
        assertThat(reassembler.bytesHeld()).isZero();
    }

    @Test
    void finishSaysWhenTheLastFragmentNeverCame() {
        List<byte[]> frags = fragments4(UDP, ID, OFFSETS);
        offer(frags.get(1), 7);
        List<Anomaly> end = reassembler.finish();
        assertThat(end.get(0).detail()).isEqualTo(KEY + ": frames 7 held, bytes 0-799 missing, and everything"
                + " from byte 1600 on (no last fragment seen)");
    }

    @Test
    void finishListsDatagramsByTheirFirstFrame() {
        byte[] other = udp4(invite(2000));
        offer(fragments4(other, 7, 0, 1000).get(0), 2);
        offer(fragments4(UDP, ID, OFFSETS).get(0), 1);
        offer(fragments4(other, 7, 0, 1000).get(0), 3); // touches id 7 last
        List<Anomaly> end = reassembler.finish();
        assertThat(end).extracting(Anomaly::detail).satisfiesExactly(
                d -> assertThat(d).startsWith(KEY),
                d -> assertThat(d).startsWith("IPv4 192.0.2.10 → 192.0.2.20 id 0x7 proto UDP"));
    }

    @Test
    void interleavedDatagramsWithOtherIdsOrProtocolsDoNotMix() {
        byte[] udp2 = udp4(invite(2000));
        List<byte[]> a = fragments4(UDP, ID, OFFSETS);
        List<byte[]> b = fragments4(udp2, ID + 1, 0, 1000);
        byte[] tcpLike = Ipv4Packet.of(SRC4, DST4, Ipv4Packet.PROTO_TCP, Arrays.copyOfRange(UDP, 0, 800)).id(ID)
                .fragment(0, true).build();
        offer(a.get(0), 1);
        offer(b.get(1), 2);
        IpReassembler.Result t = offer(tcpLike, 3);
        assertThat(t).isEqualTo(
                new IpReassembler.Held("IPv4 192.0.2.10 → 192.0.2.20 id 0x1234 proto TCP", List.of()));
        offer(a.get(1), 4);
        offer(a.get(2), 5);
        assertThat(complete(offer(b.get(0), 6)).ipPacket()).isEqualTo(whole4(udp2, ID + 1));
        assertThat(complete(offer(a.get(3), 7)).ipPacket()).isEqualTo(WHOLE);
        assertThat(ids(reassembler.finish())).containsExactly("ip.fragment.incomplete");
    }

    @Test
    void datagramOver65535BytesIsDroppedAndItsLaterFragmentsToo() {
        offer(fragment4(UDP, ID, 0, 1600, true), 1);
        IpReassembler.Result r = offer(fragment4(new byte[600], ID, 65_000, false), 2);
        assertThat(r).isInstanceOf(IpReassembler.Dropped.class);
        assertThat(ids(r)).containsExactly("ip.fragment.too_large");
        assertThat(r.anomalies().get(0).detail()).contains(KEY, "65620", "frames 1, 2 dropped");
        assertThat(reassembler.datagramsHeld()).isZero();
        assertThat(reassembler.bytesHeld()).isZero();
        IpReassembler.Result later = offer(fragment4(UDP, ID, 1600, UDP.length, true), 3);
        assertThat(later).isInstanceOf(IpReassembler.Dropped.class);
        assertThat(ids(later)).containsExactly("ip.fragment.too_large");
        assertThat(later.anomalies().get(0).detail()).contains("given up in frame 2");
        assertThat(reassembler.finish()).isEmpty();
    }

    @Test
    void firstFragmentsLongerHeaderMakingTheRebuiltPacketTooLargeIsCaughtAtCompletion() {
        byte[] data = new byte[65_500];
        byte[] first = Ipv4Packet.of(SRC4, DST4, 17, Arrays.copyOfRange(data, 0, 40_000)).id(ID)
                .options(new byte[40]).fragment(0, true).build();
        byte[] last = fragment4(Arrays.copyOfRange(data, 40_000, data.length), ID, 40_000, false);
        assertThat(offer(last, 1)).isInstanceOf(IpReassembler.Held.class);
        IpReassembler.Result r = offer(first, 2);
        assertThat(r).isInstanceOf(IpReassembler.Dropped.class);
        assertThat(ids(r)).containsExactly("ip.fragment.too_large");
        assertThat(r.anomalies().get(0).detail()).contains("65560 bytes", "frames 1, 2 dropped");
        assertThat(reassembler.bytesHeld()).isZero();
    }

    @Test
    void longListsOfFramesAreShortened() {
        for (int i = 0; i < 20; i++) {
            offer(fragment4(UDP, ID, 8 * i, 8 * i + 8, true), i + 1);
        }
        assertThat(reassembler.finish().get(0).detail())
                .contains("frames 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 8 more held");
    }

    @Test
    void datagramOfExactly65535BytesIsRebuilt() {
        byte[] data = new byte[65_535 - 20];
        Arrays.fill(data, (byte) 'z');
        byte[] whole = Ipv4Packet.of(SRC4, DST4, 17, data).id(ID).build();
        offer(fragment4(Arrays.copyOfRange(data, 0, 40_000), ID, 0, true), 1);
        IpReassembler.Complete c = complete(offer(fragment4(Arrays.copyOfRange(data, 40_000, data.length), ID,
                40_000, false), 2));
        assertThat(c.ipPacket()).isEqualTo(whole);
    }

    @Test
    void ipv6WithHopByHopAndFragmentHeaderRebuildsWithoutTheFragmentHeader() {
        byte[] udp = udp6(invite(3000));
        List<byte[]> frags = fragments6(udp, 0xcafe0001L, OFFSETS);
        String key = "IPv6 2001:db8::10 → 2001:db8::20 id 0xcafe0001";
        assertThat(reassembler.offer(frags.get(2), 0, frags.get(2).length, 1, 0, 0))
                .isEqualTo(new IpReassembler.Held(key, List.of()));
        reassembler.offer(frags.get(0), 0, frags.get(0).length, 2, 0, 0);
        reassembler.offer(frags.get(3), 0, frags.get(3).length, 3, 0, 0);
        IpReassembler.Complete c = complete(reassembler.offer(frags.get(1), 0, frags.get(1).length, 4, 0, 0));
        assertThat(c.ipPacket()).isEqualTo(whole6(udp));
        assertThat(c.frames()).containsExactly(2L, 4L, 1L, 3L);
        assertThat(c.anomalies()).isEmpty();
        Packet p = new PacketDecoder().decode(new CaptureRecord(4, 0, LinkType.RAW, 0, 0, 6, c.ipPacket().length,
                c.ipPacket().length, c.ipPacket(), 0));
        assertThat(p.transport()).isEqualTo(Packet.Transport.UDP);
        assertThat(p.payloadLength()).isEqualTo(3000);
    }

    @Test
    void ipv6WithoutExtensionHeadersRebuilds() {
        byte[] udp = udp6(invite(1500));
        byte[] whole = Ipv6Packet.of(Fragmenter.SRC6, Fragmenter.DST6, 17, udp).build();
        byte[] a = Ipv6Packet.of(Fragmenter.SRC6, Fragmenter.DST6, 17, Arrays.copyOfRange(udp, 0, 1232))
                .fragment(0, true, 9).build();
        byte[] b = Ipv6Packet.of(Fragmenter.SRC6, Fragmenter.DST6, 17, Arrays.copyOfRange(udp, 1232, udp.length))
                .fragment(1232, false, 9).build();
        offer(b, 1);
        assertThat(complete(offer(a, 2)).ipPacket()).isEqualTo(whole);
    }

    @Test
    void ipv6OverlapMentionsRfc5722() {
        byte[] udp = udp6(invite(3000));
        List<byte[]> frags = fragments6(udp, 5, 0, 1600);
        List<byte[]> other = fragments6(udp, 5, 0, 800, 2400);
        offer(frags.get(0), 1);
        IpReassembler.Result r = offer(other.get(1), 2);
        assertThat(ids(r)).containsExactly("ip.fragment.overlap");
        assertThat(r.anomalies().get(0).detail()).contains("RFC 5722");
    }

    @Test
    void ipv6NonFinalFragmentNotAMultipleOf8IsDroppedAsInvalid() {
        byte[] bad = Ipv6Packet.of(Fragmenter.SRC6, Fragmenter.DST6, 17, new byte[100]).fragment(0, true, 3).build();
        IpReassembler.Result r = offer(bad, 1);
        assertThat(r).isInstanceOf(IpReassembler.Dropped.class);
        assertThat(ids(r)).containsExactly("ip.fragment.invalid");
        assertThat(r.anomalies().get(0).detail()).contains("100 bytes", "multiple of 8");
        assertThat(reassembler.datagramsHeld()).isZero();
    }

    @Test
    void ipv4NonFinalFragmentNotAMultipleOf8IsNamedButKept() {
        IpReassembler.Result r = offer(fragment4(new byte[100], ID, 0, true), 1);
        assertThat(r).isInstanceOf(IpReassembler.Held.class);
        assertThat(ids(r)).containsExactly("ip.fragment.invalid");
    }

    @Test
    void fragmentCutByTheCaptureIsDroppedAndTheDatagramStaysIncomplete() {
        List<byte[]> frags = fragments4(UDP, ID, 0, 1600);
        offer(frags.get(1), 1);
        IpReassembler.Result r = reassembler.offer(frags.get(0), 0, 200, 2, 0, 0);
        assertThat(r).isEqualTo(new IpReassembler.Dropped(KEY, List.of(Anomaly.of("ip.fragment.cut",
                "fragment at offset 0 is 1620 bytes, the capture holds 200"))));
        assertThat(ids(reassembler.finish())).containsExactly("ip.fragment.incomplete");
    }

    @Test
    void linkPaddingAfterTheIpLengthIsIgnored() {
        List<byte[]> frags = fragments4(UDP, ID, 0, 1600);
        byte[] padded = Arrays.copyOf(frags.get(1), frags.get(1).length + 6);
        offer(frags.get(0), 1);
        assertThat(complete(reassembler.offer(padded, 0, padded.length, 2, 0, 0)).ipPacket()).isEqualTo(WHOLE);
    }

    @Test
    void packetInsideALargerArrayIsReadFromItsOffset() {
        List<byte[]> frags = fragments4(UDP, ID, 0, 1600);
        for (int i = 0; i < 2; i++) {
            byte[] framed = new byte[14 + frags.get(i).length];
            System.arraycopy(frags.get(i), 0, framed, 14, frags.get(i).length);
            IpReassembler.Result r = reassembler.offer(framed, 14, frags.get(i).length, i + 1, 0, 0);
            if (i == 1) {
                assertThat(complete(r).ipPacket()).isEqualTo(WHOLE);
            }
        }
    }

    @Test
    void ipv4TotalLengthBelowTheHeaderIsInvalid() {
        byte[] bad = Ipv4Packet.of(SRC4, DST4, 17, new byte[16]).id(ID).fragment(8, true).totalLengthOverride(12)
                .build();
        IpReassembler.Result r = offer(bad, 1);
        assertThat(r).isInstanceOf(IpReassembler.Dropped.class);
        assertThat(ids(r)).containsExactly("ip.fragment.invalid");
    }

    @Test
    void wholePacketsAndNonIpBytesAreNotFragments() {
        IpReassembler.NotAFragment none = new IpReassembler.NotAFragment();
        assertThat(offer(WHOLE, 1)).isEqualTo(none);
        assertThat(offer(whole6(udp6(invite(500))), 2)).isEqualTo(none);
        byte[] atomic = Ipv6Packet.of(Fragmenter.SRC6, Fragmenter.DST6, 17, udp6(invite(500))).fragment(0, false, 1)
                .build();
        assertThat(offer(atomic, 3)).as("RFC 6946 atomic fragment").isEqualTo(none);
        assertThat(offer(new byte[0], 4)).isEqualTo(none);
        assertThat(offer(new byte[] {0x45, 0, 0}, 5)).isEqualTo(none);
        assertThat(offer("GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII), 6)).isEqualTo(none);
        assertThat(none.anomalies()).isEmpty();
        assertThat(reassembler.datagramsHeld()).isZero();
    }

    @Test
    void zeroLengthFragmentsAreHeldWithoutHarm() {
        offer(fragment4(UDP, ID, 0, 1600, true), 1);
        assertThat(offer(fragment4(new byte[0], ID, 800, true), 2)).isInstanceOf(IpReassembler.Held.class);
        IpReassembler.Complete c = complete(offer(fragment4(UDP, ID, 1600, UDP.length, false), 3));
        assertThat(c.ipPacket()).isEqualTo(WHOLE);
        assertThat(c.frames()).containsExactly(1L, 2L, 3L);
    }

    private static List<int[]> permutations(int[] items) {
        List<int[]> out = new ArrayList<>();
        permute(items, 0, out);
        return out;
    }

    private static void permute(int[] a, int k, List<int[]> out) {
        if (k == a.length) {
            out.add(a.clone());
            return;
        }
        for (int i = k; i < a.length; i++) {
            int t = a[k];
            a[k] = a[i];
            a[i] = t;
            permute(a, k + 1, out);
            a[i] = a[k];
            a[k] = t;
        }
    }
}
