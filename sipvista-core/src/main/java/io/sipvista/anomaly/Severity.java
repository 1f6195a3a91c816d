package io.sipvista.anomaly;

/** How much an anomaly matters to the reader of a frame. */
public enum Severity {
    /** Worth knowing, nothing is wrong (e.g. a frame cut by the capture's snaplen). */
    INFO,
    /** Something on the wire or in the file is off, the frame is still decoded. */
    WARNING,
    /** The frame or message could not be decoded as what it claims to be. */
    ERROR;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
