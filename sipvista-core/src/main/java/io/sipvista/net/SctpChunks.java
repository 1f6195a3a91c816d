package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static io.sipvista.bytes.Octets.u16be;
import static io.sipvista.bytes.Octets.u32be;
import static io.sipvista.bytes.Octets.u8;

/**
 * The chunks of one SCTP packet (RFC 9260 §3): the common header (ports, verification tag), each chunk's type,
 * flags and extent, and the header of every DATA (RFC 9260 §3.3.1) and I-DATA (RFC 8260 §2.1) chunk. Offsets point
 * into {@link #bytes()}, which is not copied. Parsing never throws on packet bytes: what does not fit becomes an
 * anomaly and the chunks read so far are kept.
 *
 * <p>Chunks are walked by their Length field rounded up to 4 (the padding is not counted in the length); missing
 * padding after the last chunk is accepted. A chunk shorter than its 4-byte header ends the walk
 * ({@code sctp.chunk.invalid}); a chunk running past the packet is kept as far as present ({@code sctp.truncated},
 * not reported when the capture cut the packet).
 */
public final class SctpChunks {
    /** Length of the common header: source port, destination port, verification tag, checksum. */
    public static final int COMMON_HEADER = 12;
    /** Chunks named in a label; more are counted. */
    static final int LABEL_CHUNKS = 6;

    private final byte[] bytes;
    private final int srcPort;
    private final int dstPort;
    private final long verificationTag;
    private final List<SctpChunk> chunks = new ArrayList<>(2);
    /** The DATA or I-DATA header of each chunk, null for other chunks and unreadable headers. */
    private final List<SctpData> perChunk = new ArrayList<>(2);
    private final List<Anomaly> anomalies = new ArrayList<>(0);

    private SctpChunks(byte[] bytes, int srcPort, int dstPort, long verificationTag) {
        this.bytes = bytes;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.verificationTag = verificationTag;
    }

    /** Parses an SCTP packet from its common header on. */
    public static SctpChunks parse(byte[] b, int off, int len) {
        return parse(b, off, len, false);
    }

    /**
     * Parses an SCTP packet from its common header on; {@code cutByCapture} says the capture kept less than the
     * packet, so chunks running past the end are expected and not reported.
     */
    public static SctpChunks parse(byte[] b, int off, int len, boolean cutByCapture) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < COMMON_HEADER) {
            SctpChunks c = new SctpChunks(b, -1, -1, -1);
            if (!cutByCapture) {
                c.anomalies.add(Anomaly.of("sctp.truncated", "SCTP common header needs 12 bytes, " + len + " present"));
            }
            return c;
        }
        SctpChunks c = new SctpChunks(b, u16be(b, off), u16be(b, off + 2), u32be(b, off + 4));
        c.walk(off + COMMON_HEADER, off + len, cutByCapture);
        if (c.chunks.isEmpty() && c.anomalies.isEmpty() && !cutByCapture) {
            c.anomalies.add(Anomaly.of("sctp.chunk.missing", "SCTP packet of " + len + " bytes has no chunk"));
        }
        c.checkBundling();
        return c;
    }

    /** Parses the chunk area only (what follows the 12-byte common header); ports and tag are then unknown (-1). */
    public static SctpChunks parseChunks(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        SctpChunks c = new SctpChunks(b, -1, -1, -1);
        c.walk(off, off + len, false);
        c.checkBundling();
        return c;
    }

    /**
     * Parses the SCTP packet of a decoded frame ({@link Packet#transport()} must be SCTP), whose payload starts
     * after the common header. {@code cutBySnaplen}: the capture's snaplen cut the frame, so damage at its end is
     * expected and not reported.
     */
    public static SctpChunks of(Packet packet, boolean cutBySnaplen) {
        if (packet.transport() != Packet.Transport.SCTP) {
            throw new IllegalArgumentException("not an SCTP packet: " + packet.transport());
        }
        boolean cut = cutBySnaplen || packet.payloadCut();
        if (packet.srcPort() < 0) {
            SctpChunks c = new SctpChunks(packet.data(), -1, -1, -1);
            if (!cut) {
                c.anomalies.add(Anomaly.of("sctp.truncated", "SCTP common header cut short"));
            }
            return c;
        }
        return parse(packet.data(), packet.payloadOffset() - COMMON_HEADER,
                packet.payloadLength() + COMMON_HEADER, cut);
    }

    private void walk(int p, int end, boolean cut) {
        while (p < end) {
            int avail = end - p;
            if (avail < 4) {
                if (!cut) {
                    anomalies.add(Anomaly.of("sctp.chunk.invalid", avail + (avail == 1 ? " byte" : " bytes")
                            + " after the last chunk, too few for a chunk header"));
                }
                return;
            }
            int type = u8(bytes, p);
            int flags = u8(bytes, p + 1);
            int length = u16be(bytes, p + 2);
            if (length < 4) {
                anomalies.add(Anomaly.of("sctp.chunk.invalid", SctpChunk.name(type) + " chunk declares length "
                        + length + ", below its 4-byte header; the rest of the packet is not read"));
                return;
            }
            int present = Math.min(length, avail);
            SctpChunk chunk = new SctpChunk(type, flags, length, p, p + 4, present - 4);
            chunks.add(chunk);
            if (length > avail && !cut) {
                anomalies.add(Anomaly.of("sctp.truncated", chunk.name() + " chunk declares " + length
                        + " bytes, " + avail + " present"));
            }
            perChunk.add(type == SctpChunk.DATA || type == SctpChunk.I_DATA ? dataChunk(chunk) : null);
            if (length > avail) {
                return;
            }
            p += (length + 3) & ~3;
        }
    }

    private SctpData dataChunk(SctpChunk c) {
        boolean idata = c.type() == SctpChunk.I_DATA;
        int header = idata ? 20 : 16;
        String name = c.name();
        if (c.length() < header) {
            anomalies.add(Anomaly.of("sctp.chunk.invalid", name + " chunk length " + c.length() + " is below "
                    + header));
            return null;
        }
        if (c.length() == header) {
            String tsn = c.valueLength() >= 4 ? " TSN " + u32be(bytes, c.valueOffset()) : "";
            anomalies.add(Anomaly.of("sctp.data.empty", name + " chunk" + tsn + " carries no user data"));
            return null;
        }
        if (c.valueLength() < header - 4) {
            return null; // header itself cut short: already reported (or expected) as sctp.truncated
        }
        int v = c.valueOffset();
        int f = c.flags();
        boolean begin = (f & 0x02) != 0;
        long tsn = u32be(bytes, v);
        int stream = u16be(bytes, v + 4);
        int dataOffset = v + header - 4;
        int dataLength = c.valueLength() - (header - 4);
        boolean dataCut = c.cut();
        if (idata) {
            long mid = u32be(bytes, v + 8);
            long ppidOrFsn = u32be(bytes, v + 12);
            return new SctpData(true, tsn, stream, -1, mid, begin ? 0 : ppidOrFsn, begin ? ppidOrFsn : -1,
                    (f & 0x04) != 0, begin, (f & 0x01) != 0, (f & 0x08) != 0, dataOffset, dataLength, dataCut);
        }
        return new SctpData(false, tsn, stream, u16be(bytes, v + 6), -1, -1, u32be(bytes, v + 8),
                (f & 0x04) != 0, begin, (f & 0x01) != 0, (f & 0x08) != 0, dataOffset, dataLength, dataCut);
    }

    /** RFC 9260 §6.10: INIT, INIT ACK and SHUTDOWN COMPLETE travel alone. */
    private void checkBundling() {
        if (chunks.size() < 2) {
            return;
        }
        for (SctpChunk c : chunks) {
            int t = c.type();
            if (t == SctpChunk.INIT || t == SctpChunk.INIT_ACK || t == SctpChunk.SHUTDOWN_COMPLETE) {
                anomalies.add(Anomaly.of("sctp.chunk.bundled", c.name() + " bundled with " + (chunks.size() - 1)
                        + (chunks.size() == 2 ? " other chunk" : " other chunks")));
                return;
            }
        }
    }

    /** The array the offsets point into (not a copy). */
    public byte[] bytes() {
        return bytes;
    }

    /** Source port, or -1 when the common header was not parsed. */
    public int srcPort() {
        return srcPort;
    }

    /** Destination port, or -1 when the common header was not parsed. */
    public int dstPort() {
        return dstPort;
    }

    /** Verification tag (32 bits, unsigned), or -1 when the common header was not parsed. */
    public long verificationTag() {
        return verificationTag;
    }

    /** Every chunk found, in packet order. */
    public List<SctpChunk> chunks() {
        return List.copyOf(chunks);
    }

    /** The DATA and I-DATA chunks whose header could be read, in packet order. */
    public List<SctpData> data() {
        List<SctpData> out = new ArrayList<>(perChunk.size());
        for (SctpData d : perChunk) {
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    public List<Anomaly> anomalies() {
        return List.copyOf(anomalies);
    }

    /**
     * One line for the frame: "SCTP 5060 → 5060: DATA TSN 12 stream 0 PPID 0, 640 bytes; SACK (cumulative TSN 9)".
     * The ports are left out when the common header was not parsed.
     */
    public String label() {
        StringBuilder sb = new StringBuilder("SCTP");
        if (srcPort >= 0) {
            sb.append(' ').append(srcPort).append(" → ").append(dstPort);
        }
        sb.append(": ");
        if (chunks.isEmpty()) {
            return sb.append(srcPort >= 0 ? "no chunks" : "header cut short").toString();
        }
        for (int i = 0; i < chunks.size() && i < LABEL_CHUNKS; i++) {
            if (i > 0) {
                sb.append("; ");
            }
            SctpData d = perChunk.get(i);
            sb.append(d != null ? d.summary() : chunkSummary(chunks.get(i)));
        }
        if (chunks.size() > LABEL_CHUNKS) {
            int more = chunks.size() - LABEL_CHUNKS;
            sb.append("; and ").append(more).append(more == 1 ? " more chunk" : " more chunks");
        }
        return sb.toString();
    }

    private String chunkSummary(SctpChunk c) {
        String name = c.name();
        if (c.type() == SctpChunk.SACK && c.valueLength() >= 4) {
            return name + " (cumulative TSN " + u32be(bytes, c.valueOffset()) + ")";
        }
        if ((c.type() == SctpChunk.ABORT || c.type() == SctpChunk.ERROR) && c.valueLength() >= 2) {
            return name + " (cause " + u16be(bytes, c.valueOffset()) + ")";
        }
        return name;
    }
}
