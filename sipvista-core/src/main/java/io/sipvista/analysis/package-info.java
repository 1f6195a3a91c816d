/**
 * The analysis pipeline: decoding ({@code frame}) feeding correlation ({@code correlate}) for a whole capture, the
 * model the analysis commands render. Computes nothing of its own beyond wiring; never renders.
 */
package io.sipvista.analysis;
