package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;

import java.util.List;

/**
 * Names syslog messages (RFC 3164 and RFC 5424 on UDP 514): facility, severity and the start of the text. Binary
 * data without a priority is not taken for syslog.
 */
final class SyslogLabeler {
    private static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock", "local0", "local1", "local2",
            "local3", "local4", "local5", "local6", "local7");
    private static final List<String> SEVERITIES = List.of("emerg", "alert", "crit", "err", "warning", "notice", "info",
            "debug");

    private SyslogLabeler() {
    }

    static Label label(byte[] b, int off, int len) {
        if (len < 1) {
            return null;
        }
        int pri = -1;
        int p = off;
        int end = off + len;
        if (b[off] == '<') {
            int v = 0;
            int i = off + 1;
            while (i < end && i < off + 5 && b[i] >= '0' && b[i] <= '9') {
                v = v * 10 + (b[i] - '0');
                i++;
            }
            if (i > off + 1 && i < off + 5 && i < end && b[i] == '>' && v <= 191) {
                pri = v;
                p = i + 1;
            }
        }
        if (pri < 0 && !WireText.looksLikeText(b, off, len, true)) {
            return null;
        }
        int n = end - p;
        while (n > 0 && (b[p + n - 1] == '\n' || b[p + n - 1] == '\r' || b[p + n - 1] == 0)) {
            n--;
        }
        String text = WireText.printable(b, p, n, 100);
        if (pri < 0) {
            return Label.of("syslog", "Syslog message: " + text,
                    List.of(Anomaly.of("label.syslog.no_priority", "the message does not start with <number>")));
        }
        return Label.of("syslog", "Syslog " + FACILITIES.get(pri >> 3) + "." + SEVERITIES.get(pri & 7) + ": " + text);
    }
}
