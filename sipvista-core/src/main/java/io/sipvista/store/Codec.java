package io.sipvista.store;

/**
 * Writes values of one type to bytes and reads them back: {@code read(write(v))} equals {@code v}.
 *
 * @param <T> the type of value
 */
public interface Codec<T> {
    /** Appends {@code value} to {@code out}. */
    void write(T value, ByteSink out);

    /** Reads one value written by {@link #write}, advancing {@code in} past it. */
    T read(ByteSource in);
}
