package io.sipvista.net;

import io.sipvista.bytes.IpText;

/**
 * The text of IPv4 addresses and of {@code address:port} endpoints, remembered by one decoder so that the packets of
 * a flow seen again (RTP: fifty a second each way) build no new strings. Two direct-mapped tables of {@value #SLOTS}
 * entries: a miss computes the text and takes the slot, so memory is fixed whatever the capture holds.
 */
final class EndpointText {
    static final int SLOTS = 4096;

    private final int[] v4Key = new int[SLOTS];
    private final String[] v4Text = new String[SLOTS];
    private final String[] endpointAddress = new String[SLOTS];
    private final int[] endpointPort = new int[SLOTS];
    private final String[] endpointText = new String[SLOTS];

    /** {@link IpText#v4} of the 4 bytes at {@code off}. */
    String v4(byte[] b, int off) {
        int key = (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
        int slot = mix(key);
        String t = v4Text[slot];
        if (t != null && v4Key[slot] == key) {
            return t;
        }
        t = IpText.v4(b, off);
        v4Key[slot] = key;
        v4Text[slot] = t;
        return t;
    }

    /** {@link Packet#endpoint(String, int)}, remembered. */
    String endpoint(String address, int port) {
        if (address == null || port < 0) {
            return Packet.endpoint(address, port);
        }
        int slot = mix(address.hashCode() * 31 + port);
        String t = endpointText[slot];
        if (t != null && endpointPort[slot] == port && address.equals(endpointAddress[slot])) {
            return t;
        }
        t = Packet.endpoint(address, port);
        endpointAddress[slot] = address;
        endpointPort[slot] = port;
        endpointText[slot] = t;
        return t;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x45d9f3b;
        h ^= h >>> 16;
        return h & (SLOTS - 1);
    }
}
