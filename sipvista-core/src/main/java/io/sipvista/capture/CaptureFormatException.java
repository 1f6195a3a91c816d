package io.sipvista.capture;

import java.io.IOException;

/**
 * The input is not a capture sipvista can read, or its file header is unusable. The message is one plain
 * sentence meant for the user (e.g. "not a capture file: it starts with text (\"Hello wor\")").
 */
public class CaptureFormatException extends IOException {
    public CaptureFormatException(String message) {
        super(message);
    }
}
