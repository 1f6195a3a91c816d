package io.sipvista.frame;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** ISO-8601 UTC rendering of capture timestamps with exactly the capture's own precision. */
public final class CaptureTime {
    private CaptureTime() {
    }

    /**
     * e.g. {@code 2010-06-17T12:59:49.443688Z} for 6 digits. Years outside 0000-9999 (fuzzed files) are printed
     * as java.time prints them, never rejected.
     */
    public static String format(long epochSeconds, int nanos, int digits) {
        LocalDateTime t;
        try {
            t = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return "epoch+" + epochSeconds + "s";
        }
        StringBuilder sb = new StringBuilder(32);
        int year = t.getYear();
        if (year >= 0 && year <= 9999) {
            pad(sb, year, 4);
        } else {
            sb.append(year);
        }
        sb.append('-');
        pad(sb, t.getMonthValue(), 2);
        sb.append('-');
        pad(sb, t.getDayOfMonth(), 2);
        sb.append('T');
        pad(sb, t.getHour(), 2);
        sb.append(':');
        pad(sb, t.getMinute(), 2);
        sb.append(':');
        pad(sb, t.getSecond(), 2);
        int d = Math.max(0, Math.min(9, digits));
        if (d > 0) {
            sb.append('.');
            String ns = String.valueOf(1_000_000_000L + Math.max(0, Math.min(999_999_999, nanos))).substring(1);
            sb.append(ns, 0, d);
        }
        return sb.append('Z').toString();
    }

    private static void pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
