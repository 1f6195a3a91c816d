package io.sipvista.media;

import java.util.List;

/**
 * What a stereo WAV file written by {@link WavWriter} holds.
 *
 * @param samplesPerChannel 16-bit samples in each channel (stereo frames)
 * @param durationMs        length of the audio in milliseconds, rounded down
 * @param left              what happened to the direction written to the left channel
 * @param right             what happened to the direction written to the right channel
 * @param notes             in plain words, everything that makes the file differ from the packets: payload types that
 *                          cannot be decoded, drops, re-placements, shortened pauses, the length limit
 */
public record WavResult(long samplesPerChannel, long durationMs, TrackReport left, TrackReport right,
                        List<String> notes) {
    public WavResult {
        notes = List.copyOf(notes);
    }
}
