package io.sipvista.capture;

/**
 * How large a single record may claim to be before the reader stops trusting the file. A length read from the
 * file is compared with these limits before any buffer is allocated for it.
 *
 * <table>
 *   <caption>Record bounds</caption>
 *   <tr><th>limit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code hardMaxRecord}</td><td>256 MiB</td><td>no record or pcapng block may be longer, whatever the
 *       header says</td></tr>
 *   <tr><td>{@code baseSnaplen}</td><td>262144</td><td>the largest snaplen tools use by default (tcpdump,
 *       Wireshark); used in place of a snaplen of 0 or one larger than {@code hardMaxRecord}</td></tr>
 *   <tr><td>{@code snaplenFactor}</td><td>4</td><td>a record may exceed {@code max(snaplen, baseSnaplen)} by this
 *       factor (some writers record a smaller snaplen than they use, e.g. TSO/GRO packets up to 64 KiB)</td></tr>
 * </table>
 *
 * <p>So with the defaults a record is {@code capture.record.too_long} when its captured length is above
 * {@code min(256 MiB, 4 * max(snaplen, 262144))}: 1 MiB for every ordinary capture. Such a record ends reading,
 * because the length that should lead to the next record cannot be trusted either.
 */
public record CaptureLimits(long hardMaxRecord, long baseSnaplen, int snaplenFactor) {
    public static final CaptureLimits STANDARD = new CaptureLimits(256L * 1024 * 1024, 262_144, 4);

    public CaptureLimits {
        if (hardMaxRecord <= 0 || hardMaxRecord > Integer.MAX_VALUE - 64 || baseSnaplen <= 0 || snaplenFactor < 1) {
            throw new IllegalArgumentException("bad capture limits");
        }
    }

    /** True when a file header's snaplen is not believable (larger than any record may be). */
    public boolean absurdSnaplen(long snaplen) {
        return snaplen > hardMaxRecord;
    }

    /** The largest captured length accepted for a record of an interface with this snaplen. */
    public long maxRecordLength(long snaplen) {
        long snap = snaplen <= 0 || absurdSnaplen(snaplen) ? baseSnaplen : snaplen;
        return Math.min(hardMaxRecord, Math.max(snap, baseSnaplen) * snaplenFactor);
    }
}
