package io.sipvista.store;

/**
 * The last {@link ByteSink#RECENT} strings a record wrote or read, by slot, taken in turn: a {@link ByteSink} and a
 * {@link ByteSource} fill theirs alike, so a slot written names the same string when read.
 */
final class StringRing {
    private final String[] slots = new String[ByteSink.RECENT];
    private int count;
    private int next;

    void clear() {
        count = 0;
        next = 0;
    }

    /** The slot holding {@code s} itself (the same object), or -1. */
    int slotOf(String s) {
        for (int i = 0; i < count; i++) {
            if (s == slots[i]) {
                return i;
            }
        }
        return -1;
    }

    /** Puts {@code s} in the next slot (the oldest goes once all are taken). */
    void add(String s) {
        slots[next] = s;
        next = next + 1 == slots.length ? 0 : next + 1;
        count = Math.min(slots.length, count + 1);
    }

    /** The string in {@code slot}, or null when the slot holds none. */
    String at(int slot) {
        return slot >= 0 && slot < count ? slots[slot] : null;
    }
}
