package io.sipvista.capture;

/**
 * One packet record as read from the capture file, before any protocol decoding.
 *
 * @param number         frame number, counted from 1 in file order as Wireshark does
 * @param interfaceId    pcapng interface index (0 for pcap)
 * @param linkType       the LINKTYPE_ value of the interface the packet was captured on ({@link LinkType})
 * @param epochSeconds   capture time, whole seconds since 1970-01-01 UTC
 * @param nanos          capture time, fraction of the second in nanoseconds
 * @param timeDigits     how many fractional digits the file's clock really has (6 for microseconds, 9 for nanoseconds)
 * @param capturedLength bytes present in the file ({@code data.length})
 * @param originalLength bytes the packet had on the wire; larger than capturedLength when cut by the snaplen
 * @param data           the captured bytes (owned by this record; never shared)
 * @param fileOffset     offset of the record's header in the (decompressed) capture stream
 */
public record CaptureRecord(long number, int interfaceId, int linkType, long epochSeconds, int nanos, int timeDigits,
                            int capturedLength, long originalLength, byte[] data, long fileOffset) {

    public boolean truncatedBySnaplen() {
        return originalLength > capturedLength;
    }
}
