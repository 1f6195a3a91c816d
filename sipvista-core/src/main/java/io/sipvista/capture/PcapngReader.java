package io.sipvista.capture;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.bytes.Octets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads pcapng files block by block: Section Header Blocks (each section has its own byte order and its own
 * interfaces), Interface Description Blocks (link type, snaplen, if_name, if_tsresol, if_tsoffset), and the packet
 * blocks: Enhanced (type 6), Simple (type 3) and the obsolete Packet Block (type 2). Everything else is skipped:
 * name resolution, interface statistics, decryption secrets and custom blocks silently, blocks of an unknown type
 * with one {@code capture.block.unknown} note per type.
 *
 * <p>Interface ids are global: {@link #interfaces()} lists the interfaces of every section in file order, and
 * {@link CaptureRecord#interfaceId()} is an index into that list (the first section's ids are the file's own).
 * A packet naming an interface its section never described is skipped without taking a frame number
 * ({@code capture.packet.unknown_interface}), as Wireshark does not show it either.
 *
 * <p>A block whose length is impossible (not a multiple of 4, below 12, leading and trailing lengths differ, or
 * a packet that does not fit in its block) is {@code capture.block.bad_length}; a packet longer than
 * {@link CaptureLimits#maxRecordLength} is {@code capture.record.too_long}; the file ending inside a block is
 * {@code capture.truncated}. Each ends reading; every complete packet before it is returned.
 */
public final class PcapngReader implements CaptureReader {
    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 1;
    static final int OPB = 2;
    static final int SPB = 3;
    static final int NRB = 4;
    static final int ISB = 5;
    static final int EPB = 6;
    static final int SYSTEMD_JOURNAL = 9;
    static final int DSB = 0x0A;
    static final int CUSTOM = 0x00000BAD;
    static final int CUSTOM_NO_COPY = 0x40000BAD;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int SHB_MIN = 28;

    private static final int OPT_END = 0;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;

    /** One interface as the reader needs it (the public view is {@link InterfaceInfo}). */
    private record Iface(InterfaceInfo info, TimestampResolution resolution, long offsetSeconds, long maxRecord) {
    }

    /** The block being read, for messages. */
    private record Block(long offset, long length, int type, long frame) {
        String describe() {
            String name = blockName(type);
            return (frame > 0 ? "record " + frame + " at offset " + offset + " (" + name + ")" : name + " at offset " + offset);
        }
    }

    private final CaptureInput input;
    private final CaptureLimits limits;
    private final String displayName;
    private final boolean firstBigEndian;
    private final List<Iface> ifaces = new ArrayList<>();
    private final List<InterfaceInfo> infos = new ArrayList<>();
    /** Global interface index of each interface of the current section, by local id. */
    private final List<Integer> sectionIfaces = new ArrayList<>();
    private final List<Anomaly> warnings = new ArrayList<>();
    private final Set<Integer> unknownTypesNoted = new HashSet<>();
    private final Set<Long> unknownIfacesNoted = new HashSet<>();
    private final byte[] head = new byte[28];
    private final byte[] word = new byte[4];
    private boolean bigEndian;
    private int section;
    private long frames;
    private long lastSeconds;
    private int lastNanos;
    private boolean noTimestampNoted;
    private boolean done;

    /** Reads the first Section Header Block; the input must be at its start. */
    PcapngReader(CaptureInput input, CaptureLimits limits, String displayName) throws IOException {
        this.input = input;
        this.limits = limits;
        this.displayName = displayName;
        int got = input.read(head, 0, 12);
        if (got < 12) {
            throw new CaptureFormatException("the file ends inside the pcapng section header block (" + got + " of "
                    + SHB_MIN + " bytes)", displayName);
        }
        String problem = readSection(0);
        if (problem != null) {
            throw new CaptureFormatException(problem, displayName);
        }
        this.firstBigEndian = bigEndian;
    }

    /**
     * Reads the rest of a Section Header Block whose first 12 bytes are in {@code head}. Returns null when the
     * section is usable, or a sentence saying why not.
     */
    private String readSection(long offset) throws IOException {
        boolean be;
        long magic = Octets.u32be(head, 8);
        if (magic == BYTE_ORDER_MAGIC) {
            be = true;
        } else if (Octets.u32le(head, 8) == BYTE_ORDER_MAGIC) {
            be = false;
        } else {
            return "the pcapng section header block at offset " + offset + " has no valid byte-order magic ("
                    + spaced(head, 8, 4) + ")";
        }
        long length = Octets.u32(head, 4, be);
        if (length < SHB_MIN || length % 4 != 0 || length > limits.hardMaxRecord()) {
            return "the pcapng section header block at offset " + offset + " has an impossible length (" + length + ")";
        }
        int got = input.read(head, 12, 12);
        if (got < 12) {
            return "the file ends inside the pcapng section header block at offset " + offset + " (" + (12 + got)
                    + " of " + length + " bytes)";
        }
        int major = Octets.u16(head, 12, be);
        int minor = Octets.u16(head, 14, be);
        if (major != 1) {
            return "this pcapng section (offset " + offset + ") has version " + major + "." + minor
                    + ", which sipvista does not read (only 1.x)";
        }
        long rest = length - SHB_MIN;
        long skipped = input.skip(rest);
        int trailerGot = skipped < rest ? 0 : input.read(word, 0, 4);
        if (trailerGot < 4) {
            return "the file ends inside the pcapng section header block at offset " + offset + " ("
                    + (24 + skipped + trailerGot) + " of " + length + " bytes)";
        }
        long trailer = Octets.u32(word, 0, be);
        if (trailer != length) {
            return "the pcapng section header block at offset " + offset + " has leading length " + length
                    + " but trailing length " + trailer;
        }
        bigEndian = be;
        section++;
        sectionIfaces.clear();
        return null;
    }

    @Override
    public CaptureRecord next() throws IOException {
        while (!done) {
            long offset = input.position();
            int got = input.read(head, 0, 8);
            if (got < 8) {
                if (got > 0) {
                    warn("capture.truncated", "block at offset " + offset + ": " + got + " of 8 block header bytes");
                }
                return finish();
            }
            if (Octets.u32be(head, 0) == SHB) {
                int more = input.read(head, 8, 4);
                if (more < 4) {
                    warn("capture.truncated", blockName(SHB) + " at offset " + offset + ": " + (8 + more)
                            + " of " + SHB_MIN + " bytes");
                    return finish();
                }
                String problem = readSection(offset);
                if (problem != null) {
                    warn(problem.startsWith("the file ends") ? "capture.truncated" : "capture.section.unsupported",
                            problem);
                    return finish();
                }
                continue;
            }
            int type = (int) Octets.u32(head, 0, bigEndian);
            long length = Octets.u32(head, 4, bigEndian);
            Block block = new Block(offset, length, type, isPacket(type) ? frames + 1 : 0);
            if (length < 12 || length % 4 != 0) {
                warn("capture.block.bad_length", block.describe() + ": total length " + length
                        + " is not a multiple of 4 of at least 12");
                return finish();
            }
            if (length > limits.hardMaxRecord()) {
                warn("capture.record.too_long", block.describe() + ": total length " + length + " is above the limit of "
                        + limits.hardMaxRecord() + " bytes");
                return finish();
            }
            CaptureRecord record = switch (type) {
                case IDB -> readInterface(block);
                case EPB, OPB -> readPacket(block);
                case SPB -> readSimplePacket(block);
                default -> skipBlock(block);
            };
            if (record != null) {
                return record;
            }
        }
        return null;
    }

    private static boolean isPacket(int type) {
        return type == EPB || type == SPB || type == OPB;
    }

    private CaptureRecord skipBlock(Block block) throws IOException {
        if (block.type() != NRB && block.type() != ISB && block.type() != DSB && block.type() != SYSTEMD_JOURNAL
                && block.type() != CUSTOM && block.type() != CUSTOM_NO_COPY && unknownTypesNoted.add(block.type())) {
            warn("capture.block.unknown", blockName(block.type()) + " at offset " + block.offset()
                    + " (later blocks of this type are skipped without a note)");
        }
        if (skip(block.length() - 12, block)) {
            trailer(block);
        }
        return null;
    }

    private CaptureRecord readInterface(Block block) throws IOException {
        long body = block.length() - 12;
        if (body < 8) {
            warn("capture.block.bad_length", block.describe() + ": total length " + block.length()
                    + " is too short for an interface description (20 or more)");
            return finish();
        }
        if (!fill(head, 8, block)) {
            return null;
        }
        int linkType = Octets.u16(head, 0, bigEndian);
        long snaplen = Octets.u32(head, 4, bigEndian);
        String name = null;
        TimestampResolution resolution = TimestampResolution.MICROS;
        long offsetSeconds = 0;
        long remaining = body - 8;
        while (remaining >= 4) {
            if (!fill(word, 4, block)) {
                return null;
            }
            remaining -= 4;
            int code = Octets.u16(word, 0, bigEndian);
            int len = Octets.u16(word, 2, bigEndian);
            if (code == OPT_END) {
                break;
            }
            int padded = (len + 3) & ~3;
            if (padded > remaining) {
                warn("capture.block.bad_option", block.describe() + ": option " + code + " of " + len
                        + " bytes runs past the end of the block; the rest of its options are ignored");
                break;
            }
            remaining -= padded;
            if (code == IF_NAME || code == IF_TSRESOL || code == IF_TSOFFSET) {
                byte[] value = new byte[padded];
                if (!fill(value, padded, block)) {
                    return null;
                }
                if (code == IF_NAME) {
                    int end = len;
                    while (end > 0 && value[end - 1] == 0) {
                        end--;
                    }
                    name = new String(value, 0, end, StandardCharsets.UTF_8);
                } else if (code == IF_TSRESOL && len >= 1) {
                    resolution = TimestampResolution.of(value[0] & 0xff);
                } else if (code == IF_TSOFFSET && len >= 8) {
                    offsetSeconds = bigEndian ? (Octets.u32be(value, 0) << 32) | Octets.u32be(value, 4)
                            : (Octets.u32le(value, 4) << 32) | Octets.u32le(value, 0);
                }
            } else if (!skip(padded, block)) {
                return null;
            }
        }
        if (!skip(remaining, block) || !trailer(block)) {
            return null;
        }
        int id = ifaces.size();
        if (limits.absurdSnaplen(snaplen)) {
            warn("capture.snaplen.absurd", "interface " + id + " (" + block.describe() + ") gives snaplen " + snaplen
                    + "; packets are accepted up to " + limits.maxRecordLength(snaplen) + " bytes");
        }
        InterfaceInfo info = new InterfaceInfo(id, linkType, snaplen, resolution.timeDigits(), name);
        ifaces.add(new Iface(info, resolution, offsetSeconds, limits.maxRecordLength(snaplen)));
        infos.add(info);
        sectionIfaces.add(id);
        return null;
    }

    /** Enhanced Packet Block and the obsolete Packet Block: 20 fixed bytes, then data, then options. */
    private CaptureRecord readPacket(Block block) throws IOException {
        long body = block.length() - 12;
        if (body < 20) {
            warn("capture.block.bad_length", block.describe() + ": total length " + block.length()
                    + " is too short for a packet block (32 or more)");
            return finish();
        }
        if (!fill(head, 20, block)) {
            return null;
        }
        long localId = block.type() == OPB ? Octets.u16(head, 0, bigEndian) : Octets.u32(head, 0, bigEndian);
        long ticks = (Octets.u32(head, 4, bigEndian) << 32) | Octets.u32(head, 8, bigEndian);
        long captured = Octets.u32(head, 12, bigEndian);
        long original = Octets.u32(head, 16, bigEndian);
        Iface iface = iface(localId, block);
        if (iface == null) {
            if (skip(body - 20, block)) {
                trailer(block);
            }
            return null;
        }
        if (captured > body - 20) {
            warn("capture.block.bad_length", block.describe() + ": captured length " + captured
                    + " does not fit in a block of " + block.length() + " bytes");
            return finish();
        }
        if (captured > iface.maxRecord()) {
            warn("capture.record.too_long", block.describe() + " claims " + captured
                    + " captured bytes; the limit for its interface is " + iface.maxRecord()
                    + " bytes, so reading stops here");
            return finish();
        }
        byte[] data = new byte[(int) captured];
        if (!fill(data, data.length, block) || !skip(body - 20 - captured, block) || !trailer(block)) {
            return null;
        }
        long seconds = iface.resolution().seconds(ticks) + iface.offsetSeconds();
        int nanos = iface.resolution().nanos(ticks);
        return emit(block, iface, seconds, nanos, data, original);
    }

    /** Simple Packet Block: original length, then data; interface 0 of the section, no timestamp. */
    private CaptureRecord readSimplePacket(Block block) throws IOException {
        long body = block.length() - 12;
        if (body < 4) {
            warn("capture.block.bad_length", block.describe() + ": total length " + block.length()
                    + " is too short for a simple packet block (16 or more)");
            return finish();
        }
        if (!fill(word, 4, block)) {
            return null;
        }
        long original = Octets.u32(word, 0, bigEndian);
        Iface iface = iface(0, block);
        if (iface == null) {
            if (skip(body - 4, block)) {
                trailer(block);
            }
            return null;
        }
        long captured = Math.min(original, body - 4);
        long snaplen = iface.info().snaplen();
        if (snaplen > 0) {
            captured = Math.min(captured, snaplen);
        }
        if (captured > iface.maxRecord()) {
            warn("capture.record.too_long", block.describe() + " claims " + captured
                    + " captured bytes; the limit for its interface is " + iface.maxRecord()
                    + " bytes, so reading stops here");
            return finish();
        }
        byte[] data = new byte[(int) captured];
        if (!fill(data, data.length, block) || !skip(body - 4 - captured, block) || !trailer(block)) {
            return null;
        }
        if (!noTimestampNoted) {
            noTimestampNoted = true;
            warn("capture.packet.no_timestamp", "frame " + block.frame() + " and any later Simple Packet Block"
                    + " carry no time; each is given the time of the packet before it");
        }
        return emit(block, iface, lastSeconds, lastNanos, data, original);
    }

    private CaptureRecord emit(Block block, Iface iface, long seconds, int nanos, byte[] data, long original) {
        frames = block.frame();
        lastSeconds = seconds;
        lastNanos = nanos;
        InterfaceInfo info = iface.info();
        return new CaptureRecord(frames, info.id(), info.linkType(), seconds, nanos, info.timeDigits(), data.length,
                original, data, block.offset());
    }

    /** The interface a packet names, or null (noted once per section and id) when the section has no such one. */
    private Iface iface(long localId, Block block) {
        if (localId < sectionIfaces.size()) {
            return ifaces.get(sectionIfaces.get((int) localId));
        }
        if (unknownIfacesNoted.add(((long) section << 32) | localId)) {
            warn("capture.packet.unknown_interface", blockName(block.type()) + " at offset " + block.offset()
                    + " names interface " + localId + ", but its section describes " + sectionIfaces.size()
                    + "; packets naming it are skipped and get no frame number");
        }
        return null;
    }

    private boolean fill(byte[] b, int len, Block block) throws IOException {
        if (input.read(b, 0, len) < len) {
            cut(block);
            return false;
        }
        return true;
    }

    private boolean skip(long len, Block block) throws IOException {
        if (input.skip(len) < len) {
            cut(block);
            return false;
        }
        return true;
    }

    private boolean trailer(Block block) throws IOException {
        if (!fill(word, 4, block)) {
            return false;
        }
        long trailing = Octets.u32(word, 0, bigEndian);
        if (trailing != block.length()) {
            warn("capture.block.bad_length", block.describe() + ": leading length " + block.length()
                    + " but trailing length " + trailing);
            finish();
            return false;
        }
        return true;
    }

    private void cut(Block block) {
        warn("capture.truncated", block.describe() + ": " + (input.position() - block.offset()) + " of "
                + block.length() + " block bytes");
        finish();
    }

    private void warn(String id, String detail) {
        warnings.add(Anomaly.of(id, detail));
    }

    private CaptureRecord finish() {
        if (!done) {
            done = true;
            String damage = input.gzipDamage();
            if (damage != null) {
                warn("capture.gzip.corrupt", damage + " at offset " + input.position() + " of the decompressed data");
            }
        }
        return null;
    }

    static String blockName(int type) {
        return switch (type) {
            case SHB -> "Section Header Block";
            case IDB -> "Interface Description Block";
            case OPB -> "Packet Block";
            case SPB -> "Simple Packet Block";
            case NRB -> "Name Resolution Block";
            case ISB -> "Interface Statistics Block";
            case EPB -> "Enhanced Packet Block";
            case DSB -> "Decryption Secrets Block";
            case SYSTEMD_JOURNAL -> "systemd Journal Export Block";
            case CUSTOM, CUSTOM_NO_COPY -> "Custom Block";
            default -> "block type 0x" + String.format(Locale.ROOT, "%08x", type);
        };
    }

    private static String spaced(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = off; i < off + len; i++) {
            if (i > off) {
                sb.append(' ');
            }
            sb.append(Octets.hex(b, i, 1));
        }
        return sb.toString();
    }

    @Override
    public String compression() {
        return input.compression();
    }

    @Override
    public String format() {
        return "pcapng";
    }

    /** The byte order of the first section. */
    @Override
    public boolean bigEndian() {
        return firstBigEndian;
    }

    /** The name given when opening (a path, or "-" for stdin). */
    public String displayName() {
        return displayName;
    }

    /** How many Section Header Blocks have been read so far. */
    public int sections() {
        return section;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return Collections.unmodifiableList(infos);
    }

    @Override
    public List<Anomaly> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    @Override
    public void close() throws IOException {
        done = true;
        input.close();
    }
}
