package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;

import java.util.List;
import java.util.Objects;

/**
 * The one-line, plain-English name of a non-SIP payload: which protocol it is ({@code protocol}, lower case, e.g.
 * {@code "rtp"}, {@code "dns"}, {@code "icmp"}), what this packet shows ({@code text}), and what is wrong with it
 * ({@code anomalies}, ids from the anomaly catalog, {@code label.*}).
 */
public record Label(String protocol, String text, List<Anomaly> anomalies) {
    public Label {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(text, "text");
        anomalies = anomalies == null ? List.of() : List.copyOf(anomalies);
    }

    public static Label of(String protocol, String text) {
        return new Label(protocol, text, List.of());
    }

    public static Label of(String protocol, String text, List<Anomaly> anomalies) {
        return new Label(protocol, text, anomalies);
    }
}
