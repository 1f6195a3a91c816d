package io.sipvista.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes a classic pcap file into memory for tests: any byte order, µs or ns, arbitrary lengths. */
final class PcapBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;

    PcapBytes(boolean bigEndian, boolean nanos) {
        this(bigEndian, nanos, 2, 4, 65535, LinkType.ETHERNET);
    }

    PcapBytes(boolean bigEndian, boolean nanos, int major, int minor, long snaplen, long linkTypeField) {
        order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer b = ByteBuffer.allocate(24).order(order);
        b.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4);
        b.putShort((short) major).putShort((short) minor).putInt(0).putInt(0);
        b.putInt((int) snaplen).putInt((int) linkTypeField);
        out.writeBytes(b.array());
    }

    PcapBytes record(long seconds, long fraction, byte[] data) {
        return record(seconds, fraction, data.length, data.length, data);
    }

    /** A record whose header says {@code included}/{@code original}, followed by {@code data} as given. */
    PcapBytes record(long seconds, long fraction, long included, long original, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(16).order(order);
        b.putInt((int) seconds).putInt((int) fraction).putInt((int) included).putInt((int) original);
        out.writeBytes(b.array());
        out.writeBytes(data);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] payload(int length, int seed) {
        byte[] d = new byte[length];
        for (int i = 0; i < length; i++) {
            d[i] = (byte) (seed + i * 7);
        }
        return d;
    }
}
