/**
 * Ladder (sequence) diagrams of a call flow, the picture sngrep shows and people paste into tickets.
 *
 * <p>The caller builds the model ({@link io.sipvista.report.ladder.Ladder}: participants in order of first
 * appearance, one {@link io.sipvista.report.ladder.Arrow} per message, media summary or note); this package only
 * draws it, three ways: terminal text ({@link io.sipvista.report.ladder.LadderText}), Mermaid
 * {@code sequenceDiagram} source ({@link io.sipvista.report.ladder.LadderMermaid}) and a standalone SVG
 * ({@link io.sipvista.report.ladder.LadderSvg}). Every output is deterministic: the same ladder gives the same
 * characters. Every string in the model comes from a capture and is treated as hostile: terminal control characters
 * are shown rather than obeyed, Mermaid metacharacters are entity-coded, SVG text is XML-escaped.
 *
 * <p>Uses only {@code java.*}: no capture, network or frame types, so it can be fed from any analysis.
 */
package io.sipvista.report.ladder;
