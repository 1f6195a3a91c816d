package io.sipvista.sip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One body of a SIP message: the whole body of a simple message, or one leaf part of a {@code multipart/*} body.
 *
 * @param contentType media type, lower case, without parameters ({@code "application/sdp"}); for a multipart
 *                    part without a Content-Type, {@code "text/plain"} (RFC 2046 §5.1); null when a simple message
 *                    declares no Content-Type
 * @param bytes       the part's content, as received (a copy: changing it changes nothing else)
 */
public record BodyPart(String contentType, byte[] bytes) {
    public BodyPart {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The content decoded as UTF-8, bad sequences replaced. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BodyPart p && java.util.Objects.equals(contentType, p.contentType)
                && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hashCode(contentType) + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "BodyPart[" + contentType + ", " + bytes.length + " bytes]";
    }
}
