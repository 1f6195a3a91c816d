package io.sipvista.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes pcapng blocks into memory for tests: sections in either byte order, interfaces, packet blocks, raw blocks. */
final class PcapngBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    /** Starts a section (Section Header Block, version 1.0, no options). */
    PcapngBytes section(boolean bigEndian) {
        return section(bigEndian, 1, 0);
    }

    /** A Section Header Block with options (each from {@link #option}), then opt_endofopt when there are any. */
    PcapngBytes section(boolean bigEndian, int major, int minor, byte[]... options) {
        order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(buf(16).putInt(0x1A2B3C4D).putShort((short) major).putShort((short) minor).putLong(-1).array());
        for (byte[] o : options) {
            b.writeBytes(o);
        }
        if (options.length > 0) {
            b.writeBytes(buf(4).putInt(0).array());
        }
        return block(0x0A0D0D0A, b.toByteArray());
    }

    /** An Interface Description Block with the given options (each from {@link #option}), then opt_endofopt. */
    PcapngBytes interfaceBlock(int linkType, long snaplen, byte[]... options) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(buf(8).putShort((short) linkType).putShort((short) 0).putInt((int) snaplen).array());
        for (byte[] o : options) {
            b.writeBytes(o);
        }
        if (options.length > 0) {
            b.writeBytes(buf(4).putInt(0).array());
        }
        return block(1, b.toByteArray());
    }

    byte[] option(int code, byte[] value) {
        int padded = (value.length + 3) & ~3;
        ByteBuffer b = buf(4 + padded).putShort((short) code).putShort((short) value.length).put(value);
        return b.array();
    }

    byte[] nameOption(String name) {
        return option(2, name.getBytes(StandardCharsets.UTF_8));
    }

    byte[] tsresolOption(int value) {
        return option(9, new byte[] {(byte) value});
    }

    byte[] tsoffsetOption(long seconds) {
        return option(14, buf(8).putLong(seconds).array());
    }

    PcapngBytes enhancedPacket(int interfaceId, long ticks, byte[] data) {
        return enhancedPacket(interfaceId, ticks, data.length, data.length, data);
    }

    PcapngBytes enhancedPacket(int interfaceId, long ticks, long captured, long original, byte[] data) {
        int padded = (data.length + 3) & ~3;
        ByteBuffer b = buf(20 + padded).putInt(interfaceId).putInt((int) (ticks >>> 32)).putInt((int) ticks)
                .putInt((int) captured).putInt((int) original).put(data);
        return block(6, b.array());
    }

    PcapngBytes obsoletePacket(int interfaceId, long ticks, byte[] data, long original) {
        int padded = (data.length + 3) & ~3;
        ByteBuffer b = buf(20 + padded).putShort((short) interfaceId).putShort((short) 0)
                .putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(data.length).putInt((int) original).put(data);
        return block(2, b.array());
    }

    PcapngBytes simplePacket(long original, byte[] data) {
        int padded = (data.length + 3) & ~3;
        return block(3, buf(4 + padded).putInt((int) original).put(data).array());
    }

    /** Any block: type, body padded to 4, leading and trailing lengths computed. */
    PcapngBytes block(int type, byte[] body) {
        int padded = (body.length + 3) & ~3;
        int length = 12 + padded;
        return rawBlock(type, length, body, length);
    }

    /** A block with lengths as given, for damage tests. */
    PcapngBytes rawBlock(int type, long leading, byte[] body, long trailing) {
        int padded = (body.length + 3) & ~3;
        ByteBuffer b = buf(12 + padded).putInt(type).putInt((int) leading).put(body);
        b.position(8 + padded);
        b.putInt((int) trailing);
        out.writeBytes(b.array());
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }
}
