package io.sipvista.sip;

/**
 * The byte and count budgets of SIP decoding. Every limit hit is a named anomaly, never a silent drop.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>default</th><th>when exceeded</th></tr>
 *   <tr><td>{@code maxMessageBytes}</td><td>1 MiB</td><td>{@link SipStreamFramer}: {@code sip.message.too_large},
 *       the message is dropped and the framer resynchronises on the next start line</td></tr>
 *   <tr><td>{@code maxHeaderBytes}</td><td>64 KiB</td><td>{@link SipStreamFramer}: {@code sip.headers.too_large}
 *       when no empty line ends the headers within this many bytes; dropped, resynchronised</td></tr>
 *   <tr><td>{@code maxHeaders}</td><td>256</td><td>{@link SipParser}: {@code sip.header.too_many}; further header
 *       lines are not kept (Content-Length is still honoured)</td></tr>
 * </table>
 *
 * @param maxMessageBytes largest message (start line to end of body) a stream framer buffers
 * @param maxHeaderBytes  largest header block (start line to the empty line) a stream framer buffers
 * @param maxHeaders      most header lines the parser keeps per message
 */
public record SipLimits(int maxMessageBytes, int maxHeaderBytes, int maxHeaders) {
    public static final SipLimits DEFAULT = new SipLimits(1 << 20, 64 << 10, 256);

    public SipLimits {
        if (maxMessageBytes < 16 || maxHeaderBytes < 16 || maxHeaders < 1) {
            throw new IllegalArgumentException("limits too small: " + maxMessageBytes + ", " + maxHeaderBytes
                    + ", " + maxHeaders);
        }
        if (maxHeaderBytes > maxMessageBytes) {
            throw new IllegalArgumentException("maxHeaderBytes " + maxHeaderBytes + " > maxMessageBytes "
                    + maxMessageBytes);
        }
    }
}
