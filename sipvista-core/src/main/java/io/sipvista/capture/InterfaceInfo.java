package io.sipvista.capture;

/**
 * A capture interface: the single implicit one of a pcap file, or a pcapng Interface Description Block.
 *
 * @param id         index in file order, from 0
 * @param linkType   LINKTYPE_ value
 * @param snaplen    maximum captured length per packet (0 = no limit)
 * @param timeDigits fractional-second digits of this interface's clock (6 = microseconds, 9 = nanoseconds)
 * @param name       interface name from if_name, or null
 */
public record InterfaceInfo(int id, int linkType, long snaplen, int timeDigits, String name) {
    public String linkTypeName() {
        return LinkType.name(linkType);
    }
}
