package io.sipvista.analysis;

import io.sipvista.correlate.Call;
import io.sipvista.frame.Frame;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which frames carry one call's media: the RTP and RTCP frames of the {@link MediaStream}s the analysis tied to the
 * call. A frame belongs when it carries RTP or RTCP ({@link Frame#media()}) between the addresses of one of the
 * call's streams (RTCP also on the ports one above, RFC 3550 §11), and falls between the call's first frame and its
 * last frame or stream frame. A hash lookup per frame.
 */
public final class CallMedia {
    private final Set<String> flows = new HashSet<>();
    private final List<MediaStream> streams;
    private final long first;
    private final long last;

    private CallMedia(List<MediaStream> streams, long first, long last) {
        this.streams = streams;
        this.first = first;
        this.last = last;
        for (MediaStream s : streams) {
            flows.add(s.src() + ">" + s.dst());
            String rtcpSrc = nextPort(s.src());
            String rtcpDst = nextPort(s.dst());
            if (rtcpSrc != null && rtcpDst != null) {
                flows.add(rtcpSrc + ">" + rtcpDst);
            }
        }
    }

    /** The media of {@code call} among {@code streams} (all the streams of the analysis). */
    public static CallMedia of(Call call, List<MediaStream> streams) {
        Objects.requireNonNull(call, "call");
        List<MediaStream> mine = new ArrayList<>();
        long first = call.frames().isEmpty() ? Long.MAX_VALUE : call.frames().get(0);
        long last = call.frames().isEmpty() ? 0 : call.frames().get(call.frames().size() - 1);
        for (MediaStream s : streams) {
            if (call.id().equals(s.call())) {
                mine.add(s);
                first = Math.min(first, s.firstFrame());
                last = Math.max(last, s.lastFrame());
            }
        }
        return new CallMedia(List.copyOf(mine), first, last);
    }

    /** The call's streams, in order of first frame. */
    public List<MediaStream> streams() {
        return streams;
    }

    /** Whether {@code f} is an RTP or RTCP frame of this call. */
    public boolean contains(Frame f) {
        return f.media() != null && f.number() >= first && f.number() <= last && f.src() != null && f.dst() != null
                && flows.contains(f.src() + ">" + f.dst());
    }

    /** {@code host:port} with the port one higher; null when there is no port. */
    static String nextPort(String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon < 0 || (address.startsWith("[") && address.lastIndexOf(']') > colon)) {
            return null;
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            return port >= 65535 ? null : address.substring(0, colon + 1) + (port + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
