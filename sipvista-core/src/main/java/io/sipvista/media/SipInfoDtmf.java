package io.sipvista.media;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.sip.BodyPart;
import io.sipvista.sip.SipMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Reads a DTMF key press sent as a SIP INFO body (the out-of-band way, instead of RFC 4733 RTP events). Two bodies
 * are understood, in a simple body or as a part of a multipart one:
 * <ul>
 *   <li>{@code application/dtmf-relay} (the de-facto Cisco format): lines {@code Signal=5} and {@code Duration=160}
 *       (milliseconds); names in any case, spaces around {@code =} allowed, other lines ignored. The signal is a
 *       digit character (0-9, *, #, A-D), {@code !} for hook flash, or a numeric event code (10 for *, 11 for #...).
 *       </li>
 *   <li>{@code application/dtmf}: the body is the digit itself or its numeric event code; it carries no duration.
 *       </li>
 * </ul>
 * Anything else is an honest {@link NotDtmf} with the reason in words; a body that claims to be DTMF and cannot be
 * read also carries a {@code media.info_dtmf.*} anomaly. Nothing here throws on wire data.
 */
public final class SipInfoDtmf {
    /** What a body says: a key press, or why it is not one. */
    public sealed interface Reading permits Dtmf, NotDtmf {
        /** Anomalies found while reading (a DTMF body that is partly unreadable); empty when none. */
        List<Anomaly> anomalies();
    }

    /**
     * A key press read from an INFO body.
     *
     * @param event       the digit (or other event) pressed
     * @param durationMs  the Duration line in milliseconds; empty for {@code application/dtmf} and when the line is
     *                    missing or unreadable
     * @param contentType the body's media type, lower case
     * @param anomalies   what was wrong with the body, e.g. an unreadable Duration
     */
    public record Dtmf(TelephoneEvent event, OptionalInt durationMs, String contentType, List<Anomaly> anomalies)
            implements Reading {
        public Dtmf {
            anomalies = List.copyOf(anomalies);
        }

        /** The digit character, or {@code '?'} for an event that is not a DTMF digit. */
        public char digit() {
            return event.digit();
        }
    }

    /**
     * Not a key press.
     *
     * @param reason    why, in plain words ("not an INFO request", "body is application/sdp, not DTMF", ...)
     * @param anomalies set when the body claimed to be DTMF but could not be read
     */
    public record NotDtmf(String reason, List<Anomaly> anomalies) implements Reading {
        public NotDtmf {
            anomalies = List.copyOf(anomalies);
        }
    }

    private static final String RELAY = "application/dtmf-relay";
    private static final String DTMF = "application/dtmf";

    private SipInfoDtmf() {
    }

    /** Reads the DTMF of an INFO request: its body, or the first DTMF part of a multipart body. */
    public static Reading read(SipMessage message) {
        if (!message.isRequest() || !"INFO".equals(message.method())) {
            return new NotDtmf("not an INFO request", List.of());
        }
        List<BodyPart> parts = message.bodyParts();
        if (parts.isEmpty()) {
            return new NotDtmf("INFO has no body", List.of());
        }
        for (BodyPart part : parts) {
            if (isDtmfType(part.contentType())) {
                return read(part.contentType(), part.bytes());
            }
        }
        String type = parts.size() == 1 ? parts.get(0).contentType() : message.contentType();
        return new NotDtmf(type == null ? "INFO body has no Content-Type" : "INFO body is " + type + ", not DTMF",
                List.of());
    }

    /**
     * Reads one body given its Content-Type (parameters and case do not matter; null when there is none).
     */
    public static Reading read(String contentType, byte[] body) {
        String type = mediaType(contentType);
        if (type == null) {
            return new NotDtmf("body has no Content-Type", List.of());
        }
        if (!isDtmfType(type)) {
            return new NotDtmf("body is " + type + ", not DTMF", List.of());
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (type.equals(DTMF) && text.indexOf('=') < 0) {
            TelephoneEvent e = signal(text.strip());
            if (e == null) {
                return malformed(type, "application/dtmf body is not a digit or event code: " + snippet(text));
            }
            return new Dtmf(e, OptionalInt.empty(), type, List.of());
        }
        return relay(type, text);
    }

    private static Reading relay(String type, String text) {
        String signal = null;
        String duration = null;
        for (String line : text.split("\r\n|\n|\r")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            if (name.equals("signal") && signal == null) {
                signal = value;
            } else if (name.equals("duration") && duration == null) {
                duration = value;
            }
        }
        if (signal == null) {
            return malformed(type, type + " body has no Signal line: " + snippet(text));
        }
        TelephoneEvent e = signal(unquote(signal));
        if (e == null) {
            return malformed(type, "Signal is not a digit or event code: " + snippet(signal));
        }
        List<Anomaly> anomalies = new ArrayList<>();
        OptionalInt ms = OptionalInt.empty();
        if (duration != null) {
            int d = number(unquote(duration), 3_600_000);
            if (d < 0) {
                anomalies.add(Anomaly.of("media.info_dtmf.duration", "Duration=" + snippet(duration)));
            } else {
                ms = OptionalInt.of(d);
            }
        }
        return new Dtmf(e, ms, type, anomalies);
    }

    private static Reading malformed(String type, String detail) {
        return new NotDtmf(type + " body cannot be read as DTMF",
                List.of(Anomaly.of("media.info_dtmf.malformed", detail)));
    }

    /** A digit character, "!" for flash, or a decimal event code 0-255; null otherwise. */
    private static TelephoneEvent signal(String s) {
        if (s.length() == 1) {
            if (s.charAt(0) == '!') {
                return new TelephoneEvent(16);
            }
            return TelephoneEvent.ofDigit(s.charAt(0));
        }
        int code = number(s, 255);
        return code < 0 ? null : new TelephoneEvent(code);
    }

    /** A decimal number from 0 to {@code max}, or -1 when {@code s} is not one. */
    private static int number(String s, int max) {
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= max ? v : -1;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).strip() : s;
    }

    private static boolean isDtmfType(String type) {
        return RELAY.equals(type) || DTMF.equals(type);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        String t = (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        return t.isEmpty() ? null : t;
    }

    private static String snippet(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 40; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7F ? ' ' : c);
        }
        String out = sb.toString().strip();
        return s.length() > 40 ? out + "..." : out;
    }
}
