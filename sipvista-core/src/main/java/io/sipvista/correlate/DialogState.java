package io.sipvista.correlate;

/** Where a dialog stands (RFC 3261 §12): early after a tagged 1xx, confirmed after a 2xx, then terminated. */
public enum DialogState {
    /** Created by a provisional response with a To tag; no 2xx yet. */
    EARLY,
    /** A 2xx was seen (or an in-dialog request of a dialog that began before the capture). */
    CONFIRMED,
    /** Ended; {@link Dialog#termination()} says how. */
    TERMINATED
}
