package io.sipvista.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sipvista.anomaly.Anomaly;

import java.io.IOException;
import java.util.List;

/** An array of anomalies as {@code {"id","severity","text"}} objects, the one shape every JSON view uses. */
final class AnomalyJson {
    private AnomalyJson() {
    }

    static void write(JsonGenerator g, String field, List<Anomaly> list) throws IOException {
        g.writeFieldName(field);
        g.writeStartArray();
        for (Anomaly a : list) {
            g.writeStartObject();
            g.writeStringField("id", a.id());
            g.writeStringField("severity", a.severity().label());
            g.writeStringField("text", a.text());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
