/**
 * The catalog of named anomalies: every irregularity a decoder can report has a stable id, a severity and a title
 * in {@code anomalies.tsv}. Detection lives in the decoders; wording lives here. Depends on nothing.
 */
package io.sipvista.anomaly;
