package io.sipvista.media;

/** The channel of a stereo WAV file a call direction is written to; each channel holds one direction. */
public enum AudioChannel {
    /** Channel 1 of the file (left). */
    LEFT,
    /** Channel 2 of the file (right). */
    RIGHT;

    String label() {
        return this == LEFT ? "left channel" : "right channel";
    }
}
