package io.sipvista.sip.sdp;

import java.util.List;
import java.util.Locale;

/** Reading {@code name[:value]} attribute values, shared by session and media level. */
final class Attributes {
    private Attributes() {
    }

    /** The attribute name: the text before the first colon, or all of it for a flag. */
    static String name(String attribute) {
        int colon = attribute.indexOf(':');
        return colon < 0 ? attribute : attribute.substring(0, colon);
    }

    /** The text after the first colon, or empty for a flag. */
    static String value(String attribute) {
        int colon = attribute.indexOf(':');
        return colon < 0 ? "" : attribute.substring(colon + 1);
    }

    /** The value of the first attribute called {@code name} (case-insensitive): "" for a flag, null when absent. */
    static String find(List<String> attributes, String name) {
        for (String a : attributes) {
            // name(a).equalsIgnoreCase(name), compared in place: every media section looks for ice-ufrag this way
            int colon = a.indexOf(':');
            int end = colon < 0 ? a.length() : colon;
            if (end == name.length() && a.regionMatches(true, 0, name, 0, end)) {
                return value(a);
            }
        }
        return null;
    }

    /** The RFC 3264 direction named by an attribute, in lower case, or null when it is not one. */
    static String direction(String attributeName) {
        String n = attributeName.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "sendrecv", "sendonly", "recvonly", "inactive" -> n;
            default -> null;
        };
    }

    /** The attribute value with key material and passwords replaced by {@link Crypto#MASK}. */
    static String redacted(String attribute) {
        int colon = attribute.indexOf(':');
        if (colon < 0) {
            return attribute;
        }
        String name = attribute.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = attribute.substring(colon + 1);
        String head = attribute.substring(0, colon + 1);
        return switch (name) {
            case "crypto" -> head + Crypto.redactValue(rest);
            case "ice-pwd" -> head + Crypto.MASK;
            case "key-mgmt" -> {
                String[] f = Tokens.split(rest, 2);
                yield head + (f.length == 2 ? f[0] + " " + Crypto.MASK : Crypto.MASK);
            }
            default -> attribute;
        };
    }

    /** A {@code k=} value with the key replaced: {@code clear:<redacted>}; {@code prompt} is kept. */
    static String redactedKey(String value) {
        if (value.equalsIgnoreCase("prompt") || value.isEmpty()) {
            return value;
        }
        int colon = value.indexOf(':');
        return colon < 0 ? Crypto.MASK : value.substring(0, colon + 1) + Crypto.MASK;
    }
}
