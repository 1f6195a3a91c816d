package io.sipvista.sip.sdp;

import io.sipvista.anomaly.Anomaly;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a session description (RFC 8866, which replaced RFC 4566) from text or bytes into an {@link Sdp}.
 *
 * <p>Never throws on any input: every line is kept, and whatever is wrong becomes a named {@code sdp.*}
 * anomaly while reading goes on. Besides the core grammar it reads RFC 3264 direction, RFC 3605 {@code a=rtcp},
 * RFC 5761 {@code a=rtcp-mux}, RFC 4568 {@code a=crypto}, RFC 8839 ICE candidates, RFC 4585 {@code a=rtcp-fb}
 * and RFC 3556 bandwidths.
 *
 * <p>Lines may end in CRLF, bare LF or bare CR (the last two are noted). Values are kept exactly as written but
 * for trailing white space. Blank lines at the very end are not lines (they are counted in an info anomaly);
 * blank lines elsewhere are kept as {@link Sdp.Line#NO_TYPE} lines.
 *
 * <p>Limits: at most {@value #MAX_PER_ID} anomalies of one id are listed one by one; the rest are counted in one
 * more anomaly of the same id ("and 40 more"), so a large garbage body cannot produce thousands of entries; at
 * most {@value #MAX_MEDIA} media sections are read ({@code sdp.media.too_many}: the rest are lines only).
 * One parser instance reads one description; the static methods make a fresh one each time.
 */
public final class SdpParser {
    /** Anomalies of one id listed individually before the rest are summed up. */
    public static final int MAX_PER_ID = 8;
    /**
     * Media sections read; the lines of any beyond are kept as lines but not read (a named anomaly). A large WebRTC
     * conference has a few dozen; an SDP of hundreds, each held with its call, made memory follow its size.
     */
    public static final int MAX_MEDIA = 256;

    private static final Set<String> MEDIA_ONLY = Set.of("rtpmap", "fmtp", "ptime", "maxptime", "rtcp", "rtcp-mux",
            "rtcp-fb", "rtcp-rsize", "candidate", "remote-candidates", "crypto", "mid", "ssrc", "ssrc-group",
            "framerate", "label", "t38faxversion");
    private static final Set<String> SESSION_ONLY = Set.of("group", "ice-lite", "msid-semantic", "tool", "cat",
            "keywds", "charset", "type");

    private static final Pattern INLINE_KEY = Pattern.compile("(?i)inline:[^|;\\s]*");

    private final List<Sdp.Line> lines = new ArrayList<>();
    /** Where each line of the text starts and ends: line i runs from bounds[2i] to bounds[2i + 1]. */
    private int[] bounds = new int[32];
    /** Past {@link #MAX_MEDIA} media sections: lines are kept, not read. */
    private boolean beyondMedia;
    private final List<Anomaly> anomalies = new ArrayList<>();
    private final Map<String, Integer> perId = new LinkedHashMap<>();

    private boolean versionSeen;
    private Origin origin;
    private boolean originSeen;
    private String sessionName;
    private boolean sessionNameSeen;
    private Connection connection;
    private boolean connectionSeen;
    private int timings;
    private final Map<String, Long> bandwidths = new LinkedHashMap<>();
    private final List<String> attributes = new ArrayList<>();
    private String direction;
    private final List<MediaSection> sections = new ArrayList<>();
    private MediaSection section;

    /** Where repeated values are shared, or null to keep every value as read. */
    private final SdpStrings pool;

    private SdpParser(SdpStrings pool) {
        this.pool = pool;
    }

    private String share(String v) {
        return pool == null ? v : pool.share(v);
    }

    private Sdp.Line share(Sdp.Line l) {
        return pool == null ? l : pool.share(l);
    }

    /** Reads a description from text. {@code null} reads as empty. */
    public static Sdp parse(String text) {
        return parse(text, null);
    }

    /**
     * Reads a description from text, taking each repeated word and line from {@code pool} (null for none): the
     * description is the same, and the strings it holds are those the pool already has.
     */
    public static Sdp parse(String text, SdpStrings pool) {
        SdpParser p = new SdpParser(pool);
        return p.read(text == null ? "" : text);
    }

    /**
     * Reads a description from {@code len} bytes at {@code off}, decoded as UTF-8. Bytes that are not UTF-8 are
     * replaced by U+FFFD and noted as {@code sdp.encoding.invalid}.
     *
     * @throws IndexOutOfBoundsException when {@code off} and {@code len} do not lie within {@code b} (a caller bug)
     */
    public static Sdp parse(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        SdpParser p = new SdpParser(null);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, off, len);
        CharBuffer out = CharBuffer.allocate(len);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        String text;
        if (r.isError()) {
            p.note("sdp.encoding.invalid", "byte " + (in.position() - off) + " is not valid UTF-8; shown as \uFFFD");
            text = new String(b, off, len, StandardCharsets.UTF_8);
        } else {
            text = out.flip().toString();
        }
        return p.read(text);
    }

    // ---------------------------------------------------------------------------------------------- lines

    private Sdp read(String text) {
        int count = split(text);
        if (count == 0) {
            note("sdp.empty", text.isEmpty() ? "no text at all" : "only blank lines");
        }
        for (int i = 0; i < count; i++) {
            int start = bounds[2 * i];
            // trailing white space is not kept
            line(i + 1, text, start, Tokens.stripEnd(text, start, bounds[2 * i + 1]));
        }
        finish(count > 0);
        return new Sdp(lines, origin, sessionName, connection, bandwidths, attributes, direction,
                sections.stream().map(s -> s.build(connection, direction, hasIceUfrag(attributes))).toList(),
                summed());
    }

    /**
     * Splits into lines on CRLF, LF or CR, noting where each starts and ends in {@link #bounds} rather than making a
     * string of each (only a line's value is kept); drops and counts trailing blank lines; notes bare line endings.
     * Returns the number of lines.
     */
    private int split(String text) {
        int count = 0;
        int bareLf = 0;
        int bareCr = 0;
        int firstBareLf = 0;
        int firstBareCr = 0;
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                count = addLine(count, start, i);
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                } else if (c == '\n') {
                    bareLf++;
                    firstBareLf = firstBareLf == 0 ? count : firstBareLf;
                } else {
                    bareCr++;
                    firstBareCr = firstBareCr == 0 ? count : firstBareCr;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            count = addLine(count, start, n);
        }
        int blanks = 0;
        while (count > 0 && blank(text, bounds[2 * count - 2], bounds[2 * count - 1])) {
            count--;
            blanks++;
        }
        if (bareLf > 0) {
            note("sdp.line.bare_lf", plural(bareLf, "line") + " end in LF alone, first line " + firstBareLf);
        }
        if (bareCr > 0) {
            note("sdp.line.bare_cr", plural(bareCr, "line") + " end in CR alone, first line " + firstBareCr);
        }
        if (blanks > 0 && count > 0) {
            note("sdp.line.trailing_blank", plural(blanks, "blank line") + " after the last line");
        }
        return count;
    }

    /** Notes line {@code count} (0-based) as running from {@code start} to {@code end}; returns the new count. */
    private int addLine(int count, int start, int end) {
        if (2 * count + 2 > bounds.length) {
            bounds = Arrays.copyOf(bounds, 2 * bounds.length);
        }
        bounds[2 * count] = start;
        bounds[2 * count + 1] = end;
        return count + 1;
    }

    /** True when the characters from {@code start} to {@code end} are all white space, as String.isBlank says. */
    private static boolean blank(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Line {@code number}: the characters of {@code text} from {@code start} to {@code end}. */
    private void line(int number, String text, int start, int end) {
        if (end - start < 2 || text.charAt(start + 1) != '=' || !asciiLetter(text.charAt(start))) {
            String whole = text.substring(start, end);
            lines.add(new Sdp.Line(number, Sdp.Line.NO_TYPE, share(whole)));
            note("sdp.line.no_type", "line " + number + (whole.isBlank() ? " is blank" : ": " + quote(whole)));
            return;
        }
        char type = text.charAt(start);
        String value = share(text.substring(start + 2, end));
        Sdp.Line line = share(new Sdp.Line(number, type, value));
        lines.add(line);
        if (type == 'm' && !beyondMedia && sections.size() == MAX_MEDIA) {
            beyondMedia = true;
            note("sdp.media.too_many", "more than " + MAX_MEDIA + " m= lines: from line " + number
                    + " on, the lines are kept but not read");
        }
        if (beyondMedia) {
            return;
        }
        switch (type) {
            case 'v' -> version(line);
            case 'o' -> origin(line);
            case 's' -> sessionName(line);
            case 't' -> timing(line);
            case 'c' -> connection(line);
            case 'b' -> bandwidth(line);
            case 'a' -> attribute(line);
            case 'm' -> media(line);
            case 'i', 'u', 'e', 'p', 'r', 'z', 'k' -> {
                // kept in lines(); nothing else to read
            }
            default -> note("sdp.line.unknown_type", "line " + number + ": " + type + "=");
        }
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    // ---------------------------------------------------------------------------------------------- session

    private void version(Sdp.Line l) {
        if (versionSeen) {
            note("sdp.line.duplicate", "line " + l.number() + ": a second v=");
            return;
        }
        versionSeen = true;
        if (!l.value().equals("0")) {
            note("sdp.version.unsupported", "line " + l.number() + ": v=" + quote(l.value()));
        }
    }

    private void origin(Sdp.Line l) {
        if (originSeen) {
            note("sdp.line.duplicate", "line " + l.number() + ": a second o=");
            return;
        }
        originSeen = true;
        String[] f = Tokens.split(l.value());
        if (f.length != 6) {
            note("sdp.origin.invalid", "line " + l.number() + ": " + f.length + " fields instead of 6: "
                    + quote(l.value()));
            return;
        }
        origin = new Origin(share(f[0]), share(f[1]), share(f[2]), share(f[3]), share(f[4]), share(f[5]));
        if (!Tokens.digits(f[1]) || !Tokens.digits(f[2])) {
            note("sdp.origin.invalid", "line " + l.number() + ": session id and version must be digits: "
                    + quote(f[1] + " " + f[2]));
        }
        checkAddress(l, f[4], f[5]);
    }

    private void sessionName(Sdp.Line l) {
        if (sessionNameSeen) {
            note("sdp.line.duplicate", "line " + l.number() + ": a second s=");
            return;
        }
        sessionNameSeen = true;
        sessionName = l.value();
    }

    private void timing(Sdp.Line l) {
        timings++;
        String[] f = Tokens.split(l.value());
        if (f.length != 2 || !Tokens.digits(f[0]) || !Tokens.digits(f[1])) {
            note("sdp.timing.invalid", "line " + l.number() + ": t=" + quote(l.value()));
        }
    }

    private void connection(Sdp.Line l) {
        Connection c = readConnection(l);
        if (section != null) {
            section.connectionSeen = true;
            if (section.connection == null) {
                section.connection = c;
            }
            return;
        }
        if (connectionSeen) {
            note("sdp.line.duplicate", "line " + l.number() + ": a second session-level c=");
            return;
        }
        connectionSeen = true;
        connection = c;
    }

    private Connection readConnection(Sdp.Line l) {
        String[] f = Tokens.split(l.value());
        if (f.length != 3) {
            note("sdp.connection.invalid", "line " + l.number() + ": " + f.length + " fields instead of 3: "
                    + quote(l.value()));
            return null;
        }
        String[] a = f[2].split("/", -1);
        boolean ip4 = f[1].equalsIgnoreCase("IP4");
        Integer ttl = null;
        Integer count = null;
        boolean badSuffix = a.length > (ip4 ? 3 : 2);
        if (!badSuffix && a.length > 1) {
            int first = Tokens.number(a[1], ip4 ? 255 : Integer.MAX_VALUE);
            int second = a.length > 2 ? Tokens.number(a[2], Integer.MAX_VALUE) : 1;
            badSuffix = first < 0 || second < 1;
            if (!badSuffix) {
                if (ip4) {
                    ttl = first;
                    count = a.length > 2 ? second : null;
                } else {
                    count = first;
                }
            }
        }
        if (badSuffix) {
            note("sdp.connection.invalid", "line " + l.number() + ": bad /ttl or /count in " + quote(f[2]));
        }
        checkAddress(l, f[1], a[0]);
        return new Connection(share(f[0]), share(f[1]), share(a[0]), ttl, count);
    }

    /** Checks that an address suits its address type (IP4, IP6; other types are not checked). */
    private void checkAddress(Sdp.Line l, String addrType, String address) {
        boolean ip4 = addrType.equalsIgnoreCase("IP4");
        boolean ip6 = addrType.equalsIgnoreCase("IP6");
        if (!ip4 && !ip6) {
            return;
        }
        boolean isIp4 = Addresses.isIp4(address);
        boolean isIp6 = Addresses.isIp6(address);
        if ((ip4 && isIp6) || (ip6 && isIp4)) {
            note("sdp.connection.address_mismatch", "line " + l.number() + ": " + addrType + " with "
                    + (isIp6 ? "IPv6" : "IPv4") + " address " + quote(address));
        } else if (!isIp4 && !isIp6 && !Addresses.isHostName(address)) {
            note("sdp.connection.invalid", "line " + l.number() + ": " + quote(address) + " is not an "
                    + (ip4 ? "IPv4" : "IPv6") + " address or host name");
        }
    }

    private void bandwidth(Sdp.Line l) {
        String v = l.value();
        int colon = v.indexOf(':');
        long kbps = colon > 0 ? Tokens.longNumber(v.substring(colon + 1), Long.MAX_VALUE / 10) : -1;
        if (colon <= 0 || kbps < 0 || !Tokens.isToken(v.substring(0, colon))) {
            note("sdp.bandwidth.invalid", "line " + l.number() + ": b=" + quote(v));
            return;
        }
        (section != null ? section.bandwidths : bandwidths).putIfAbsent(share(v.substring(0, colon)), kbps);
    }

    // ---------------------------------------------------------------------------------------------- attributes

    private void attribute(Sdp.Line l) {
        String v = l.value();
        if (v.isEmpty()) {
            note("sdp.attribute.empty", "line " + l.number() + ": a= with nothing after it");
        }
        String name = Attributes.name(v);
        String lower = name.toLowerCase(Locale.ROOT);
        if (section == null) {
            attributes.add(v);
            String d = Attributes.direction(name);
            if (d != null) {
                direction = direction(l, direction, d, "session");
            } else if (MEDIA_ONLY.contains(lower)) {
                note("sdp.attribute.wrong_level", "line " + l.number() + ": a=" + name
                        + " belongs in a media section but comes before any m=");
            }
            return;
        }
        MediaSection s = section;
        s.attributes.add(v);
        if (SESSION_ONLY.contains(lower)) {
            note("sdp.attribute.wrong_level", "line " + l.number() + ": a=" + name
                    + " is a session-level attribute but comes inside m=" + s.type);
            return;
        }
        String value = Attributes.value(v);
        String d = Attributes.direction(name);
        if (d != null) {
            s.direction = direction(l, s.direction, d, "media");
            return;
        }
        switch (lower) {
            case "rtpmap" -> rtpmap(l, s, v);
            case "fmtp" -> fmtp(l, s, value);
            case "ptime" -> s.ptime = ptime(l, value, s.ptime);
            case "maxptime" -> s.maxptime = ptime(l, value, s.maxptime);
            case "rtcp" -> {
                Rtcp r = Rtcp.parse(value);
                if (r == null) {
                    note("sdp.rtcp.invalid", "line " + l.number() + ": a=" + quote(v));
                } else if (s.rtcp == null) {
                    s.rtcp = r;
                }
            }
            case "rtcp-mux" -> s.rtcpMux = true;
            case "rtcp-fb" -> {
                RtcpFeedback fb = RtcpFeedback.parse(value);
                if (fb == null) {
                    note("sdp.rtcp_fb.invalid", "line " + l.number() + ": a=" + quote(v));
                } else {
                    s.rtcpFeedback.add(fb);
                    s.mentions.add(new Mention(l.number(), "rtcp-fb", fb.payloadType()));
                }
            }
            case "crypto" -> {
                Crypto c = Crypto.parse(value);
                if (c == null) {
                    note("sdp.crypto.invalid", "line " + l.number() + ": a=" + quote(Attributes.redacted(v)));
                } else {
                    s.crypto.add(c);
                }
            }
            case "candidate" -> {
                Candidate c = Candidate.parse(value);
                if (c == null) {
                    note("sdp.candidate.invalid", "line " + l.number() + ": a=" + quote(v));
                } else {
                    s.candidates.add(c);
                }
            }
            default -> {
                // kept in attributes(); read on demand through SdpMedia.attribute(name)
            }
        }
    }

    private String direction(Sdp.Line l, String current, String next, String level) {
        if (current == null) {
            return next;
        }
        if (!current.equals(next)) {
            note("sdp.direction.conflict", "line " + l.number() + ": " + level + " level says " + current
                    + ", then " + next + "; the first applies");
        }
        return current;
    }

    /**
     * {@code a=rtpmap:<pt> <encoding>/<clock>[/<channels>]}, read in place in the attribute {@code v} (every RTP
     * offer has a few): the only strings made are the ones kept.
     */
    private void rtpmap(Sdp.Line l, MediaSection s, String v) {
        int colon = v.indexOf(':');
        int ptStart = Tokens.skipBlanks(v, colon < 0 ? v.length() : colon + 1);
        int ptEnd = Tokens.fieldEnd(v, ptStart);
        int claimed = Tokens.number(v, ptStart, ptEnd, 127);
        if (claimed >= 0) {
            s.rtpmapTried.add(claimed);
            s.mentions.add(new Mention(l.number(), "rtpmap", share(v.substring(ptStart, ptEnd))));
        }
        int restStart = Tokens.skipBlanks(v, ptEnd);
        int restEnd = Tokens.stripEnd(v, restStart, v.length());
        // nothing after the payload type (restStart at the end) is no encoding: the parse finds no slash
        RtpMap m = RtpMap.parse(claimed, v, restStart, restEnd, pool);
        if (m == null) {
            note("sdp.rtpmap.invalid", "line " + l.number() + ": a=rtpmap:" + quote(Attributes.value(v))
                    + " (expected <pt> <encoding>/<clock>[/<channels>])");
            return;
        }
        RtpMap before = s.rtpmaps.putIfAbsent(m.payloadType(), m);
        if (before != null) {
            note("sdp.rtpmap.duplicate", "line " + l.number() + ": payload type " + m.payloadType() + " is "
                    + before.name() + " already, now " + m.name() + "; the first applies");
        }
    }

    private void fmtp(Sdp.Line l, MediaSection s, String value) {
        if (!s.rtp) {
            return;
        }
        String[] f = Tokens.split(value, 2);
        int pt = f.length > 0 ? Tokens.number(f[0], 127) : -1;
        if (pt < 0 || f.length < 2) {
            note("sdp.fmtp.invalid", "line " + l.number() + ": a=fmtp:" + quote(value)
                    + " (expected <pt> <parameters>)");
        }
        if (pt >= 0) {
            s.fmtps.putIfAbsent(pt, f.length == 2 ? share(f[1]) : "");
            s.mentions.add(new Mention(l.number(), "fmtp", share(f[0])));
        }
    }

    private Integer ptime(Sdp.Line l, String value, Integer current) {
        String v = value.strip();
        int dot = v.indexOf('.');
        String whole = dot < 0 ? v : v.substring(0, dot);
        boolean fractionOk = dot < 0 || Tokens.digits(v.substring(dot + 1));
        int ms = Tokens.number(whole, 1_000_000);
        if (ms <= 0 || !fractionOk) {
            note("sdp.ptime.invalid", "line " + l.number() + ": " + quote(l.value()));
            return current;
        }
        return current != null ? current : ms;
    }

    // ---------------------------------------------------------------------------------------------- media

    private void media(Sdp.Line l) {
        String[] f = Tokens.split(l.value());
        MediaSection s = new MediaSection(l.number());
        sections.add(s);
        section = s;
        if (f.length < 3) {
            note("sdp.media.invalid", "line " + l.number() + ": " + f.length
                    + " fields, expected <media> <port> <proto> <fmt>...: " + quote(l.value()));
            s.type = f.length > 0 ? share(f[0]) : "";
            return;
        }
        s.type = share(f[0]);
        s.protocol = share(f[2]);
        s.rtp = SdpMedia.isRtp(f[2]);
        String[] port = f[1].split("/", -1);
        s.port = Tokens.number(port[0], 65535);
        if (port.length == 2) {
            s.portCount = Tokens.number(port[1], 65535);
        }
        if (s.port < 0 || port.length > 2 || s.portCount < 1) {
            note("sdp.media.bad_port", "line " + l.number() + ": port " + quote(f[1]));
            s.portCount = 1;
        }
        for (int i = 3; i < f.length; i++) {
            s.formats.add(share(f[i]));
        }
        if (s.formats.isEmpty()) {
            note("sdp.media.bad_format", "line " + l.number() + ": no formats after " + f[2]);
        } else if (s.rtp) {
            List<String> bad = new ArrayList<>();
            for (String fmt : s.formats) {
                if (Tokens.number(fmt, 127) < 0) {
                    bad.add(fmt);
                }
            }
            if (!bad.isEmpty()) {
                note("sdp.media.bad_format", "line " + l.number() + ": " + quote(String.join(" ", bad))
                        + (bad.size() == 1 ? " is" : " are") + " not an RTP payload type (0-127)");
            }
        }
    }

    private void checkPayloadTypes(MediaSection s) {
        if (!s.rtp) {
            return;
        }
        Set<Integer> listed = new HashSet<>();
        for (String fmt : s.formats) {
            int pt = Tokens.number(fmt, 127);
            if (pt >= 0) {
                listed.add(pt);
            }
        }
        for (Mention m : s.mentions) {
            if (m.payloadType.equals("*")) {
                continue;
            }
            if (!listed.contains(Tokens.number(m.payloadType, 127))) {
                note("sdp.payload_type.unlisted", "line " + m.line + ": a=" + m.attribute + " for payload type "
                        + m.payloadType + ", which m=" + s.type + " (line " + s.lineNumber + ") does not list");
            }
        }
        if (s.port == 0) {
            return;
        }
        for (String fmt : s.formats) {
            int pt = Tokens.number(fmt, 127);
            if (pt >= 0 && !s.rtpmapTried.contains(pt) && StaticPayloadTypes.name(pt) == null) {
                note("sdp.payload_type.no_rtpmap", "m=" + s.type + " (line " + s.lineNumber + "): payload type "
                        + pt + (pt >= 96 ? " is dynamic" : " is not assigned by RFC 3551") + " and has no a=rtpmap");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- checks

    private void finish(boolean anyLine) {
        for (MediaSection s : sections) {
            checkPayloadTypes(s);
            if (!s.connectionSeen && !connectionSeen && s.port != 0) {
                note("sdp.connection.missing", "m=" + s.type + " (line " + s.lineNumber
                        + ") has no c= and there is no session-level c=");
            }
        }
        if (!anyLine) {
            return;
        }
        if (!versionSeen) {
            note("sdp.version.missing", "no v= line");
        }
        if (!originSeen) {
            note("sdp.origin.missing", "no o= line");
        }
        if (!sessionNameSeen) {
            note("sdp.session_name.missing", "no s= line");
        }
        if (timings == 0) {
            note("sdp.timing.missing", "no t= line");
        }
        checkOrder();
    }

    /**
     * RFC 8866 section 5 order: v o s i u e p c b (t r*)+ z k a, then per media m i c b k a. One info anomaly
     * names the first line out of place and counts the others.
     */
    private void checkOrder() {
        int rank = -1;
        boolean inMedia = false;
        char previous = 0;
        char highest = 0;
        int count = 0;
        String first = null;
        for (Sdp.Line l : lines) {
            char t = l.type();
            if (!l.typed() || rank(t, false) == Integer.MIN_VALUE) {
                continue;
            }
            String problem = null;
            if (t == 'm') {
                inMedia = true;
                rank = 0;
                highest = 'm';
            } else {
                int r = rank(t, inMedia);
                if (r < 0) {
                    problem = t + "= inside a media section";
                } else if (r < rank) {
                    problem = t + "= after " + highest + "=";
                } else if (t == 'r' && previous != 't' && previous != 'r') {
                    problem = "r= not right after t=";
                }
                if (r > rank) {
                    rank = r;
                    highest = t;
                }
            }
            if (problem != null) {
                count++;
                first = first == null ? "line " + l.number() + ": " + problem : first;
            }
            previous = t;
        }
        if (count > 0) {
            note("sdp.line.order", first + (count > 1 ? " (" + plural(count - 1, "more line") + " out of place)" : ""));
        }
    }

    /** Position of a line type in its section; -1 when it may not appear there; MIN_VALUE for unknown types. */
    private static int rank(char type, boolean media) {
        String order = media ? "micbka" : "vosiuepcbtzka";
        int r = order.indexOf(type);
        if (type == 'r') {
            r = media ? -1 : order.indexOf('t');
        }
        if (r >= 0) {
            return r;
        }
        return "vosiuepcbtrzkam".indexOf(type) >= 0 ? -1 : Integer.MIN_VALUE;
    }

    // ---------------------------------------------------------------------------------------------- anomalies

    private void note(String id, String detail) {
        int n = perId.merge(id, 1, Integer::sum);
        if (n <= MAX_PER_ID) {
            anomalies.add(Anomaly.of(id, detail));
        }
    }

    private List<Anomaly> summed() {
        List<Anomaly> out = new ArrayList<>(anomalies);
        for (Map.Entry<String, Integer> e : perId.entrySet()) {
            if (e.getValue() > MAX_PER_ID) {
                out.add(Anomaly.of(e.getKey(), "and " + (e.getValue() - MAX_PER_ID) + " more like this"));
            }
        }
        return out;
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** A value for an anomaly detail: any inline key masked, quoted, cut at 60 characters. */
    private static String quote(String s) {
        String v = INLINE_KEY.matcher(s).replaceAll("inline:" + Crypto.MASK);
        v = v.length() > 60 ? v.substring(0, 57) + "..." : v;
        return "\"" + v + "\"";
    }

    private static boolean hasIceUfrag(List<String> attributes) {
        return Attributes.find(attributes, "ice-ufrag") != null;
    }

    /** One attribute naming a payload type, checked against the m= line once the section is complete. */
    private record Mention(int line, String attribute, String payloadType) {
    }

    /** A media section while it is being read. */
    private static final class MediaSection {
        final int lineNumber;
        String type = "";
        int port = -1;
        int portCount = 1;
        String protocol = "";
        boolean rtp;
        final List<String> formats = new ArrayList<>();
        Connection connection;
        boolean connectionSeen;
        final Map<String, Long> bandwidths = new LinkedHashMap<>();
        final Map<Integer, RtpMap> rtpmaps = new LinkedHashMap<>();
        final Set<Integer> rtpmapTried = new HashSet<>();
        final Map<Integer, String> fmtps = new LinkedHashMap<>();
        Integer ptime;
        Integer maxptime;
        String direction;
        Rtcp rtcp;
        boolean rtcpMux;
        final List<Crypto> crypto = new ArrayList<>();
        final List<Candidate> candidates = new ArrayList<>();
        final List<RtcpFeedback> rtcpFeedback = new ArrayList<>();
        final List<String> attributes = new ArrayList<>();
        final List<Mention> mentions = new ArrayList<>();

        MediaSection(int lineNumber) {
            this.lineNumber = lineNumber;
        }

        SdpMedia build(Connection sessionConnection, String sessionDirection, boolean sessionIce) {
            Connection effective = connection != null ? connection : sessionConnection;
            String effectiveDirection = direction != null ? direction
                    : sessionDirection != null ? sessionDirection : "sendrecv";
            return new SdpMedia(lineNumber, type, port, portCount, protocol, formats, connection, effective,
                    bandwidths, rtpmaps, fmtps, ptime, maxptime, direction, effectiveDirection, rtcp, rtcpMux, crypto,
                    candidates, sessionIce || hasIceUfrag(attributes) || !candidates.isEmpty(), rtcpFeedback,
                    attributes);
        }
    }
}
