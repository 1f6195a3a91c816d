package io.sipvista.sip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One body of a SIP message: the whole body of a simple message, or one leaf part of a {@code multipart/*} body.
 * A part the parser makes is a range of the message's own bytes (which nothing changes), not a copy of them: a message
 * is held until its call settles, and its SDP would otherwise be held twice.
 */
public final class BodyPart {
    private final String contentType;
    private final byte[] source;
    private final int offset;
    private final int length;

    /**
     * @param contentType media type, lower case, without parameters ({@code "application/sdp"}); for a multipart
     *                    part without a Content-Type, {@code "text/plain"} (RFC 2046 §5.1); null when a simple message
     *                    declares no Content-Type
     * @param bytes       the part's content (copied: changing the array afterwards changes nothing here)
     */
    public BodyPart(String contentType, byte[] bytes) {
        this(contentType, bytes.clone(), 0, bytes.length);
    }

    private BodyPart(String contentType, byte[] source, int offset, int length) {
        this.contentType = contentType;
        this.source = source;
        this.offset = offset;
        this.length = length;
    }

    /** The part {@code b[from, to)}, sharing {@code b}: only for bytes that are never changed (a message's own). */
    static BodyPart of(String contentType, byte[] b, int from, int to) {
        Objects.checkFromToIndex(from, to, b.length);
        return new BodyPart(contentType, b, from, to - from);
    }

    /** The media type (see the constructor), or null. */
    public String contentType() {
        return contentType;
    }

    /** The part's content, as received (a copy). */
    public byte[] bytes() {
        return Arrays.copyOfRange(source, offset, offset + length);
    }

    public int length() {
        return length;
    }

    /** The content decoded as UTF-8, bad sequences replaced. */
    public String text() {
        return new String(source, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BodyPart p && Objects.equals(contentType, p.contentType)
                && Arrays.equals(source, offset, offset + length, p.source, p.offset, p.offset + p.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + source[i];
        }
        return 31 * Objects.hashCode(contentType) + h;
    }

    @Override
    public String toString() {
        return "BodyPart[" + contentType + ", " + length + " bytes]";
    }
}
