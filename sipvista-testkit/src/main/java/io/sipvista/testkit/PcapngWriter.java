package io.sipvista.testkit;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a pcapng file block by block: a Section Header Block on construction (and on {@link #section}), Interface
 * Description Blocks, Enhanced and Simple Packet Blocks, and any raw block. Owns the block framing (type, both total
 * lengths, 32-bit padding), the byte order of the current section, and each interface's timestamp resolution, so that
 * {@link #enhancedPacket} turns seconds + nanoseconds into the interface's units.
 *
 * <p>{@link #close()} closes the underlying stream.
 */
public final class PcapngWriter implements Closeable {
    public static final int BLOCK_SHB = 0x0A0D0D0A;
    public static final int BLOCK_IDB = 0x00000001;
    public static final int BLOCK_SPB = 0x00000003;
    public static final int BLOCK_NRB = 0x00000004;
    public static final int BLOCK_ISB = 0x00000005;
    public static final int BLOCK_EPB = 0x00000006;

    private static final int OPT_END = 0;
    private static final int OPT_IF_NAME = 2;
    private static final int OPT_IF_TSRESOL = 9;

    private final OutputStream out;
    private ByteOrder order;
    private final List<Interface> interfaces = new ArrayList<>();

    private record Interface(int linkType, int snaplen, int tsresol) {
    }

    /** Writes a Section Header Block (version 1.0, section length unknown, no options). */
    public PcapngWriter(OutputStream out, boolean bigEndian) throws IOException {
        if (out == null) {
            throw new IllegalArgumentException("out is null");
        }
        this.out = out;
        section(bigEndian);
    }

    /** Starts a new section: writes another SHB, possibly in the other byte order; interface ids restart at 0. */
    public void section(boolean bigEndian) throws IOException {
        order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        interfaces.clear();
        ByteBuffer body = buffer(16);
        body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        block(BLOCK_SHB, body.array());
    }

    /**
     * Writes an Interface Description Block.
     *
     * @param snaplen 0 for "no limit"; otherwise packets are cut to it
     * @param tsresol the {@code if_tsresol} byte: {@code n} for 10^-n seconds (6 = µs, 9 = ns), {@code 0x80 | n}
     *                for 2^-n seconds; {@code -1} writes no {@code if_tsresol} option (readers then assume µs)
     * @param name    the {@code if_name} option, or {@code null} for none
     * @return the interface id for {@link #enhancedPacket}
     */
    public int addInterface(int linkType, int snaplen, int tsresol, String name) throws IOException {
        if (tsresol < -1 || tsresol > 0xff) {
            throw new IllegalArgumentException("tsresol out of range: " + tsresol);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer fixed = buffer(8);
        fixed.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        body.writeBytes(fixed.array());
        boolean anyOption = false;
        if (name != null) {
            body.writeBytes(option(OPT_IF_NAME, name.getBytes(StandardCharsets.UTF_8)));
            anyOption = true;
        }
        if (tsresol >= 0) {
            body.writeBytes(option(OPT_IF_TSRESOL, new byte[] {(byte) tsresol}));
            anyOption = true;
        }
        if (anyOption) {
            body.writeBytes(option(OPT_END, new byte[0]));
        }
        block(BLOCK_IDB, body.toByteArray());
        interfaces.add(new Interface(linkType, snaplen, tsresol < 0 ? 6 : tsresol));
        return interfaces.size() - 1;
    }

    /**
     * Writes an Enhanced Packet Block; the frame is cut to the interface's snap length if longer.
     *
     * @param nanos nanoseconds within the second; converted to the interface's units (truncated)
     */
    public void enhancedPacket(int interfaceId, long epochSeconds, int nanos, byte[] frame, int originalLength)
            throws IOException {
        if (interfaceId < 0 || interfaceId >= interfaces.size()) {
            throw new IllegalArgumentException("no interface " + interfaceId + " in this section");
        }
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("nanos out of range: " + nanos);
        }
        Interface itf = interfaces.get(interfaceId);
        long units = timestampUnits(itf.tsresol(), epochSeconds, nanos);
        int captured = itf.snaplen() > 0 ? Math.min(frame.length, itf.snaplen()) : frame.length;
        ByteBuffer fixed = buffer(20);
        fixed.putInt(interfaceId).putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(captured).putInt(originalLength);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(fixed.array());
        body.write(frame, 0, captured);
        block(BLOCK_EPB, padded(body.toByteArray()));
    }

    /** Writes a Simple Packet Block (interface 0 implied); the frame is cut to interface 0's snap length if set. */
    public void simplePacket(byte[] frame, int originalLength) throws IOException {
        int snaplen = interfaces.isEmpty() ? 0 : interfaces.get(0).snaplen();
        int captured = snaplen > 0 ? Math.min(frame.length, snaplen) : frame.length;
        ByteBuffer fixed = buffer(4);
        fixed.putInt(originalLength);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(fixed.array());
        body.write(frame, 0, captured);
        block(BLOCK_SPB, padded(body.toByteArray()));
    }

    /** Writes any block: type, total length, {@code body} padded to 32 bits, total length. */
    public void rawBlock(int type, byte[] body) throws IOException {
        block(type, padded(body));
    }

    /** Writes bytes as they are (e.g. a torn block at the end of a file). */
    public void rawBytes(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    /** The timestamp in units of {@code 10^-n} or {@code 2^-n} seconds, as the pcapng EPB carries it. */
    static long timestampUnits(int tsresol, long epochSeconds, int nanos) {
        BigInteger perSecond = (tsresol & 0x80) != 0
                ? BigInteger.ONE.shiftLeft(tsresol & 0x7f)
                : BigInteger.TEN.pow(tsresol);
        BigInteger units = BigInteger.valueOf(epochSeconds).multiply(perSecond)
                .add(BigInteger.valueOf(nanos).multiply(perSecond).divide(BigInteger.valueOf(1_000_000_000L)));
        return units.longValue();
    }

    private byte[] option(int code, byte[] value) {
        ByteBuffer b = buffer(4 + pad4(value.length));
        b.putShort((short) code).putShort((short) value.length).put(value);
        return b.array();
    }

    private void block(int type, byte[] paddedBody) throws IOException {
        int total = 12 + paddedBody.length;
        ByteBuffer b = buffer(total);
        b.putInt(type).putInt(total).put(paddedBody).putInt(total);
        out.write(b.array());
    }

    private ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(order);
    }

    private static byte[] padded(byte[] body) {
        byte[] p = new byte[pad4(body.length)];
        System.arraycopy(body, 0, p, 0, body.length);
        return p;
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
