package io.sipvista.sip;

import java.util.HashMap;
import java.util.Map;

/**
 * A fixed vocabulary of words (methods, transports, content types) as shared strings: a word read from a message that
 * equals one of them is that one string, so the messages held until their call settles do not each keep a copy.
 * Immutable; case-sensitive (a word spelled otherwise stays as written).
 */
final class SharedWords {
    private final Map<String, String> words;

    private SharedWords(Map<String, String> words) {
        this.words = Map.copyOf(words);
    }

    static SharedWords of(String... words) {
        Map<String, String> m = new HashMap<>();
        for (String w : words) {
            m.put(w, w);
        }
        return new SharedWords(m);
    }

    /** The shared string equal to {@code word}, or {@code word} itself. */
    String shared(String word) {
        return words.getOrDefault(word, word);
    }
}
