package io.sipvista.report;

import io.sipvista.capture.InterfaceInfo;

import java.util.List;

/**
 * What is known of a capture before its first frame.
 *
 * @param file       the name the user gave (file name only, never a full path, so output does not depend on where the file lies)
 * @param format     "pcap" or "pcapng"
 * @param compressed "gzip" or null
 * @param bigEndian  byte order of the file
 * @param interfaces interfaces declared before the first packet
 */
public record CaptureHeader(String file, String format, String compressed, boolean bigEndian, List<InterfaceInfo> interfaces) {
    public CaptureHeader {
        interfaces = List.copyOf(interfaces);
    }
}
