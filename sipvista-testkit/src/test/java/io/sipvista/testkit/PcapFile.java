package io.sipvista.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** A few lines of independent pcap parsing, so tests read back what the writers wrote. */
record PcapFile(ByteOrder order, boolean nanos, int snaplen, int linkType, List<Record> records) {

    record Record(long seconds, long fraction, int included, int original, byte[] data) {
    }

    static PcapFile parse(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
        }
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            throw new AssertionError("not a pcap magic: " + Integer.toHexString(magic));
        }
        if (b.getShort(4) != 2 || b.getShort(6) != 4) {
            throw new AssertionError("not version 2.4");
        }
        List<Record> records = new ArrayList<>();
        b.position(24);
        while (b.remaining() >= 16) {
            long sec = b.getInt() & 0xffffffffL;
            long frac = b.getInt() & 0xffffffffL;
            int incl = b.getInt();
            int orig = b.getInt();
            byte[] data = new byte[incl];
            b.get(data);
            records.add(new Record(sec, frac, incl, orig, data));
        }
        if (b.remaining() != 0) {
            throw new AssertionError("trailing bytes: " + b.remaining());
        }
        return new PcapFile(b.order(), magic == 0xa1b23c4d, b.getInt(16), b.getInt(20), records);
    }
}
