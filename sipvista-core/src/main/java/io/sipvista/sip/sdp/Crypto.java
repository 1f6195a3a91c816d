package io.sipvista.sip.sdp;

import java.util.List;

/**
 * RFC 4568 SDES {@code a=crypto:<tag> <suite> <key-params> [<session-params>...]}: an SRTP key offered in the
 * clear.
 *
 * <p>{@link #keyParams()} holds the key material as written, because an analyst decrypting their own capture
 * may need it. It must never reach a report, a log or an exception message: {@link #toString()} and
 * {@link #redacted()} replace every key with {@value #MASK} and keep the harmless parts (method, lifetime, MKI).
 *
 * @param tag           the crypto tag that the answer echoes
 * @param suite         the crypto suite, e.g. {@code AES_CM_128_HMAC_SHA1_80}
 * @param keyParams     {@code inline:<key||salt>[|lifetime][|mki:len]}, several joined with {@code ;}, as written
 * @param sessionParams the session parameters as written ({@code UNENCRYPTED_SRTCP}, {@code KDR=1} ...)
 */
public record Crypto(int tag, String suite, String keyParams, List<String> sessionParams) {
    /** What replaces key material in redacted text. */
    public static final String MASK = "<redacted>";

    public Crypto {
        sessionParams = List.copyOf(sessionParams);
    }

    /** {@code keyParams} with each key replaced by {@value #MASK}. */
    public String redactedKeyParams() {
        return redactKeyParams(keyParams);
    }

    /** The attribute value with the key material replaced, safe to print. */
    public String redacted() {
        StringBuilder sb = new StringBuilder().append(tag).append(' ').append(suite).append(' ').append(redactedKeyParams());
        for (String p : sessionParams) {
            sb.append(' ').append(redactSessionParam(p));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Crypto[" + redacted() + "]";
    }

    /** Parses the text after {@code crypto:}; null when it is not valid. */
    static Crypto parse(String value) {
        String[] f = Tokens.split(value);
        if (f.length < 3 || f[0].length() > 9 || Tokens.number(f[0], 999_999_999) < 0 || !suite(f[1])) {
            return null;
        }
        for (String param : f[2].split(";", -1)) {
            int colon = param.indexOf(':');
            int pipe = param.indexOf('|');
            if (colon <= 0 || colon == param.length() - 1 || (pipe >= 0 && pipe < colon)
                    || !Tokens.isToken(param.substring(0, colon))) {
                return null;
            }
        }
        return new Crypto(Tokens.number(f[0], 999_999_999), f[1], f[2], List.of(f).subList(3, f.length));
    }

    private static boolean suite(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    static String redactKeyParams(String keyParams) {
        StringBuilder sb = new StringBuilder();
        String[] params = keyParams.split(";", -1);
        for (int i = 0; i < params.length; i++) {
            if (i > 0) {
                sb.append(';');
            }
            String p = params[i];
            int colon = p.indexOf(':');
            int firstPipe = p.indexOf('|');
            if (colon < 0 || (firstPipe >= 0 && firstPipe < colon)) {
                // no recognisable method: all of it could be key
                sb.append(MASK);
                continue;
            }
            int pipe = p.indexOf('|', colon);
            sb.append(p, 0, colon + 1).append(MASK);
            if (pipe >= 0) {
                sb.append(p, pipe, p.length());
            }
        }
        return sb.toString();
    }

    /**
     * A session parameter with any key masked: {@code FEC_KEY=inline:...} carries one by design, and in damaged
     * text anything with a colon might.
     */
    static String redactSessionParam(String p) {
        if (p.indexOf(':') < 0 && p.indexOf('|') < 0) {
            return p;
        }
        int eq = p.indexOf('=');
        return eq >= 0 ? p.substring(0, eq + 1) + redactKeyParams(p.substring(eq + 1)) : redactKeyParams(p);
    }

    /** Redacts the text after {@code crypto:} even when it is malformed: whatever could be a key is masked. */
    static String redactValue(String value) {
        String[] f = Tokens.split(value);
        if (f.length < 3) {
            return f.length == 0 ? value : (Tokens.digits(f[0]) ? f[0] + " " : "") + MASK;
        }
        StringBuilder sb = new StringBuilder().append(f[0]).append(' ').append(f[1]).append(' ')
                .append(redactKeyParams(f[2]));
        for (int i = 3; i < f.length; i++) {
            sb.append(' ').append(redactSessionParam(f[i]));
        }
        return sb.toString();
    }
}
