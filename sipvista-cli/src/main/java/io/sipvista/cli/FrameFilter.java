package io.sipvista.cli;

import io.sipvista.bytes.IpText;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filters of a frames request, checked and normalised: {@code call}, {@code method}, {@code status},
 * {@code addr}, {@code q}, all optional and ANDed. The first three are answered from the facts the {@link FrameIndex}
 * keeps in memory; {@code addr} and {@code q} need each frame's stored text.
 *
 * @param call        a call id ({@code call-2}), or null
 * @param method      a SIP method, upper case, or null
 * @param statusLow   lowest status wanted (0: no status filter)
 * @param statusHigh  highest status wanted
 * @param addrHost    an address alone (RFC 5952 for IPv6) that src or dst must have, or null
 * @param addrFull    an {@code ip:port} ({@code [v6]:port}) that src or dst must equal, or null
 * @param q           lower-case text the frame's JSON must contain, or null
 */
record FrameFilter(String call, String method, int statusLow, int statusHigh, String addrHost, String addrFull,
                   String q) {
    /** Longest {@code q} accepted, characters. */
    static final int MAX_Q = 200;
    private static final Pattern CALL = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern METHOD = Pattern.compile("[A-Za-z!%*_+`'~.-]{1,32}");
    private static final Pattern STATUS = Pattern.compile("([1-6])(\\d\\d|xx|XX)");
    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    /** A request parameter that makes no sense, with the reason in plain words. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** The filter of these request parameters (missing or empty ones are no filter). */
    static FrameFilter of(Map<String, String> params) throws Invalid {
        String call = blankToNull(params.get("call"));
        if (call != null && !CALL.matcher(call).matches()) {
            throw new Invalid("call must be a call id such as call-2");
        }
        String method = blankToNull(params.get("method"));
        if (method != null) {
            if (!METHOD.matcher(method).matches()) {
                throw new Invalid("method must be a SIP method such as INVITE");
            }
            method = method.toUpperCase(Locale.ROOT);
        }
        int low = 0;
        int high = 0;
        String status = blankToNull(params.get("status"));
        if (status != null) {
            Matcher m = STATUS.matcher(status);
            if (!m.matches()) {
                throw new Invalid("status must be a response code such as 486, or a class such as 4xx (1xx to 6xx)");
            }
            int cls = Integer.parseInt(m.group(1));
            if (m.group(2).equalsIgnoreCase("xx")) {
                low = cls * 100;
                high = cls * 100 + 99;
            } else {
                low = Integer.parseInt(status);
                high = low;
            }
        }
        String host = null;
        String full = null;
        String addr = blankToNull(params.get("addr"));
        if (addr != null) {
            String[] hp = address(addr);
            host = hp[0];
            full = hp[1] == null ? null : (host.contains(":") ? "[" + host + "]" : host) + ":" + hp[1];
            if (full != null) {
                host = null;
            }
        }
        String q = params.get("q");
        if (q != null && q.isEmpty()) {
            q = null;
        }
        if (q != null) {
            if (q.length() > MAX_Q) {
                throw new Invalid("q must be at most " + MAX_Q + " characters");
            }
            q = q.toLowerCase(Locale.ROOT);
        }
        return new FrameFilter(call, method, low, high, host, full, q);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** {host, port or null}, the host in the text frames use; refused in words when it is not an IP address. */
    private static String[] address(String addr) throws Invalid {
        String host = addr;
        String port = null;
        if (addr.startsWith("[")) {
            int close = addr.indexOf(']');
            if (close < 0) {
                throw new Invalid("addr: an IPv6 address in brackets needs its closing ]");
            }
            host = addr.substring(1, close);
            String rest = addr.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new Invalid("addr must be an IP address or ip:port ([IPv6]:port)");
                }
                port = rest.substring(1);
            }
        } else if (addr.indexOf(':') >= 0 && addr.indexOf(':') == addr.lastIndexOf(':')) {
            host = addr.substring(0, addr.indexOf(':'));
            port = addr.substring(addr.indexOf(':') + 1);
        }
        if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535)) {
            throw new Invalid("addr: the port must be a number from 0 to 65535");
        }
        Matcher v4 = V4.matcher(host);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    throw new Invalid("addr: " + host + " is not an IPv4 address");
                }
            }
            StringBuilder canonical = new StringBuilder();
            for (int i = 1; i <= 4; i++) {
                canonical.append(i > 1 ? "." : "").append(Integer.parseInt(v4.group(i)));
            }
            return new String[] {canonical.toString(), port == null ? null : Integer.toString(Integer.parseInt(port))};
        }
        if (host.indexOf(':') >= 0 && V6.matcher(host).matches()) {
            try {
                // brackets: a literal only, never a name to look up
                InetAddress a = InetAddress.getByName("[" + host + "]");
                byte[] b = a.getAddress();
                String text = a instanceof Inet4Address ? "::ffff:" + IpText.v4(b, 0) : IpText.v6(b, 0);
                return new String[] {text, port == null ? null : Integer.toString(Integer.parseInt(port))};
            } catch (UnknownHostException | RuntimeException e) {
                throw new Invalid("addr: " + host + " is not an IPv6 address");
            }
        }
        throw new Invalid("addr must be an IP address or ip:port ([IPv6]:port), not a name");
    }

    boolean isEmpty() {
        return call == null && method == null && statusLow == 0 && addrHost == null && addrFull == null && q == null;
    }

    /** Whether the filter needs each frame's stored text (addr, q), not only the facts in memory. */
    boolean needsText() {
        return addrHost != null || addrFull != null || q != null;
    }

    /** Whether the SIP facts (method, status) are asked about. */
    boolean needsSip() {
        return method != null || statusLow != 0;
    }

    /** Whether a frame with these addresses and JSON text passes the addr and q filters. */
    boolean textMatches(String src, String dst, byte[] json, int from, int to) {
        if (addrFull != null && !addrFull.equals(src) && !addrFull.equals(dst)) {
            return false;
        }
        if (addrHost != null && !addrHost.equals(host(src)) && !addrHost.equals(host(dst))) {
            return false;
        }
        return q == null || contains(json, from, to, q);
    }

    /** The address of {@code ip:port}, {@code [v6]:port} or a bare address, as frames write them. */
    static String host(String address) {
        return io.sipvista.bytes.IpText.host(address);
    }

    /** Case-insensitive search of lower-case {@code needle} in UTF-8 {@code json[from, to)}. */
    static boolean contains(byte[] json, int from, int to, String needle) {
        boolean ascii = true;
        for (int i = 0; i < needle.length() && ascii; i++) {
            ascii = needle.charAt(i) < 0x80;
        }
        if (!ascii) {
            return new String(json, from, to - from, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains(needle);
        }
        int n = needle.length();
        byte first = (byte) needle.charAt(0);
        byte firstUpper = (byte) Character.toUpperCase(needle.charAt(0));
        for (int i = from; i <= to - n; i++) {
            byte c = json[i];
            if (c != first && c != firstUpper) {
                continue;
            }
            int k = 1;
            while (k < n) {
                byte b = json[i + k];
                if (b >= 'A' && b <= 'Z') {
                    b = (byte) (b + 32);
                }
                if (b != (byte) needle.charAt(k)) {
                    break;
                }
                k++;
            }
            if (k == n) {
                return true;
            }
        }
        return false;
    }

    /** The filter as a cache key. */
    String key() {
        return call + "\u0000" + method + "\u0000" + statusLow + "-" + statusHigh + "\u0000" + addrHost + "\u0000"
                + addrFull + "\u0000" + q;
    }
}
