package io.sipvista.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes records read from a capture into a new capture that Wireshark and tshark open, streaming, one record at a
 * time: a pcap file (one link type, microsecond or nanosecond timestamps, little-endian) or a pcapng file (a
 * section header, then an interface description block for each interface and link type as records of it come,
 * with its clock resolution, then enhanced packet blocks). Records keep their time, captured bytes and original
 * length; a record of another link type than a pcap file's is refused ({@link IllegalArgumentException}: the
 * caller picks pcapng when the source has several).
 */
public final class CaptureWriter implements Closeable {
    private static final int SNAPLEN = 262_144;
    private static final String APPLICATION = "sipvista";

    private final OutputStream out;
    private final boolean pcapng;
    private final int pcapLinkType;
    private final int pcapTimeDigits;
    /** pcapng: (source interface id, link type) → written interface id and its clock digits. */
    private final Map<Long, int[]> interfaces = new HashMap<>();
    private long records;

    private CaptureWriter(OutputStream out, boolean pcapng, int linkType, int timeDigits) {
        this.out = Objects.requireNonNull(out, "out");
        this.pcapng = pcapng;
        this.pcapLinkType = linkType;
        this.pcapTimeDigits = timeDigits;
    }

    /** A pcap file of {@code linkType}, with nanosecond timestamps when {@code timeDigits} is 9, else microseconds. */
    public static CaptureWriter pcap(OutputStream out, int linkType, int timeDigits) throws IOException {
        CaptureWriter w = new CaptureWriter(out, false, linkType, timeDigits == 9 ? 9 : 6);
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(w.pcapTimeDigits == 9 ? 0xa1b23c4d : 0xa1b2c3d4);
        b.putShort((short) 2).putShort((short) 4);
        b.putInt(0).putInt(0);
        b.putInt(SNAPLEN).putInt(linkType);
        out.write(b.array());
        return w;
    }

    /** A pcapng file: one section, interfaces declared as their records come. */
    public static CaptureWriter pcapng(OutputStream out) throws IOException {
        CaptureWriter w = new CaptureWriter(out, true, -1, 9);
        ByteBuffer shb = ByteBuffer.allocate(32 + optionLength(APPLICATION)).order(ByteOrder.LITTLE_ENDIAN);
        int length = shb.capacity();
        shb.putInt(0x0A0D0D0A).putInt(length).putInt(0x1A2B3C4D);
        shb.putShort((short) 1).putShort((short) 0);
        shb.putLong(-1L); // section length not given
        putOption(shb, 4, APPLICATION); // shb_userappl
        shb.putShort((short) 0).putShort((short) 0); // opt_endofopt
        shb.putInt(length);
        out.write(shb.array());
        return w;
    }

    /** How many records were written. */
    public long records() {
        return records;
    }

    public void write(CaptureRecord r) throws IOException {
        Objects.requireNonNull(r, "record");
        int captured = Math.max(0, Math.min(r.capturedLength(), r.data() == null ? 0 : r.data().length));
        long original = Math.max(r.originalLength(), captured);
        if (!pcapng) {
            if (r.linkType() != pcapLinkType) {
                throw new IllegalArgumentException("record " + r.number() + " has link type " + r.linkType()
                        + ", the file " + pcapLinkType);
            }
            ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt((int) r.epochSeconds());
            h.putInt(pcapTimeDigits == 9 ? r.nanos() : r.nanos() / 1000);
            h.putInt(captured).putInt((int) Math.min(original, 0xFFFF_FFFFL));
            out.write(h.array());
            out.write(r.data(), 0, captured);
        } else {
            int[] itf = interfaceFor(r);
            long ticks = itf[1] == 9 ? r.epochSeconds() * 1_000_000_000L + r.nanos()
                    : r.epochSeconds() * 1_000_000L + r.nanos() / 1000;
            int padded = (captured + 3) & ~3;
            int length = 32 + padded;
            ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(6).putInt(length).putInt(itf[0]);
            b.putInt((int) (ticks >>> 32)).putInt((int) ticks);
            b.putInt(captured).putInt((int) Math.min(original, 0xFFFF_FFFFL));
            b.put(r.data(), 0, captured);
            b.position(28 + padded);
            b.putInt(length);
            out.write(b.array());
        }
        records++;
    }

    private int[] interfaceFor(CaptureRecord r) throws IOException {
        long key = ((long) r.interfaceId() << 32) | (r.linkType() & 0xFFFF_FFFFL);
        int[] known = interfaces.get(key);
        if (known != null) {
            return known;
        }
        int digits = r.timeDigits() == 9 ? 9 : 6;
        int[] created = {interfaces.size(), digits};
        interfaces.put(key, created);
        int optionBytes = digits == 9 ? 8 : 0; // if_tsresol = 9 (default 6 needs no option)
        int length = 20 + optionBytes + 4;
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1).putInt(length);
        b.putShort((short) r.linkType()).putShort((short) 0).putInt(SNAPLEN);
        if (digits == 9) {
            b.putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]);
        }
        b.putShort((short) 0).putShort((short) 0);
        b.putInt(length);
        out.write(b.array());
        return created;
    }

    private static int optionLength(String value) {
        int n = value.getBytes(StandardCharsets.UTF_8).length;
        return 4 + ((n + 3) & ~3);
    }

    private static void putOption(ByteBuffer b, int code, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        b.putShort((short) code).putShort((short) v.length).put(v);
        for (int i = v.length; i % 4 != 0; i++) {
            b.put((byte) 0);
        }
    }

    @Override
    public void close() throws IOException {
        out.flush();
        out.close();
    }
}
