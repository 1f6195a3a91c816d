/**
 * Renders the frames view as it is decoded: terminal text ({@link io.sipvista.report.FramesTextWriter}) and the
 * versioned JSON contract {@code sipvista.frames/1} ({@link io.sipvista.report.FramesJsonWriter}, documented in
 * {@code docs/frames-json.md}). Renders only; decides nothing about packets.
 */
package io.sipvista.report;
