package io.sipvista.capture;

import java.io.IOException;

/**
 * The input is not a capture sipvista can read, or its file header is unusable. The message is one plain
 * sentence meant for the user (e.g. "not a capture file: it looks like text, starting \"Hello wor...\"").
 */
public class CaptureFormatException extends IOException {
    private final String source;

    public CaptureFormatException(String message) {
        this(message, null);
    }

    /** @param source the display name of the input (a path, or "-" for stdin), or null */
    public CaptureFormatException(String message, String source) {
        super(message);
        this.source = source;
    }

    /** The display name of the input, or null when not known. */
    public String source() {
        return source;
    }
}
