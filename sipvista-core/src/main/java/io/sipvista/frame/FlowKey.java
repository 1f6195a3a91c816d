package io.sipvista.frame;

/** One direction of a transport conversation: source and destination address and port. */
public record FlowKey(String srcAddress, int srcPort, String dstAddress, int dstPort) {
    public FlowKey reverse() {
        return new FlowKey(dstAddress, dstPort, srcAddress, srcPort);
    }
}
