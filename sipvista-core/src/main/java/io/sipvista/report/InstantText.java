package io.sipvista.report;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@link Instant#toString()} without the formatter machinery behind it: the analysis writes four or more instants
 * per call, and {@code DateTimeFormatter.ISO_INSTANT} took a few per cent of writing a signalling capture's JSON.
 * The same text: {@code 2010-06-17T13:00:03.224417Z}, the fraction in groups of three digits as long as needed
 * (none for a whole second); years outside 0000-9999 are left to {@code Instant.toString()}.
 */
final class InstantText {
    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long PAST_LAST = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    private InstantText() {
    }

    static String of(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < FIRST || seconds >= PAST_LAST) {
            return t.toString();
        }
        LocalDateTime d = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        char[] c = new char[30];
        int n = digits(c, 0, d.getYear(), 4);
        c[n++] = '-';
        n = digits(c, n, d.getMonthValue(), 2);
        c[n++] = '-';
        n = digits(c, n, d.getDayOfMonth(), 2);
        c[n++] = 'T';
        n = digits(c, n, d.getHour(), 2);
        c[n++] = ':';
        n = digits(c, n, d.getMinute(), 2);
        c[n++] = ':';
        n = digits(c, n, d.getSecond(), 2);
        int nano = t.getNano();
        if (nano > 0) {
            c[n++] = '.';
            if (nano % 1_000_000 == 0) {
                n = digits(c, n, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                n = digits(c, n, nano / 1_000, 6);
            } else {
                n = digits(c, n, nano, 9);
            }
        }
        c[n++] = 'Z';
        return new String(c, 0, n);
    }

    /** Writes {@code v} (not negative, fitting {@code width}) as {@code width} digits at {@code at}; where it ends. */
    private static int digits(char[] c, int at, int v, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return at + width;
    }
}
