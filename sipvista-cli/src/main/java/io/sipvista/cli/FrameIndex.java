package io.sipvista.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The frames of one capture as the server pages them: each frame's JSON object (what {@code frames --format json
 * --raw} prints for it), appended in capture order by one writer and read by any number of readers meanwhile.
 *
 * <p>The objects live in a private temporary file, in blocks of up to {@value #BLOCK_FRAMES} frames (or
 * {@value #BLOCK_BYTES} bytes of JSON), each block deflated on its own, so reading a page inflates the one or two
 * blocks it spans. Memory holds only each block's place in the file and a few facts per frame for the filters that
 * must be fast: the call each frame belongs to (an int per frame, in chunks) and, for the few frames carrying SIP,
 * each message's method and status (two ints per message). Frames become readable a block at a time, and the last,
 * partial block on {@link #finish()}.
 */
final class FrameIndex implements AutoCloseable {
    static final int BLOCK_FRAMES = 256;
    static final int BLOCK_BYTES = 1 << 20;
    /** The frame belongs to no call. */
    static final int NO_CALL = -1;
    /** The frame's messages belong to several calls: see {@link #severalCalls}. */
    private static final int SEVERAL_CALLS = -2;
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    /** Distinct method names kept; beyond it a method is kept as none (a hostile capture cannot grow memory). */
    static final int MAX_METHODS = 1000;
    private static final int STATUS_BITS = 10;
    private static final int CACHED_BLOCKS = 8;

    /** One SIP message of a frame, as the filters see it: its method (a response: its CSeq's; null when none) and status (0 for a request). */
    record Sip(String method, int status) {
    }

    /** One block, inflated: the frames it holds, in order. */
    record Block(int first, long[] numbers, String[] src, String[] dst, int[] start, int[] end, byte[] data) {
        int size() {
            return numbers.length;
        }

        byte[] json(int i) {
            return Arrays.copyOfRange(data, start[i], end[i]);
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);

    // the writer's own state
    private Growable pending = new Growable(64 * 1024);
    private int pendingFrames;
    private int pendingFirst;
    private long writePosition;
    private byte[] deflated = new byte[64 * 1024];

    // shared state, guarded by this
    private long[] blockOffset = new long[64];
    private int[] blockLength = new int[64];
    private int[] blockFirst = new int[64];
    private int blocks;
    private int visible;
    private boolean finished;
    private boolean closed;
    private final List<int[]> callChunks = new ArrayList<>();
    private int appended;
    private final Map<Integer, int[]> severalCalls = new HashMap<>();
    private int[] sipOrdinal = new int[64];
    private int[] sipPacked = new int[64];
    private int sipCount;
    private final Map<String, Integer> methodIds = new HashMap<>();
    private final List<String> methods = new ArrayList<>();
    private final Map<Integer, Block> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Block> eldest) {
            return size() > CACHED_BLOCKS;
        }
    };

    /** A new, empty index in a private temporary file in {@code dir}. */
    FrameIndex(Path dir) throws IOException {
        this.file = Files.createTempFile(dir, "frames-", ".index");
        this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** The file holding the blocks (removed on {@link #close()}). */
    Path file() {
        return file;
    }

    /**
     * Appends the next frame (writer only).
     *
     * @param number frame number
     * @param src    source address as in the JSON, or null
     * @param dst    destination address, or null
     * @param json   the frame's JSON object, UTF-8
     * @param calls  indexes of the calls it belongs to (none, one, or rarely several)
     * @param sip    its SIP messages
     */
    void append(long number, String src, String dst, byte[] json, int[] calls, List<Sip> sip) throws IOException {
        if (pendingFrames == 0) {
            pendingFirst = appended;
        }
        pending.putLong(number);
        pending.putString(src);
        pending.putString(dst);
        pending.putInt(json.length);
        pending.put(json, 0, json.length);
        pendingFrames++;
        synchronized (this) {
            int ordinal = appended;
            if ((ordinal & (CHUNK - 1)) == 0) {
                callChunks.add(new int[CHUNK]);
            }
            int call = NO_CALL;
            if (calls.length == 1) {
                call = calls[0];
            } else if (calls.length > 1) {
                call = SEVERAL_CALLS;
                severalCalls.put(ordinal, calls.clone());
            }
            callChunks.get(ordinal >>> CHUNK_BITS)[ordinal & (CHUNK - 1)] = call;
            for (Sip s : sip) {
                if (sipCount == sipOrdinal.length) {
                    sipOrdinal = Arrays.copyOf(sipOrdinal, sipCount * 2);
                    sipPacked = Arrays.copyOf(sipPacked, sipCount * 2);
                }
                sipOrdinal[sipCount] = ordinal;
                sipPacked[sipCount] = (methodId(s.method(), true) + 1) << STATUS_BITS | Math.max(0, Math.min(s.status(), 999));
                sipCount++;
            }
            appended++;
        }
        if (pendingFrames >= BLOCK_FRAMES || pending.size() >= BLOCK_BYTES) {
            flush();
        }
    }

    /** Writes the last partial block: every frame appended is readable, and no more come (writer only). */
    void finish() throws IOException {
        flush();
        synchronized (this) {
            finished = true;
            notifyAll();
        }
        deflater.end();
    }

    private void flush() throws IOException {
        if (pendingFrames == 0) {
            return;
        }
        Growable block = new Growable(pending.size() + 4);
        block.putInt(pendingFrames);
        block.put(pending.bytes(), 0, pending.size());
        deflater.reset();
        deflater.setInput(block.bytes(), 0, block.size());
        deflater.finish();
        int length = 0;
        while (!deflater.finished()) {
            if (length == deflated.length) {
                deflated = Arrays.copyOf(deflated, deflated.length * 2);
            }
            length += deflater.deflate(deflated, length, deflated.length - length);
        }
        ByteBuffer buf = ByteBuffer.wrap(deflated, 0, length);
        long at = writePosition;
        while (buf.hasRemaining()) {
            at += channel.write(buf, at);
        }
        synchronized (this) {
            if (blocks == blockOffset.length) {
                blockOffset = Arrays.copyOf(blockOffset, blocks * 2);
                blockLength = Arrays.copyOf(blockLength, blocks * 2);
                blockFirst = Arrays.copyOf(blockFirst, blocks * 2);
            }
            blockOffset[blocks] = writePosition;
            blockLength[blocks] = length;
            blockFirst[blocks] = pendingFirst;
            blocks++;
            visible = pendingFirst + pendingFrames;
            notifyAll();
        }
        writePosition += length;
        pendingFrames = 0;
        if (pending.bytes().length > 4 * BLOCK_BYTES) {
            pending = new Growable(64 * 1024); // one huge frame does not keep its buffer for ever
        } else {
            pending.clear();
        }
    }

    /** Frames readable now (whole blocks; all of them once finished). */
    synchronized int visible() {
        return visible;
    }

    /** Whether every frame was appended and is readable. */
    synchronized boolean finished() {
        return finished;
    }

    /** Bytes of the index file. */
    synchronized long fileBytes() {
        return blocks == 0 ? 0 : blockOffset[blocks - 1] + blockLength[blocks - 1];
    }

    /** The heap the index holds for its frames (arrays and maps), not counting the block cache. */
    synchronized long heapBytes() {
        long b = (long) callChunks.size() * CHUNK * Integer.BYTES;
        b += (long) sipOrdinal.length * Integer.BYTES * 2;
        b += (long) blockOffset.length * (Long.BYTES + 2 * Integer.BYTES);
        b += severalCalls.size() * 64L;
        return b;
    }

    /** The block holding frame {@code ordinal} (0-based), which must be visible. */
    synchronized int blockOf(int ordinal) {
        int i = Arrays.binarySearch(blockFirst, 0, blocks, ordinal);
        return i >= 0 ? i : -i - 2;
    }

    /** Number of readable blocks. */
    synchronized int blocks() {
        return blocks;
    }

    /** The first ordinal of block {@code b}; for {@code b == blocks()} the number of visible frames. */
    synchronized int blockFirst(int b) {
        return b >= blocks ? visible : blockFirst[b];
    }

    /** Which frames of {@code [from, to)} belong to call {@code call} (alone or among others), as a mask for {@code [from, to)}. */
    boolean[] inCall(int from, int to, int call) {
        boolean[] out = new boolean[to - from];
        synchronized (this) {
            for (int o = from; o < to; o++) {
                int v = callChunks.get(o >>> CHUNK_BITS)[o & (CHUNK - 1)];
                if (v == call) {
                    out[o - from] = true;
                } else if (v == SEVERAL_CALLS) {
                    for (int c : severalCalls.get(o)) {
                        out[o - from] |= c == call;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Which frames of {@code [from, to)} carry a SIP message with the method (a request of it, or a response whose
     * CSeq names it; null: any) and, separately, a response with a status in {@code [statusLow, statusHigh]}
     * ({@code statusLow} 0: any), as a mask for {@code [from, to)}.
     */
    boolean[] withSip(int from, int to, String method, int statusLow, int statusHigh) {
        boolean[] methodOk = new boolean[to - from];
        boolean[] statusOk = new boolean[to - from];
        synchronized (this) {
            int wanted = method == null ? 0 : methodId(method, false) + 1;
            int i = lowerBound(from);
            for (; i < sipCount && sipOrdinal[i] < to; i++) {
                int o = sipOrdinal[i] - from;
                int m = sipPacked[i] >>> STATUS_BITS;
                int status = sipPacked[i] & ((1 << STATUS_BITS) - 1);
                methodOk[o] |= method == null || (wanted > 0 && m == wanted);
                statusOk[o] |= statusLow == 0 || (status >= statusLow && status <= statusHigh);
            }
        }
        for (int k = 0; k < methodOk.length; k++) {
            methodOk[k] &= statusOk[k];
        }
        return methodOk;
    }

    private int lowerBound(int ordinal) {
        int lo = 0;
        int hi = sipCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sipOrdinal[mid] < ordinal) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The id of a method (upper case), registering it when {@code add}; -1 when unknown or past {@link #MAX_METHODS}. */
    private int methodId(String method, boolean add) {
        if (method == null) {
            return -1;
        }
        String key = method.toUpperCase(Locale.ROOT);
        Integer id = methodIds.get(key);
        if (id == null && add && methods.size() < MAX_METHODS) {
            id = methods.size();
            methods.add(key);
            methodIds.put(key, id);
        }
        return id == null ? -1 : id;
    }

    /** The frames {@code from} .. {@code from + count - 1} (0-based, visible), JSON objects in order. */
    List<byte[]> frames(int from, int count) throws IOException {
        List<byte[]> out = new ArrayList<>(count);
        int o = from;
        while (o < from + count) {
            Block b = block(blockOf(o), true);
            for (; o < from + count && o - b.first() < b.size(); o++) {
                out.add(b.json(o - b.first()));
            }
        }
        return out;
    }

    /** The frames of these ordinals (ascending, visible), JSON objects in order. */
    List<byte[]> frames(int[] ordinals) throws IOException {
        List<byte[]> out = new ArrayList<>(ordinals.length);
        Block b = null;
        for (int o : ordinals) {
            if (b == null || o < b.first() || o >= b.first() + b.size()) {
                b = block(blockOf(o), true);
            }
            out.add(b.json(o - b.first()));
        }
        return out;
    }

    /** The JSON object of frame {@code number}, or null when no such frame is readable. */
    byte[] frame(long number) throws IOException {
        if (number < 1 || number > visible()) {
            return null;
        }
        int o = (int) (number - 1);
        Block b = block(blockOf(o), true);
        return b.numbers()[o - b.first()] == number ? b.json(o - b.first()) : null;
    }

    /** Block {@code b}, inflated; kept among the few recently read when {@code cache} (pages; not for scans). */
    Block block(int b, boolean cache) throws IOException {
        long offset;
        int length;
        int first;
        synchronized (this) {
            if (closed) {
                throw new IOException("the capture was removed");
            }
            Block hit = this.cache.get(b);
            if (hit != null) {
                return hit;
            }
            offset = blockOffset[b];
            length = blockLength[b];
            first = blockFirst[b];
        }
        ByteBuffer buf = ByteBuffer.allocate(length);
        long at = offset;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at);
            if (n < 0) {
                throw new IOException("the frame index ends early");
            }
            at += n;
        }
        Block block = decode(first, inflate(buf.array()));
        if (cache) {
            synchronized (this) {
                this.cache.put(b, block);
            }
        }
        return block;
    }

    private static byte[] inflate(byte[] in) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in);
            byte[] out = new byte[Math.max(1024, in.length * 8)];
            int n = 0;
            while (!inflater.finished()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("the frame index is damaged");
                }
                n += got;
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new IOException("the frame index is damaged: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static Block decode(int first, byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        int n = b.getInt();
        long[] numbers = new long[n];
        String[] src = new String[n];
        String[] dst = new String[n];
        int[] start = new int[n];
        int[] end = new int[n];
        for (int i = 0; i < n; i++) {
            numbers[i] = b.getLong();
            src[i] = string(b, data);
            dst[i] = string(b, data);
            int len = b.getInt();
            start[i] = b.position();
            end[i] = start[i] + len;
            b.position(end[i]);
        }
        return new Block(first, numbers, src, dst, start, end, data);
    }

    private static String string(ByteBuffer b, byte[] data) {
        int len = b.getShort();
        if (len < 0) {
            return null;
        }
        String s = new String(data, b.position(), len, StandardCharsets.UTF_8);
        b.position(b.position() + len);
        return s;
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            cache.clear();
            notifyAll();
        }
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A growable byte array for one block. */
    private static final class Growable {
        private byte[] bytes;
        private int size;

        Growable(int capacity) {
            bytes = new byte[capacity];
        }

        private void room(int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
        }

        void putInt(int v) {
            room(4);
            bytes[size++] = (byte) (v >>> 24);
            bytes[size++] = (byte) (v >>> 16);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
        }

        void putLong(long v) {
            putInt((int) (v >>> 32));
            putInt((int) v);
        }

        void putString(String s) {
            if (s == null) {
                room(2);
                bytes[size++] = (byte) 0xff;
                bytes[size++] = (byte) 0xff;
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int len = Math.min(b.length, Short.MAX_VALUE);
            room(2 + len);
            bytes[size++] = (byte) (len >>> 8);
            bytes[size++] = (byte) len;
            System.arraycopy(b, 0, bytes, size, len);
            size += len;
        }

        void put(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        byte[] bytes() {
            return bytes;
        }

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }
    }
}
