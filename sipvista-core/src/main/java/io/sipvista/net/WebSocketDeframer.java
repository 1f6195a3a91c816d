package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Cuts one direction of a WebSocket connection (RFC 6455 §5), the bytes after the HTTP upgrade, into messages. A
 * resumable state machine: feed it the TCP payload in stream order, split anywhere; it returns each message when
 * its last byte arrives. Not thread-safe; one instance per direction.
 *
 * <p>Framing rules:
 * <ul>
 *   <li>masked (client to server) and unmasked frames are both read; 7-, 16- and 64-bit lengths;</li>
 *   <li>a fragmented message (FIN clear, then continuation frames) is joined; control frames (close, ping, pong)
 *       between its fragments are returned as their own messages, in stream order;</li>
 *   <li>a message sent compressed (RSV1 on its first frame: permessage-deflate, RFC 7692) is inflated; the inflater
 *       keeps its window from message to message, as context takeover requires. When it fails:
 *       {@code websocket.deflate.invalid}, and the payload is returned as sent;</li>
 *   <li>{@code websocket.frame.invalid}: a reserved opcode (its payload is skipped), a continuation with no
 *       message open (skipped), a new message while one is still open (the open one is dropped), a fragmented or
 *       oversized control frame, reserved bits set, a length not in its shortest form (these are still read);
 *       a 64-bit length with its top bit set loses the framing (see below);</li>
 *   <li>a message longer than the limit: {@code websocket.message.too_large}; its bytes are skipped, never buffered,
 *       and the framing is kept. No more than the limit is ever buffered, and the buffer grows as bytes arrive, not
 *       on the sender's word;</li>
 *   <li>when the framing is lost (a capture gap, see {@link #reset}, or an impossible length), bytes are skipped
 *       until a {@link #feed} call starts with a plausible frame header (senders usually start a segment with a
 *       frame); what was skipped is {@code websocket.stream.gap}.</li>
 * </ul>
 *
 * <p>Anomalies ride on the next message returned, before its own, in stream order; {@link #reset} and
 * {@link #flush} return those still waiting. The outcome never depends on where the stream was split.
 */
public final class WebSocketDeframer {
    /** Default bound on a message's payload: 1 MiB, as for SIP messages. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;

    private enum State { HEADER, PAYLOAD, RESYNC }

    /** What the current frame's payload is for. */
    private enum Target { MESSAGE, CONTROL, SKIP_DATA, IGNORE }

    private final int maxMessageBytes;
    private final List<Anomaly> waiting = new ArrayList<>();
    private State state = State.HEADER;

    // the frame header being read
    private final byte[] header = new byte[14];
    private int headerLength;
    private long frameFirstTag;

    // the current frame
    private boolean fin;
    private int opcode;
    private boolean masked;
    private final byte[] mask = new byte[4];
    private long remaining;
    private long frameDone;
    private Target target = Target.IGNORE;

    // the data message open (first frame seen, final frame not yet)
    private boolean messageOpen;
    private int messageOpcode;
    private boolean messageCompressed;
    private boolean messageDropped;
    private long messageFirstTag;
    private byte[] message = new byte[0];
    private int messageLength;

    // the control frame being read
    private byte[] control;
    private int controlLength;

    /** Whether this direction's frames are masked, once a frame has said so (used to judge headers after a gap). */
    private Boolean maskedDirection;
    private boolean compressionSeen;
    private long skipped;
    private Inflater inflater;

    public WebSocketDeframer(int maxMessageBytes) {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    public WebSocketDeframer() {
        this(DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * Takes the next bytes of the stream. {@code tag} identifies the segment (its frame number) and is reported as
     * {@link WebSocketMessage#firstTag()} / {@link WebSocketMessage#lastTag()} of the messages it starts or ends.
     *
     * @return the messages completed by these bytes, in stream order (often none, sometimes several)
     */
    public List<WebSocketMessage> feed(byte[] b, int off, int len, long tag) {
        Objects.checkFromIndexSize(off, len, b.length);
        List<WebSocketMessage> out = new ArrayList<>(1);
        int end = off + len;
        int p = off;
        if (state == State.RESYNC && len > 0) {
            if (!plausibleHeader(b, off, end)) {
                skipped += len;
                return out;
            }
            reportSkipped();
            state = State.HEADER;
            headerLength = 0;
        }
        while (p < end) {
            p = switch (state) {
                case HEADER -> header(b, p, end, tag, out);
                case PAYLOAD -> payload(b, p, end, tag, out);
                case RESYNC -> {
                    skipped += end - p;
                    yield end;
                }
            };
        }
        return out;
    }

    /** Bytes buffered of messages not yet complete. */
    public int pending() {
        return (messageOpen ? messageLength : 0) + (target == Target.CONTROL ? controlLength : 0)
                + (state == State.HEADER ? headerLength : 0);
    }

    /**
     * Bytes are missing from the stream (a capture gap): the frame and message in progress are dropped. Returns the
     * anomalies still waiting and {@code websocket.stream.gap} when something was dropped. Bytes are then skipped
     * until a {@link #feed} starts with a plausible frame header.
     */
    public List<Anomaly> reset(String reason) {
        List<Anomaly> out = new ArrayList<>(waiting);
        waiting.clear();
        String inProgress = inProgress();
        if (inProgress != null) {
            out.add(Anomaly.of("websocket.stream.gap", reason + ": dropped " + inProgress
                    + "; framing resumes at the next segment that starts with a frame header"));
        }
        if (skipped > 0) {
            out.add(skippedAnomaly());
            skipped = 0;
        }
        clear();
        state = State.RESYNC;
        return out;
    }

    /**
     * The stream has ended: returns the anomalies still waiting and {@code websocket.stream.incomplete} when it
     * ended inside a frame or message. The deframer is then ready for a new connection.
     */
    public List<Anomaly> flush() {
        List<Anomaly> out = new ArrayList<>(waiting);
        waiting.clear();
        if (skipped > 0) {
            out.add(skippedAnomaly());
            skipped = 0;
        }
        String inProgress = inProgress();
        if (inProgress != null) {
            out.add(Anomaly.of("websocket.stream.incomplete", "stream ends inside " + inProgress));
        }
        clear();
        state = State.HEADER;
        maskedDirection = null;
        compressionSeen = false;
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
        return out;
    }

    /** What is in progress, for a gap or end-of-stream anomaly; null at a message boundary. */
    private String inProgress() {
        if (messageOpen) {
            long announced = state == State.PAYLOAD && target == Target.MESSAGE ? remaining : 0;
            return "a " + WebSocketMessage.name(messageOpcode) + " message (" + messageLength + " bytes"
                    + (announced > 0 ? ", " + announced + " more announced" : "") + ")";
        }
        if (state == State.PAYLOAD && target == Target.CONTROL) {
            return "a " + WebSocketMessage.name(opcode) + " frame (" + controlLength + " of "
                    + (controlLength + remaining) + " bytes)";
        }
        if (state == State.PAYLOAD && remaining > 0) {
            return "a skipped frame (" + remaining + " bytes to go)";
        }
        if (state == State.HEADER && headerLength > 0) {
            return "a frame header (" + headerLength + " of its bytes)";
        }
        return null;
    }

    private void clear() {
        headerLength = 0;
        messageOpen = false;
        messageLength = 0;
        messageDropped = false;
        control = null;
        controlLength = 0;
        remaining = 0;
        target = Target.IGNORE;
        if (message.length > 64 << 10) {
            message = new byte[0];
        }
    }

    private Anomaly skippedAnomaly() {
        return Anomaly.of("websocket.stream.gap", skipped + (skipped == 1 ? " byte" : " bytes")
                + " skipped before the framing resumed");
    }

    private void reportSkipped() {
        if (skipped > 0) {
            waiting.add(skippedAnomaly());
            skipped = 0;
        }
    }

    /** Bytes the header of a frame needs, once its first two bytes are known. */
    private static int headerBytes(int second) {
        int len7 = second & 0x7f;
        return 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((second & 0x80) != 0 ? 4 : 0);
    }

    private int header(byte[] b, int p, int end, long tag, List<WebSocketMessage> out) {
        if (headerLength == 0) {
            frameFirstTag = tag;
        }
        while (headerLength < 2 && p < end) {
            header[headerLength++] = b[p++];
        }
        if (headerLength < 2) {
            return p;
        }
        int need = headerBytes(header[1]);
        int take = Math.min(need - headerLength, end - p);
        System.arraycopy(b, p, header, headerLength, take);
        headerLength += take;
        p += take;
        if (headerLength == need) {
            headerLength = 0;
            startFrame(tag, out);
        }
        return p;
    }

    private void startFrame(long tag, List<WebSocketMessage> out) {
        int b0 = header[0] & 0xff;
        int b1 = header[1] & 0xff;
        fin = (b0 & 0x80) != 0;
        int rsv = (b0 >>> 4) & 0x7;
        opcode = b0 & 0x0f;
        masked = (b1 & 0x80) != 0;
        int len7 = b1 & 0x7f;
        long length;
        int at = 2;
        if (len7 == 126) {
            length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            at = 4;
        } else if (len7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xff);
            }
            at = 10;
            if (length < 0) {
                waiting.add(Anomaly.of("websocket.frame.invalid", WebSocketMessage.name(opcode)
                        + " frame with a 64-bit length whose top bit is set; framing lost"));
                if (messageOpen) {
                    waiting.add(Anomaly.of("websocket.stream.gap", "dropped " + inProgress()));
                }
                clear();
                state = State.RESYNC;
                return;
            }
        } else {
            length = len7;
        }
        if ((len7 == 126 && length < 126) || (len7 == 127 && length <= 0xffff)) {
            waiting.add(Anomaly.of("websocket.frame.invalid", "length " + length + " sent in a "
                    + (len7 == 126 ? 16 : 64) + "-bit field; RFC 6455 requires the shortest form"));
        }
        if (masked) {
            System.arraycopy(header, at, mask, 0, 4);
        }
        if (maskedDirection == null) {
            maskedDirection = masked;
        }
        remaining = length;
        frameDone = 0;
        target = classify(rsv, length);
        state = State.PAYLOAD;
        if (remaining == 0) {
            endFrame(tag, out);
        }
    }

    /** Decides what the frame's payload is for, noting what breaks RFC 6455. */
    private Target classify(int rsv, long length) {
        String name = WebSocketMessage.name(opcode);
        if ((opcode >= 3 && opcode <= 7) || opcode >= 0xb) {
            waiting.add(Anomaly.of("websocket.frame.invalid", "reserved opcode " + opcode + "; " + length
                    + " bytes skipped"));
            return Target.IGNORE;
        }
        if (opcode >= WebSocketMessage.CLOSE) {
            if (!fin) {
                waiting.add(Anomaly.of("websocket.frame.invalid", name + " frame is fragmented (FIN clear)"));
            }
            if (length > 125) {
                waiting.add(Anomaly.of("websocket.frame.invalid", name + " frame of " + length
                        + " bytes; control frames carry at most 125"));
            }
            if (rsv != 0) {
                waiting.add(Anomaly.of("websocket.frame.invalid", name + " frame with reserved bits " + rsv));
            }
            if (length > maxMessageBytes) {
                waiting.add(tooLarge(name + " frame", length));
                return Target.IGNORE;
            }
            control = new byte[(int) Math.min(length, 125)];
            controlLength = 0;
            return Target.CONTROL;
        }
        if (opcode == WebSocketMessage.CONTINUATION) {
            if (!messageOpen) {
                waiting.add(Anomaly.of("websocket.frame.invalid", "continuation frame with no message open; "
                        + length + " bytes skipped"));
                return Target.IGNORE;
            }
            if (rsv != 0) {
                waiting.add(Anomaly.of("websocket.frame.invalid", "continuation frame with reserved bits " + rsv));
            }
        } else {
            if (messageOpen) {
                waiting.add(Anomaly.of("websocket.frame.invalid", name + " frame while a fragmented "
                        + WebSocketMessage.name(messageOpcode) + " message is open; its " + messageLength
                        + " bytes dropped"));
            }
            messageOpen = true;
            messageOpcode = opcode;
            messageCompressed = (rsv & 0x4) != 0;
            compressionSeen |= messageCompressed;
            messageDropped = false;
            messageFirstTag = frameFirstTag;
            messageLength = 0;
            if ((rsv & 0x3) != 0) {
                waiting.add(Anomaly.of("websocket.frame.invalid", name + " frame with reserved bits " + rsv
                        + " (no extension defines them)"));
            }
        }
        if (messageDropped) {
            return Target.SKIP_DATA;
        }
        if (length > maxMessageBytes - messageLength) {
            waiting.add(tooLarge(WebSocketMessage.name(messageOpcode) + " message", messageLength + length));
            messageDropped = true;
            messageLength = 0;
            return Target.SKIP_DATA;
        }
        return Target.MESSAGE;
    }

    private Anomaly tooLarge(String what, long length) {
        return Anomaly.of("websocket.message.too_large", what + " of " + length + " bytes is over the "
                + maxMessageBytes + "-byte limit; skipped");
    }

    private int payload(byte[] b, int p, int end, long tag, List<WebSocketMessage> out) {
        int take = (int) Math.min(remaining, end - p);
        switch (target) {
            case MESSAGE -> {
                message = room(message, messageLength + take);
                unmask(b, p, take, message, messageLength);
                messageLength += take;
            }
            case CONTROL -> {
                control = room(control, controlLength + take);
                unmask(b, p, take, control, controlLength);
                controlLength += take;
            }
            case SKIP_DATA, IGNORE -> {
            }
        }
        frameDone += take;
        remaining -= take;
        p += take;
        if (remaining == 0) {
            endFrame(tag, out);
        }
        return p;
    }

    /** The buffer, grown (doubling, never past the limit) to hold {@code need} bytes; callers keep need within it. */
    private byte[] room(byte[] buf, int need) {
        if (buf.length >= need) {
            return buf;
        }
        return Arrays.copyOf(buf, Math.min(maxMessageBytes, Math.max(need, buf.length * 2)));
    }

    private void unmask(byte[] src, int from, int len, byte[] dst, int to) {
        if (!masked) {
            System.arraycopy(src, from, dst, to, len);
            return;
        }
        long k = frameDone;
        for (int i = 0; i < len; i++) {
            dst[to + i] = (byte) (src[from + i] ^ mask[(int) ((k + i) & 3)]);
        }
    }

    private void endFrame(long tag, List<WebSocketMessage> out) {
        state = State.HEADER;
        Target t = target;
        target = Target.IGNORE;
        switch (t) {
            case CONTROL -> {
                out.add(emit(opcode, Arrays.copyOf(control, controlLength), frameFirstTag, tag, false));
                control = null;
                controlLength = 0;
            }
            case MESSAGE, SKIP_DATA -> {
                if (!fin) {
                    return;
                }
                messageOpen = false;
                if (!messageDropped) {
                    byte[] payload = Arrays.copyOf(message, messageLength);
                    if (messageCompressed) {
                        payload = inflate(payload);
                    }
                    out.add(emit(messageOpcode, payload, messageFirstTag, tag, messageCompressed));
                }
                messageDropped = false;
                messageLength = 0;
                if (message.length > 64 << 10) {
                    message = new byte[0];
                }
            }
            case IGNORE -> {
            }
        }
    }

    private WebSocketMessage emit(int op, byte[] payload, long first, long last, boolean compressed) {
        WebSocketMessage m = new WebSocketMessage(op, payload, first, last, compressed, waiting);
        waiting.clear();
        return m;
    }

    /** permessage-deflate (RFC 7692 §7.2.2): the payload plus 00 00 ff ff is a raw DEFLATE stream. */
    private byte[] inflate(byte[] payload) {
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        byte[] input = Arrays.copyOf(payload, payload.length + 4);
        input[payload.length + 2] = (byte) 0xff;
        input[payload.length + 3] = (byte) 0xff;
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxMessageBytes, payload.length * 4 + 64));
        byte[] chunk = new byte[8192];
        try {
            while (true) {
                int n = inflater.inflate(chunk);
                if (n > 0) {
                    if (out.size() + n > maxMessageBytes) {
                        waiting.add(tooLarge("inflated " + WebSocketMessage.name(messageOpcode) + " message",
                                out.size() + (long) n));
                        inflater.reset();
                        return payload;
                    }
                    out.write(chunk, 0, n);
                    continue;
                }
                if (inflater.finished()) {
                    inflater.reset(); // the sender ended its DEFLATE stream: the next message starts afresh
                }
                break; // all input consumed (or a dictionary asked for, which permessage-deflate never uses)
            }
        } catch (DataFormatException e) {
            waiting.add(Anomaly.of("websocket.deflate.invalid", WebSocketMessage.name(messageOpcode) + " message of "
                    + payload.length + " compressed bytes: " + e.getMessage()
                    + "; shown as sent"));
            inflater.reset();
            return payload;
        }
        return out.toByteArray();
    }

    /** After lost framing: does a frame header that makes sense for this direction start at {@code p}? */
    private boolean plausibleHeader(byte[] b, int p, int end) {
        if (end - p < 2) {
            return false;
        }
        int b0 = b[p] & 0xff;
        int b1 = b[p + 1] & 0xff;
        int need = headerBytes(b1);
        if (end - p < need) {
            return false;
        }
        int rsv = (b0 >>> 4) & 0x7;
        int op = b0 & 0x0f;
        boolean isMasked = (b1 & 0x80) != 0;
        if (maskedDirection != null && maskedDirection != isMasked) {
            return false;
        }
        int len7 = b1 & 0x7f;
        long length = len7;
        if (len7 == 126) {
            length = ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
            if (length < 126) {
                return false;
            }
        } else if (len7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (b[p + i] & 0xff);
            }
            if (length <= 0xffff) {
                return false; // also rejects the top bit set (negative)
            }
        }
        boolean data = op == WebSocketMessage.TEXT || op == WebSocketMessage.BINARY;
        boolean control = op == WebSocketMessage.CLOSE || op == WebSocketMessage.PING || op == WebSocketMessage.PONG;
        if (control) {
            return rsv == 0 && (b0 & 0x80) != 0 && length <= 125;
        }
        return data && (rsv == 0 || (rsv == 4 && compressionSeen)) && length <= maxMessageBytes;
    }
}
