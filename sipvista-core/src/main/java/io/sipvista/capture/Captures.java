package io.sipvista.capture;

import io.sipvista.bytes.Octets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens a capture by looking at its first bytes, never at its name: gzip is decompressed on the fly (and the
 * content looked at again), then pcap (microsecond or nanosecond, either byte order) or pcapng is read.
 * Anything else is refused with a {@link CaptureFormatException} whose message says, in one sentence, what the
 * input is (empty, text, another capture format, a compressed format sipvista does not unpack, unknown bytes).
 *
 * <p>Reading streams: the input goes through a 256 KiB buffer and the readers hold one record at a time.
 */
public final class Captures {
    /** Buffer between the file and the reader. */
    static final int BUFFER = 256 * 1024;
    /** How much of the start is looked at to recognise the format. */
    static final int PEEK = 4096;
    /** gzip inside gzip is unpacked, up to this depth. */
    private static final int MAX_GZIP_LAYERS = 3;
    private static final int TEXT_PREVIEW = 32;

    private Captures() {
    }

    /** Opens a capture file. On a {@link CaptureFormatException} the file is closed again. */
    public static CaptureReader open(Path path) throws IOException {
        return open(path, CaptureLimits.STANDARD);
    }

    public static CaptureReader open(Path path, CaptureLimits limits) throws IOException {
        InputStream in = Files.newInputStream(path);
        try {
            return open(in, path.toString(), limits);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Opens a capture from a stream (e.g. {@code System.in} for "-"). The reader owns the stream and closes it;
     * on a {@link CaptureFormatException} the stream is left open for the caller.
     *
     * @param displayName how to name the input in messages (a path, or "-")
     */
    public static CaptureReader open(InputStream in, String displayName) throws IOException {
        return open(in, displayName, CaptureLimits.STANDARD);
    }

    public static CaptureReader open(InputStream in, String displayName, CaptureLimits limits) throws IOException {
        return detect(new BufferedInputStream(in, BUFFER), displayName, limits, new ArrayList<>());
    }

    private static CaptureReader detect(BufferedInputStream in, String name, CaptureLimits limits,
                                        List<GzipGuard> gzipLayers) throws IOException {
        byte[] head = new byte[PEEK];
        in.mark(PEEK);
        int n = 0;
        while (n < PEEK) {
            int r = in.read(head, n, PEEK - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        in.reset();
        boolean compressed = !gzipLayers.isEmpty();
        String damage = compressed ? gzipLayers.get(gzipLayers.size() - 1).damage() : null;
        if (n == 0) {
            if (damage != null) {
                throw new CaptureFormatException("the file is gzip-compressed, but " + damage, name);
            }
            throw new CaptureFormatException(compressed ? "the file is gzip-compressed and holds nothing"
                    : "the file is empty", name);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            if (gzipLayers.size() >= MAX_GZIP_LAYERS) {
                throw new CaptureFormatException("not a capture file: it is gzip inside gzip more than "
                        + MAX_GZIP_LAYERS + " layers deep", name);
            }
            GzipGuard guard;
            try {
                guard = new GzipGuard(new GZIPInputStream(in, 64 * 1024));
            } catch (ZipException | EOFException e) {
                throw new CaptureFormatException("the file starts like gzip, but its gzip header is damaged", name);
            }
            gzipLayers.add(guard);
            return detect(new BufferedInputStream(guard, BUFFER), name, limits, gzipLayers);
        }
        if (n >= 4) {
            long magic = Octets.u32be(head, 0);
            if (magic == 0xa1b2c3d4L || magic == 0xd4c3b2a1L || magic == 0xa1b23c4dL || magic == 0x4d3cb2a1L) {
                boolean bigEndian = magic == 0xa1b2c3d4L || magic == 0xa1b23c4dL;
                boolean nanos = magic == 0xa1b23c4dL || magic == 0x4d3cb2a1L;
                CaptureInput input = new CaptureInput(in, gzipLayers);
                byte[] header = new byte[PcapReader.FILE_HEADER];
                int got = input.read(header, 0, header.length);
                if (got < header.length) {
                    throw new CaptureFormatException("the file ends inside the pcap file header (" + got + " of "
                            + PcapReader.FILE_HEADER + " bytes)", name);
                }
                return new PcapReader(input, header, bigEndian, nanos, limits, name);
            }
            if (magic == 0xa1b2cd34L || magic == 0x34cdb2a1L) {
                throw new CaptureFormatException("this is a capture in the modified pcap format (magic a1b2cd34,"
                        + " from Alexey Kuznetsov's patched libpcap), which sipvista does not read;"
                        + " convert it with editcap -F pcapng", name);
            }
            if (magic == PcapngReader.SHB) {
                if (n < 12) {
                    throw new CaptureFormatException("the file ends inside the pcapng section header block (" + n
                            + " of " + PcapngReader.SHB_MIN + " bytes)", name);
                }
                long order = Octets.u32be(head, 8);
                if (order == PcapngReader.BYTE_ORDER_MAGIC || order == 0x4d3c2b1aL) {
                    return new PcapngReader(new CaptureInput(in, gzipLayers), limits, name);
                }
            }
        }
        throw new CaptureFormatException(describeOther(head, n), name);
    }

    /** The sentence for an input that is not pcap, pcapng or gzip. */
    static String describeOther(byte[] head, int n) {
        if (startsWith(head, n, "GMBU") || startsWith(head, n, "RTSS")) {
            return "this is a Microsoft Network Monitor capture, which sipvista does not read; save it as pcapng";
        }
        if (startsWith(head, n, "snoop\0\0\0")) {
            return "this is a Solaris snoop capture, which sipvista does not read; convert it with editcap -F pcapng";
        }
        if (looksLikeErf(head, n)) {
            return "this looks like an Endace ERF capture, which sipvista does not read; convert it with"
                    + " editcap -F pcapng";
        }
        String compressed = compressedFormat(head, n);
        if (compressed != null) {
            return "not a capture file: it is " + compressed + ", which sipvista does not unpack; unpack it first";
        }
        String text = textPreview(head, n);
        if (text != null && text.isEmpty()) {
            return "not a capture file: it holds only blank space";
        }
        if (text != null) {
            return "not a capture file: it looks like text, starting \"" + text + "\"";
        }
        StringBuilder sb = new StringBuilder("not a capture file: unknown format, first bytes");
        for (int i = 0; i < Math.min(4, n); i++) {
            sb.append(' ').append(Octets.hex(head, i, 1));
        }
        return sb.toString();
    }

    private static String compressedFormat(byte[] h, int n) {
        if (n >= 4 && Octets.u32be(h, 0) == 0x28b52ffdL) {
            return "zstd-compressed";
        }
        if (n >= 4 && Octets.u32be(h, 0) == 0x04224d18L) {
            return "lz4-compressed";
        }
        if (n >= 6 && Octets.u32be(h, 0) == 0xfd377a58L && Octets.u16be(h, 4) == 0x5a00) {
            return "xz-compressed";
        }
        if (n >= 4 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h' && h[3] >= '1' && h[3] <= '9') {
            return "bzip2-compressed";
        }
        if (n >= 4 && Octets.u32be(h, 0) == 0x504b0304L) {
            return "a zip archive";
        }
        return null;
    }

    private static boolean startsWith(byte[] head, int n, String ascii) {
        if (n < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (head[i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * ERF has no magic number: accept only when the first record header is plausible (a known record type, the
     * variable-length flag set, a record length of at least 16, a timestamp between 1990 and 2100) and, when the
     * peeked bytes reach it, so is the second.
     */
    static boolean looksLikeErf(byte[] h, int n) {
        if (!erfRecordPlausible(h, 0, n)) {
            return false;
        }
        int rlen = Octets.u16be(h, 10);
        if (rlen == n) {
            return true;
        }
        return rlen + 16 <= n && erfRecordPlausible(h, rlen, n);
    }

    private static boolean erfRecordPlausible(byte[] h, int off, int n) {
        if (off + 16 > n) {
            return false;
        }
        int type = h[off + 8] & 0x7f;
        int flags = h[off + 9] & 0xff;
        int rlen = Octets.u16be(h, off + 10);
        long seconds = Octets.u32le(h, off + 4);
        boolean knownType = (type >= 1 && type <= 27) || type == 48;
        return knownType && (flags & 0x04) != 0 && rlen >= 16 && seconds >= 631_152_000L && seconds <= 4_102_444_800L;
    }

    /**
     * A short, escaped preview of the first line when the start decodes as UTF-8 text without control bytes other
     * than whitespace; null when it does not look like text.
     */
    static String textPreview(byte[] head, int n) {
        int len = Math.min(n, 512);
        String s = null;
        // allow a multi-byte character cut by the peek window
        for (int cut = 0; cut <= 3 && cut < len && s == null; cut++) {
            try {
                s = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(head, 0, len - cut)).toString();
            } catch (CharacterCodingException e) {
                if (len == n) {
                    break; // the whole input was seen: no cut character to excuse
                }
            }
        }
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f) {
                return null;
            }
        }
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        String trimmed = s.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        int eol = trimmed.indexOf('\n');
        String line = (eol < 0 ? trimmed : trimmed.substring(0, eol)).strip();
        boolean more = line.length() < trimmed.length() || n > len;
        if (line.codePointCount(0, line.length()) > TEXT_PREVIEW) {
            line = line.substring(0, line.offsetByCodePoints(0, TEXT_PREVIEW));
            more = true;
        }
        StringBuilder sb = new StringBuilder();
        line.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp == '\f') {
                sb.append("\\f");
            } else if (Character.isISOControl(cp) || !Character.isDefined(cp)) {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        if (more) {
            sb.append("...");
        }
        return sb.toString();
    }
}
