package io.sipvista.capture;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.bytes.Octets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads classic libpcap files (magic a1b2c3d4 for microsecond and a1b23c4d for nanosecond timestamps, in either
 * byte order): a 24-byte file header, then records of a 16-byte header and the captured bytes.
 *
 * <p>Damage ends the stream with a warning: a record cut by the end of the file is {@code capture.truncated}, a
 * record claiming an impossible length ({@link CaptureLimits#maxRecordLength}) is {@code capture.record.too_long}.
 * Every complete record before the damage is returned.
 */
public final class PcapReader implements CaptureReader {
    static final int FILE_HEADER = 24;
    static final int RECORD_HEADER = 16;
    /** Bits 0-15 of the header's link-type field; the upper bits carry the FCS length, which is not used here. */
    private static final int LINKTYPE_MASK = 0xFFFF;

    private final CaptureInput input;
    private final CaptureLimits limits;
    private final boolean bigEndian;
    private final boolean nanosecond;
    private final InterfaceInfo iface;
    private final long maxRecord;
    private final List<Anomaly> warnings = new ArrayList<>();
    private final byte[] recordHeader = new byte[RECORD_HEADER];
    /** Where {@link #next()} reads each record, in an array of the record's own. */
    private final RecordBuffer scratch = new RecordBuffer();
    private long frames;
    private boolean done;

    /**
     * @param header the 24 header bytes, already read from {@code input}
     */
    PcapReader(CaptureInput input, byte[] header, boolean bigEndian, boolean nanosecond, CaptureLimits limits,
               String displayName) throws CaptureFormatException {
        this.input = input;
        this.limits = limits;
        this.bigEndian = bigEndian;
        this.nanosecond = nanosecond;
        int major = Octets.u16(header, 4, bigEndian);
        int minor = Octets.u16(header, 6, bigEndian);
        if (major != 2) {
            throw new CaptureFormatException("this pcap file has version " + major + "." + minor
                    + ", which sipvista does not read (only version 2.x exists in practice)", displayName);
        }
        long snaplen = Octets.u32(header, 16, bigEndian);
        int linkType = (int) (Octets.u32(header, 20, bigEndian) & LINKTYPE_MASK);
        if (limits.absurdSnaplen(snaplen)) {
            warnings.add(Anomaly.of("capture.snaplen.absurd", "the pcap file header gives snaplen " + snaplen
                    + "; records are accepted up to " + limits.maxRecordLength(snaplen) + " bytes"));
        }
        this.maxRecord = limits.maxRecordLength(snaplen);
        this.iface = new InterfaceInfo(0, linkType, snaplen, nanosecond ? 9 : 6, null);
    }

    @Override
    public CaptureRecord next() throws IOException {
        return read(scratch, false) ? scratch.record() : null;
    }

    /** Reads the record's bytes into the buffer's shared array: no allocation per record. */
    @Override
    public boolean next(RecordBuffer into) throws IOException {
        return read(into, true);
    }

    /** Reads the next record into {@code into}, its bytes in the shared array or in one of their own. */
    private boolean read(RecordBuffer into, boolean shared) throws IOException {
        if (done) {
            return false;
        }
        long offset = input.position();
        long number = frames + 1;
        int got = input.read(recordHeader, 0, RECORD_HEADER);
        if (got < RECORD_HEADER) {
            if (got > 0) {
                truncated("record " + number + " at offset " + offset + ": " + got + " of " + RECORD_HEADER
                        + " header bytes");
            }
            return finish();
        }
        long seconds = Octets.u32(recordHeader, 0, bigEndian);
        long fraction = Octets.u32(recordHeader, 4, bigEndian);
        long included = Octets.u32(recordHeader, 8, bigEndian);
        long original = Octets.u32(recordHeader, 12, bigEndian);
        if (included > maxRecord) {
            warnings.add(Anomaly.of("capture.record.too_long", "record " + number + " at offset " + offset
                    + " claims " + included + " captured bytes; the limit for this file is " + maxRecord
                    + " bytes, so reading stops here"));
            return finish();
        }
        int length = (int) included;
        byte[] data = shared ? into.shared(length) : into.own(length);
        int read = input.read(data, 0, length);
        if (read < length) {
            truncated("record " + number + " at offset " + offset + ": " + read + " of " + included + " data bytes");
            return finish();
        }
        long perSecond = nanosecond ? 1_000_000_000L : 1_000_000L;
        seconds += fraction / perSecond;
        int nanos = (int) (nanosecond ? fraction % perSecond : (fraction % perSecond) * 1000);
        frames = number;
        into.fill(number, 0, iface.linkType(), seconds, nanos, iface.timeDigits(), length, original, offset);
        return true;
    }

    private void truncated(String detail) {
        warnings.add(Anomaly.of("capture.truncated", detail));
    }

    private boolean finish() {
        done = true;
        String damage = input.gzipDamage();
        if (damage != null) {
            warnings.add(Anomaly.of("capture.gzip.corrupt", damage + " at offset " + input.position()
                    + " of the decompressed data"));
        }
        return false;
    }

    @Override
    public String compression() {
        return input.compression();
    }

    @Override
    public String format() {
        return "pcap";
    }

    @Override
    public boolean bigEndian() {
        return bigEndian;
    }

    /** True for the nanosecond variant (magic a1b23c4d). */
    public boolean nanosecond() {
        return nanosecond;
    }

    /** The limits this reader applies. */
    public CaptureLimits limits() {
        return limits;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return List.of(iface);
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
