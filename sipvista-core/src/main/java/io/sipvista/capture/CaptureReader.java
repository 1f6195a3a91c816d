package io.sipvista.capture;

import io.sipvista.anomaly.Anomaly;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Streams the packet records of one capture, in file order, holding at most one record in memory.
 *
 * <p>Damage inside the file never throws: a record that cannot be read ends the stream and is reported by
 * {@link #warnings()} (e.g. "capture cut in the middle of record 41"). {@link IOException} is for the
 * underlying stream failing; {@link CaptureFormatException} (thrown when opening) for input that is not a capture.
 */
public interface CaptureReader extends Closeable {
    /** The next record, or null at the end of the capture (or where damage makes reading on impossible). */
    CaptureRecord next() throws IOException;

    /**
     * Reads the next record into {@code into}: true, or false at the end of the capture (as {@link #next()} returns
     * null). A reader may put the bytes in the buffer's shared array, spared allocating one per record; this default
     * holds the record {@link #next()} returns.
     */
    default boolean next(RecordBuffer into) throws IOException {
        CaptureRecord r = next();
        if (r == null) {
            return false;
        }
        into.hold(r);
        return true;
    }

    /** "gzip" when the capture was decompressed on the fly, else null. */
    String compression();

    /** "pcap" or "pcapng". */
    String format();

    /** True when the file is big-endian (its byte order as written, per section for pcapng: the first one). */
    boolean bigEndian();

    /** Interfaces seen so far (pcapng may declare more as it goes). */
    List<InterfaceInfo> interfaces();

    /** File-level problems met so far: truncation, skipped blocks, bad lengths. */
    List<Anomaly> warnings();
}
