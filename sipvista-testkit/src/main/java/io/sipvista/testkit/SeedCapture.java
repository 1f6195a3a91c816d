package io.sipvista.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rebuilt seed capture {@code examples/sip-register-and-call.pcap}: 78 Ethernet frames from a BroadSoft
 * BroadWorks lab, 2010-06-17 12:59:48-13:00:10 UTC, rebuilt from the text of the web page that showed it (the
 * original file is not available). Owns every byte of that file; {@link #bytes()} is deterministic (no clock, no
 * randomness) and the committed file must equal it.
 *
 * <h2>The story</h2>
 * A Linksys SPA941 (4182618006, "qq8006", 192.168.9.205) and two Polycom SoundPoint IP phones (SPIP_600 at
 * 192.168.9.121 registered as the shared call appearance {@code 6010_SCA1}, SPIP_500 at 192.168.9.212 as 4505656010)
 * register with BroadWorks ({@code virtsanity.mtl.broadsoft.com}, 192.168.13.180). The Polycoms subscribe to
 * {@code call-info}; BroadWorks terminates a stale subscription. 4505656010 seizes the shared line
 * ({@code Event: line-seize}) and calls 4182618006; BroadWorks, a B2BUA, answers the Polycom leg (Call-ID
 * {@code 6e656a5f-...}) with 100 Trying and places its own leg to the Linksys (Call-ID
 * {@code BW090003232170610-...}, From {@code 66010}) carrying the Polycom's SDP. The Linksys rings and answers with
 * PCMU; RTP starts. The .212 Polycom puts the call on hold (re-INVITE sendonly, relayed to the Linksys), then the
 * call is retrieved on the other shared appearance: the .121 Polycom INVITEs BroadWorks (Call-ID
 * {@code 86678647-...}), BroadWorks BYEs the .212 leg and re-INVITEs the Linksys towards .121. The Linksys hangs up
 * (BYE), BroadWorks BYEs .121, and call-info NOTIFYs report every state change to both appearances.
 *
 * <h2>Frames</h2>
 * <pre>
 *  1-2   Linksys REGISTER / 200            | 41-43 RTP (Linksys to .212, .212 to Linksys, Linksys)
 *  3-4   .121 REGISTER / 200               | 44    ACK .212 to BW           45 ACK BW to Linksys
 *  5-6   .121 SUBSCRIBE call-info / 200    | 46    RTP Linksys to .212
 *  7     NOTIFY terminated (stale sub)     | 47-49 re-INVITE hold .212 to BW, 100, re-INVITE BW to Linksys
 *  8     NOTIFY active (new sub)           | 50-51 NOTIFY call-info held to .212 and .121
 *  9-10  .121 200 to both NOTIFYs          | 52-55 200s: NOTIFY, NOTIFY, Linksys answer, BW answer
 *  11-16 .212 REGISTER, SUBSCRIBE, NOTIFY  | 56-57 ACK .212 to BW, ACK BW to Linksys
 *  17-18 ARP request / reply               | 58-59 .121 INVITE (retrieve) / 100 Trying
 *  19-20 .212 SUBSCRIBE line-seize / 200   | 60    BYE BW to .212           61 re-INVITE BW to Linksys
 *  21-23 NOTIFY call-info .121, line-seize | 62-63 NOTIFY call-info to .212 and .121
 *        .212, call-info .212              | 64-65 200 Linksys (SDP), 200 BW to .121 (SDP)
 *  24-26 200s to those NOTIFYs             | 66-68 200 to BYE, 200 to both NOTIFYs
 *  27-28 INVITE .212 to BW / 100 Trying    | 69-70 ACK .121 to BW, ACK BW to Linksys
 *  29    NOTIFY line-seize terminated      | 71-72 BYE Linksys to BW / 200
 *  30    INVITE BW to Linksys              | 73    BYE BW to .121
 *  31-32 NOTIFY call-info .212, .121       | 74-75 NOTIFY call-info idle to .212 and .121
 *  33    100 Trying Linksys                | 76-78 200 to BYE, 200 to both NOTIFYs
 *  34    200 .121 NOTIFY  35-36 180 x2     |
 *  37-40 200 NOTIFY x2, 200 Linksys (SDP), 200 BW to .212 (SDP)
 * </pre>
 *
 * <h2>Taken from the page</h2>
 * <ul>
 *   <li>Frame numbers and the 31 timestamps it prints (frames 5, 7, 8, 17, 19, 21-23, 28, 29, 31-33, 35, 36, 41, 42,
 *       44, 45, 48, 50, 51, 56, 57, 59, 62, 63, 69, 70, 74, 75), to the microsecond; 78 frames in all.</li>
 *   <li>Which frames are REGISTER, INVITE, BYE and 200 OK (its per-frame lines; three of its "200 OK" lines,
 *       frames 18, 43 and 46, sit on non-SIP frames, see RTP below), and every header value its cards
 *       show: From/To URIs, Call-IDs, CSeqs, Contacts with display name and parameters ({@code q=0.5;expires=3599},
 *       the Polycom {@code methods=} list), User-Agents and Server ({@code Linksys/SPA941-5.1.5},
 *       {@code PolycomSoundPointIP-SPIP_600-UA/2.0.3.0127}, {@code ...SPIP_500-UA/2.0.3.0127}), Expires 3600/3598,
 *       Event {@code call-info}/{@code line-seize}, Subscription-State {@code terminated}, the INVITE Vias (Polycom
 *       branch {@code z9hG4bK38d10a61C7B83830}; BroadWorks branch prefix
 *       {@code z9hG4bKBroadWorks.qe24oq-192.168.9.205V5060-0-587158161-}), Max-Forwards 70 and 5, the start of the
 *       BroadWorks Accept list; the order in which the cards list headers.</li>
 *   <li>The SDP lines shown: Polycom {@code o=- 1276777554 1276777554}, {@code s=Polycom IP Phone},
 *       {@code m=audio 2222 RTP/AVP 8 0 18 101}, sendrecv, rtpmap 8 and 0; BroadWorks {@code o=BroadWorks 10478 1}
 *       with the Polycom's address and rtpmap 18; Linksys {@code o=- 6881 6881}, {@code m=audio 16468 RTP/AVP 0 101},
 *       rtpmap 0 and 101, {@code fmtp:101 0-15} (the page misprints it {@code fmp}), {@code ptime:30}, sendrecv;
 *       BroadWorks {@code o=BroadWorks 10479 3} with the Linksys's address.</li>
 *   <li>The server address 192.168.13.180: the page's BroadWorks INVITE has it in its Via, From and Call-ID.</li>
 * </ul>
 *
 * <h2>Inferred from the page</h2>
 * <ul>
 *   <li>BroadWorks' NOTIFY CSeqs track a millisecond clock (100560711 at 12:59:49.448, 100574493 at 13:00:03.234,
 *       100578835 at 13:00:07.572): that places NOTIFY 100570125/100570126 at frames 22/23, 100578835/100578836 at
 *       frames 62/63, and dates the invented NOTIFYs ({@code cseq = 100511262 + ms since 12:59:00}).</li>
 *   <li>Timed frames with no card pair up like the cards that have them: NOTIFYs go out in pairs 0.1-0.5 ms apart
 *       (31/32, 50/51, 62/63, 74/75), and BroadWorks relays each ACK 2-3 ms after the phone's (44/45, 56/57, 69/70).
 *       Frames the page marks "200 OK" are the 200s the protocol needs there.</li>
 *   <li>The 200 OK carrying the Linksys's {@code o=- 6881 6881} SDP is frame 64 (its card comes just before frame
 *       65's, whose SDP copies it). Linksys versions are therefore 6879 (answer), 6880 (hold), 6881 (retrieve),
 *       one session id throughout; BroadWorks keeps session 10478 towards the Linksys (versions 1-3) and 10479
 *       towards the caller's side (1, 2, then 3 in the .121 leg, as the page shows).</li>
 *   <li>CSeq 587158163 on the final ACK means two re-INVITEs on the Linksys leg (587158162 hold, 587158163
 *       retrieve); BYE 587158158 is BroadWorks' first request on the Polycom leg.</li>
 * </ul>
 *
 * <h2>Invented (plausibly, consistently)</h2>
 * <ul>
 *   <li>Frames 1-4, 6, 9-16, 18, 20, 24-27, 30, 34, 37-40, 43, 46, 47, 49, 52-55, 58, 60, 61, 64-68, 71-73,
 *       76-78 have no time on the page: their times are invented between the neighbouring printed ones. Frames
 *       9-16 are not on the page at all: the .121's 200s to NOTIFY 7 and 8, then the .212's REGISTER, call-info
 *       SUBSCRIBE and first NOTIFY with their 200s. Frames 17-18, a time and a "200 OK" line on the page, are an
 *       ARP exchange (the router refreshing its entry for .212): NOTES.md says the page gives non-SIP frames no
 *       line or a "200 OK" line.</li>
 *   <li>All tags, branches (in each vendor's style: Polycom {@code z9hG4bK} + 8 lower + 8 upper hex digits and
 *       {@code XXXXXXXX-XXXXXXXX} tags; Linksys {@code z9hG4bK-} + 8 hex and tags ending {@code o0}/{@code i0};
 *       BroadWorks {@code z9hG4bKBroadWorks.} branches and {@code number-milliseconds} tags), Request-URIs,
 *       Content-Length, Allow, Supported, Allow-Events, Accept-Language, Call-Info appearance states, the Polycom
 *       REGISTER Call-ID of .212, Linksys BYE CSeq 101, the rest of the BroadWorks Accept list, Max-Forwards 10 on
 *       BroadWorks NOTIFYs, and the SDP lines the page cuts ("2 more": rtpmap 18 and 101) or never shows (t=0 0,
 *       v=0, the hold and .121 SDPs). BroadWorks writes headers without a space after the colon; the phones with.</li>
 *   <li>Link and network layer: MACs (vendor OUIs: Linksys 00:0e:08, Polycom 00:04:f2, the router 00:1b:d4 at
 *       192.168.9.1 through which BroadWorks' packets arrive), IP ids per host, TTL 64 (phones) and 254 (BroadWorks,
 *       one hop), DF set by BroadWorks only, all SIP on UDP 5060, correct checksums. The capture point is a mirror
 *       port on the phones' LAN, so phone-to-phone RTP is visible.</li>
 *   <li>RTP. The page's numbering leaves no room for a media stream: every frame from 27 to 78 is SIP the page shows
 *       or implies, so the original was almost certainly signalling only. To have media both ways, RTP takes the
 *       only slots the page does not pin to SIP: frames 41 and 42 (times from the page) and 43 and 46 (no time on
 *       the page; the page says non-SIP frames got "200 OK" lines). Linksys to .212:2222 at 41, 43, 46 (PCMU,
 *       SSRC 0x2cb1f64a, seq 4711-4713, 30 ms = 240-byte payloads as its own {@code a=ptime:30} and the SPA default
 *       packet size say); .212 to Linksys:16468 at 42 (PCMU, SSRC 0x5e0a97c3, seq 19077, 20 ms = 160 bytes, the
 *       Polycom default). Symmetric ports. The payload is a quiet tone (350 Hz from the Linksys, 440 Hz from the
 *       Polycom). The page's choice also costs the two "call active" NOTIFYs BroadWorks would send on answer: the
 *       appearances learn of the call at seize, progress, hold, retrieve and idle.</li>
 * </ul>
 *
 * <p>Run {@code main} with a path to regenerate the file; the test {@code SeedCaptureTest} fails if the committed
 * file differs from {@link #bytes()}.
 */
public final class SeedCapture {
    /** 2010-06-17T12:59:00Z. */
    public static final long BASE_EPOCH_SECONDS = 1276779540L;
    public static final int FRAME_COUNT = 78;
    public static final String SERVER_IP = "192.168.13.180";
    public static final String LINKSYS_IP = "192.168.9.205";
    public static final String POLYCOM_600_IP = "192.168.9.121";
    public static final String POLYCOM_500_IP = "192.168.9.212";
    public static final String ROUTER_IP = "192.168.9.1";
    public static final String RELATIVE_PATH = "examples/sip-register-and-call.pcap";

    /** One frame of the capture: its 1-based number, time, a short description and its bytes. */
    public record Frame(int number, long epochSeconds, int micros, String summary, byte[] data) {
    }

    /** A host as seen on the capture's LAN: its address, its MAC and the MAC its frames carry (a router's). */
    private record Host(String ip, String mac, String l2Mac, int ttl, boolean df) {
    }

    private static final String DOMAIN = "virtsanity.mtl.broadsoft.com";
    private static final String BW_CONTACT = "<sip:" + DOMAIN + ":5060>";
    private static final String LINKSYS_UA = "Linksys/SPA941-5.1.5";
    private static final String SPIP600_UA = "PolycomSoundPointIP-SPIP_600-UA/2.0.3.0127";
    private static final String SPIP500_UA = "PolycomSoundPointIP-SPIP_500-UA/2.0.3.0127";
    private static final String POLYCOM_METHODS =
            "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, MESSAGE, SUBSCRIBE, NOTIFY, PRACK, UPDATE, REFER";
    private static final String LINKSYS_ALLOW = "ACK, BYE, CANCEL, INFO, INVITE, NOTIFY, OPTIONS, REFER";
    private static final String BW_ALLOW = "ACK,BYE,CANCEL,INFO,INVITE,OPTIONS,PRACK,REFER,NOTIFY,UPDATE";
    private static final String BW_ACCEPT = "multipart/mixed,application/dtmf-relay,application/media_control+xml,"
            + "application/sdp,application/vnd.etsi.aoc+xml,application/vnd.etsi.cug+xml,"
            + "application/x-broadworks-call-center+xml";
    private static final String BW_ALLOW_EVENTS = "call-info,line-seize,dialog,message-summary,as-feature-event,"
            + "x-broadworks-hoteling,x-broadworks-call-center-status";

    private static final String ROUTER_MAC = "00:1b:d4:5e:20:01";
    private static final Host LINKSYS = phone(LINKSYS_IP, "00:0e:08:d2:57:3c");
    private static final Host POLY600 = phone(POLYCOM_600_IP, "00:04:f2:1c:7a:15");
    private static final Host POLY500 = phone(POLYCOM_500_IP, "00:04:f2:0e:93:b6");
    private static final Host BW = new Host(SERVER_IP, ROUTER_MAC, ROUTER_MAC, 254, true);

    private SeedCapture() {
    }

    private static Host phone(String ip, String mac) {
        return new Host(ip, mac, mac, 64, false);
    }

    /** Writes the whole capture (classic pcap, little-endian, microseconds, Ethernet, snaplen 65535). */
    public static void write(OutputStream out) {
        try {
            PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false);
            for (Frame f : frames()) {
                w.write(f.epochSeconds(), f.micros() * 1000, f.data());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole capture file. */
    public static byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out);
        return out.toByteArray();
    }

    /** Writes the capture to {@code args[0]} (e.g. {@value #RELATIVE_PATH}). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SeedCapture <output.pcap>");
        }
        Path path = Path.of(args[0]);
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Files.write(path, bytes());
    }

    /** The 78 frames in capture order. */
    public static List<Frame> frames() {
        return new Script().frames();
    }

    /** Builds the frames; holds per-host IP id counters, so one instance per build. */
    private static final class Script {
        private final List<Frame> frames = new ArrayList<>();
        private int id500 = 0x1a2b;
        private int id600 = 0x3e07;
        private int idLinksys = 0x0c41;
        private int idBw = 0x5d10;

        List<Frame> frames() {
            registration();
            lineSeize();
            callSetup();
            hold();
            retrieve();
            hangUp();
            if (frames.size() != FRAME_COUNT) {
                throw new IllegalStateException("seed capture has " + frames.size() + " frames");
            }
            return List.copyOf(frames);
        }

        // ---------------------------------------------------------------- frames 1-18

        private void registration() {
            // 1-2 Linksys registration refresh
            String lsVia = "SIP/2.0/UDP 192.168.9.205:5060;branch=z9hG4bK-8a3c5e07";
            String lsFrom = "\"qq8006\" <sip:4182618006@" + DOMAIN + ">;tag=3b1d0c8fa1e2f6b4o0";
            sip(48_071_530, LINKSYS, BW, "REGISTER 4182618006", head(
                    "REGISTER sip:" + DOMAIN + " SIP/2.0",
                    "Via: " + lsVia,
                    "From: " + lsFrom,
                    "To: \"qq8006\" <sip:4182618006@" + DOMAIN + ">",
                    "Call-ID: ef1b738a-6e84666@192.168.9.205",
                    "CSeq: 12607 REGISTER",
                    "Max-Forwards: 70",
                    "Contact: \"qq8006\" <sip:4182618006@192.168.9.205:5060>;expires=3600",
                    "User-Agent: " + LINKSYS_UA,
                    "Content-Length: 0",
                    "Allow: " + LINKSYS_ALLOW,
                    "Supported: x-sipura"), "");
            sip(48_078_904, BW, LINKSYS, "200 OK (REGISTER)", head(
                    "SIP/2.0 200 OK",
                    "Via:" + lsVia,
                    "From:\"qq8006\" <sip:4182618006@" + DOMAIN + ">;tag=3b1d0c8fa1e2f6b4o0",
                    "To:\"qq8006\" <sip:4182618006@" + DOMAIN + ">;tag=1108417362-1276779588078",
                    "Call-ID:ef1b738a-6e84666@192.168.9.205",
                    "CSeq:12607 REGISTER",
                    "Contact:<sip:4182618006@192.168.9.205:5060>;q=0.5;expires=3599",
                    "Allow-Events:" + BW_ALLOW_EVENTS,
                    "Content-Length:0"), "");

            // 3-4 SPIP_600 (.121) registers the shared appearance 6010_SCA1
            String sca = "<sip:6010_SCA1@" + DOMAIN + ">";
            String reg600Via = "SIP/2.0/UDP 192.168.9.121;branch=z9hG4bK2d0a5f0e1E7D9C3A";
            sip(49_425_311, POLY600, BW, "REGISTER 6010_SCA1", head(
                    "REGISTER sip:" + DOMAIN + " SIP/2.0",
                    "Via: " + reg600Via,
                    "From: " + sca + ";tag=E9C2B5A4-6B1F3D0E",
                    "To: " + sca,
                    "CSeq: 1 REGISTER",
                    "Call-ID: 86a1892a-addef550-61641e4b@192.168.9.121",
                    "Contact: <sip:6010_SCA1@192.168.9.121>;methods=\"" + POLYCOM_METHODS + "\"",
                    "User-Agent: " + SPIP600_UA,
                    "Accept-Language: en",
                    "Max-Forwards: 70",
                    "Expires: 3600",
                    "Content-Length: 0"), "");
            sip(49_431_820, BW, POLY600, "200 OK (REGISTER)", head(
                    "SIP/2.0 200 OK",
                    "Via:" + reg600Via,
                    "From:" + sca + ";tag=E9C2B5A4-6B1F3D0E",
                    "To:" + sca + ";tag=1531985720-1276779589431",
                    "Call-ID:86a1892a-addef550-61641e4b@192.168.9.121",
                    "CSeq:1 REGISTER",
                    "Contact:<sip:6010_SCA1@192.168.9.121>;q=0.5;expires=3599",
                    "Allow-Events:" + BW_ALLOW_EVENTS,
                    "Content-Length:0"), "");

            // 5-6 call-info subscription of .121
            String sub600 = "37ac204-dff2e01a-8cb7264d@192.168.9.121";
            String sub600Tag = "1D4F8E2B-73A09C61";
            String sub600BwTag = "1860212573-1276779589446";
            String sub600Via = "SIP/2.0/UDP 192.168.9.121;branch=z9hG4bK5c81e3a96F20B7D14";
            sip(49_443_688, POLY600, BW, "SUBSCRIBE call-info", head(
                    "SUBSCRIBE sip:6010_SCA1@" + DOMAIN + " SIP/2.0",
                    "Via: " + sub600Via,
                    "From: " + sca + ";tag=" + sub600Tag,
                    "To: " + sca,
                    "CSeq: 1 SUBSCRIBE",
                    "Call-ID: " + sub600,
                    "Contact: <sip:6010_SCA1@192.168.9.121>",
                    "User-Agent: " + SPIP600_UA,
                    "Accept-Language: en",
                    "Event: call-info",
                    "Max-Forwards: 70",
                    "Expires: 3600",
                    "Content-Length: 0"), "");
            sip(49_446_902, BW, POLY600, "200 OK (SUBSCRIBE)", head(
                    "SIP/2.0 200 OK",
                    "Via:" + sub600Via,
                    "From:" + sca + ";tag=" + sub600Tag,
                    "To:" + sca + ";tag=" + sub600BwTag,
                    "Call-ID:" + sub600,
                    "CSeq:1 SUBSCRIBE",
                    "Expires:3598",
                    "Contact:" + BW_CONTACT,
                    "Content-Length:0"), "");

            // 7 stale subscription of .121 (from before its restart) terminated; 8 first NOTIFY of the new one
            Subscription stale = new Subscription(POLY600, "6010_SCA1", "8a828c02-69a66330-599a7565@192.168.9.121",
                    "446129175-1276777412873", "4F6C2A0B-9D13E587");
            Subscription info600 = new Subscription(POLY600, "6010_SCA1", sub600, sub600BwTag, sub600Tag);
            String n7 = notify(49_448_129, stale, 100560711, "call-info", "terminated", null, "k3v8sd");
            String n8 = notify(49_448_537, info600, 100560712, "call-info", "active;expires=3598",
                    "appearance-index=*;appearance-state=idle", "9fq2mx");
            notifyOk(49_461_276, stale, 100560711, n7);
            notifyOk(49_463_054, info600, 100560712, n8);

            // 11-16 SPIP_500 (.212) registers as 4505656010 and subscribes to call-info
            String aor = "<sip:4505656010@" + DOMAIN + ">";
            String reg500Via = "SIP/2.0/UDP 192.168.9.212;branch=z9hG4bK71e4c0b2A94D5E38";
            sip(50_882_431, POLY500, BW, "REGISTER 4505656010", head(
                    "REGISTER sip:" + DOMAIN + " SIP/2.0",
                    "Via: " + reg500Via,
                    "From: " + aor + ";tag=A73E01C5-5B92D4F8",
                    "To: " + aor,
                    "CSeq: 1 REGISTER",
                    "Call-ID: 5f3c2a1e-8d1b4c07-2e9a6f31@192.168.9.212",
                    "Contact: <sip:4505656010@192.168.9.212>;methods=\"" + POLYCOM_METHODS + "\"",
                    "User-Agent: " + SPIP500_UA,
                    "Accept-Language: en",
                    "Max-Forwards: 70",
                    "Expires: 3600",
                    "Content-Length: 0"), "");
            sip(50_888_716, BW, POLY500, "200 OK (REGISTER)", head(
                    "SIP/2.0 200 OK",
                    "Via:" + reg500Via,
                    "From:" + aor + ";tag=A73E01C5-5B92D4F8",
                    "To:" + aor + ";tag=772093651-1276779590888",
                    "Call-ID:5f3c2a1e-8d1b4c07-2e9a6f31@192.168.9.212",
                    "CSeq:1 REGISTER",
                    "Contact:<sip:4505656010@192.168.9.212>;q=0.5;expires=3599",
                    "Allow-Events:" + BW_ALLOW_EVENTS,
                    "Content-Length:0"), "");
            String sub500Via = "SIP/2.0/UDP 192.168.9.212;branch=z9hG4bK0b6d93f7C15A2E80";
            sip(50_903_577, POLY500, BW, "SUBSCRIBE call-info", head(
                    "SUBSCRIBE sip:4505656010@" + DOMAIN + " SIP/2.0",
                    "Via: " + sub500Via,
                    "From: " + aor + ";tag=" + INFO500.subscriberTag(),
                    "To: " + aor,
                    "CSeq: 1 SUBSCRIBE",
                    "Call-ID: " + INFO500.callId(),
                    "Contact: <sip:4505656010@192.168.9.212>",
                    "User-Agent: " + SPIP500_UA,
                    "Accept-Language: en",
                    "Event: call-info",
                    "Max-Forwards: 70",
                    "Expires: 3600",
                    "Content-Length: 0"), "");
            sip(50_906_850, BW, POLY500, "200 OK (SUBSCRIBE)", head(
                    "SIP/2.0 200 OK",
                    "Via:" + sub500Via,
                    "From:" + aor + ";tag=" + INFO500.subscriberTag(),
                    "To:" + aor + ";tag=" + INFO500.notifierTag(),
                    "Call-ID:" + INFO500.callId(),
                    "CSeq:1 SUBSCRIBE",
                    "Expires:3598",
                    "Contact:" + BW_CONTACT,
                    "Content-Length:0"), "");
            String n15 = notify(50_908_114, INFO500, 100562170, "call-info", "active;expires=3598",
                    "appearance-index=*;appearance-state=idle", "2hw6ru");
            notifyOk(50_921_345, INFO500, 100562170, n15);

            // 17-18 the router refreshes its ARP entry for .212
            frame(54_062_749, "ARP who-has 192.168.9.212", PacketBuilder.ethernet(
                    PacketBuilder.mac("ff:ff:ff:ff:ff:ff"), PacketBuilder.mac(ROUTER_MAC), PacketBuilder.ETH_ARP,
                    PacketBuilder.arp(1, PacketBuilder.mac(ROUTER_MAC), ROUTER_IP, new byte[6], POLYCOM_500_IP)));
            frame(54_063_211, "ARP 192.168.9.212 is-at", PacketBuilder.ethernet(
                    PacketBuilder.mac(ROUTER_MAC), PacketBuilder.mac(POLY500.mac()), PacketBuilder.ETH_ARP,
                    PacketBuilder.arp(2, PacketBuilder.mac(POLY500.mac()), POLYCOM_500_IP,
                            PacketBuilder.mac(ROUTER_MAC), ROUTER_IP)));
        }

        // ---------------------------------------------------------------- frames 19-26

        private void lineSeize() {
            String aor = "<sip:4505656010@" + DOMAIN + ">";
            String seizeVia = "SIP/2.0/UDP 192.168.9.212;branch=z9hG4bK4e07a2d6B3F81C95";
            sip(58_858_566, POLY500, BW, "SUBSCRIBE line-seize", head(
                    "SUBSCRIBE sip:4505656010@" + DOMAIN + " SIP/2.0",
                    "Via: " + seizeVia,
                    "From: " + aor + ";tag=" + SEIZE.subscriberTag(),
                    "To: " + aor,
                    "CSeq: 1 SUBSCRIBE",
                    "Call-ID: " + SEIZE.callId(),
                    "Contact: <sip:4505656010@192.168.9.212>",
                    "User-Agent: " + SPIP500_UA,
                    "Accept-Language: en",
                    "Event: line-seize",
                    "Max-Forwards: 70",
                    "Expires: 15",
                    "Content-Length: 0"), "");
            sip(58_861_062, BW, POLY500, "200 OK (SUBSCRIBE)", head(
                    "SIP/2.0 200 OK",
                    "Via:" + seizeVia,
                    "From:" + aor + ";tag=" + SEIZE.subscriberTag(),
                    "To:" + aor + ";tag=" + SEIZE.notifierTag(),
                    "Call-ID:" + SEIZE.callId(),
                    "CSeq:1 SUBSCRIBE",
                    "Expires:15",
                    "Contact:" + BW_CONTACT,
                    "Content-Length:0"), "");
            String n21 = notify(58_861_725, INFO600, 100570124, "call-info", "active;expires=3589",
                    "appearance-index=1;appearance-state=seized", "c41xa0");
            String n22 = notify(58_862_775, SEIZE, 100570125, "line-seize", "active;expires=15", null, "c41xa1");
            String n23 = notify(58_863_116, INFO500, 100570126, "call-info", "active;expires=3590",
                    "appearance-index=1;appearance-state=seized", "c41xa2");
            notifyOk(58_872_480, INFO600, 100570124, n21);
            notifyOk(58_875_903, SEIZE, 100570125, n22);
            notifyOk(58_877_614, INFO500, 100570126, n23);
        }

        // ---------------------------------------------------------------- frames 27-46

        private void callSetup() {
            String sdpOffer = sdp(
                    "v=0",
                    "o=- 1276777554 1276777554 IN IP4 192.168.9.212",
                    "s=Polycom IP Phone",
                    "c=IN IP4 192.168.9.212",
                    "t=0 0",
                    "a=sendrecv",
                    "m=audio 2222 RTP/AVP 8 0 18 101",
                    "a=rtpmap:8 PCMA/8000",
                    "a=rtpmap:0 PCMU/8000",
                    "a=rtpmap:18 G729/8000",
                    "a=rtpmap:101 telephone-event/8000");
            sip(63_224_417, POLY500, BW, "INVITE 4505656010 -> 4182618006", head(
                    "INVITE sip:4182618006@" + DOMAIN + ";user=phone SIP/2.0",
                    "Via: " + LEG_A_VIA,
                    "From: " + LEG_A_CALLER + ";tag=" + LEG_A_CALLER_TAG,
                    "To: " + LEG_A_CALLEE,
                    "CSeq: 1 INVITE",
                    "Call-ID: " + LEG_A,
                    "Contact: <sip:4505656010@192.168.9.212>",
                    "User-Agent: " + SPIP500_UA,
                    "Accept-Language: en",
                    "Supported: 100rel,replaces",
                    "Allow-Events: talk,hold,conference",
                    "Max-Forwards: 70",
                    "Content-Type: application/sdp",
                    "Content-Length: {LEN}"), sdpOffer);
            sip(63_226_903, BW, POLY500, "100 Trying (INVITE)", head(
                    "SIP/2.0 100 Trying",
                    "Via:" + LEG_A_VIA,
                    "From:" + LEG_A_CALLER + ";tag=" + LEG_A_CALLER_TAG,
                    "To:" + LEG_A_CALLEE,
                    "Call-ID:" + LEG_A,
                    "CSeq:1 INVITE",
                    "Content-Length:0"), "");
            String n29 = notify(63_233_736, SEIZE, 100574493, "line-seize", "terminated", null, "qe24ny");

            String bwOffer = sdp(
                    "v=0",
                    "o=BroadWorks 10478 1 IN IP4 192.168.9.212",
                    "s=-",
                    "c=IN IP4 192.168.9.212",
                    "t=0 0",
                    "a=sendrecv",
                    "m=audio 2222 RTP/AVP 8 0 18 101",
                    "a=rtpmap:8 PCMA/8000",
                    "a=rtpmap:0 PCMU/8000",
                    "a=rtpmap:18 G729/8000",
                    "a=rtpmap:101 telephone-event/8000");
            sip(63_234_402, BW, LINKSYS, "INVITE 66010 -> 4182618006", head(
                    "INVITE sip:4182618006@192.168.9.205:5060 SIP/2.0",
                    "Via:" + LEG_B_VIA,
                    "From:" + LEG_B_CALLER + ";tag=" + LEG_B_BW_TAG,
                    "To:" + LEG_B_CALLEE,
                    "Call-ID:" + LEG_B,
                    "CSeq:587158161 INVITE",
                    "Contact:" + BW_CONTACT,
                    "Allow:" + BW_ALLOW,
                    "Max-Forwards:5",
                    "Content-Type:application/sdp",
                    "Content-Length:{LEN}"), bwOffer);
            String n31 = notify(63_234_874, INFO500, 100574494, "call-info", "active;expires=3585",
                    "appearance-index=1;appearance-state=progressing", "qe24oz");
            String n32 = notify(63_235_005, INFO600, 100574495, "call-info", "active;expires=3584",
                    "appearance-index=1;appearance-state=progressing", "qe24p0");
            sip(63_260_969, LINKSYS, BW, "100 Trying (INVITE)", head(
                    "SIP/2.0 100 Trying",
                    "To: " + LEG_B_CALLEE,
                    "From: " + LEG_B_CALLER + ";tag=" + LEG_B_BW_TAG,
                    "Call-ID: " + LEG_B,
                    "CSeq: 587158161 INVITE",
                    "Via: " + LEG_B_VIA,
                    "Server: " + LINKSYS_UA,
                    "Content-Length: 0"), "");
            notifyOk(63_263_327, INFO600, 100574495, n32);
            sip(63_284_849, LINKSYS, BW, "180 Ringing (INVITE)", head(
                    "SIP/2.0 180 Ringing",
                    "To: " + LEG_B_CALLEE + ";tag=" + LEG_B_LINKSYS_TAG,
                    "From: " + LEG_B_CALLER + ";tag=" + LEG_B_BW_TAG,
                    "Call-ID: " + LEG_B,
                    "CSeq: 587158161 INVITE",
                    "Via: " + LEG_B_VIA,
                    "Contact: \"qq8006\" <sip:4182618006@192.168.9.205:5060>",
                    "Server: " + LINKSYS_UA,
                    "Content-Length: 0",
                    "Allow: " + LINKSYS_ALLOW,
                    "Supported: x-sipura"), "");
            sip(63_286_454, BW, POLY500, "180 Ringing (INVITE)", head(
                    "SIP/2.0 180 Ringing",
                    "Via:" + LEG_A_VIA,
                    "From:" + LEG_A_CALLER + ";tag=" + LEG_A_CALLER_TAG,
                    "To:" + LEG_A_CALLEE + ";tag=" + LEG_A_BW_TAG,
                    "Call-ID:" + LEG_A,
                    "CSeq:1 INVITE",
                    "Contact:" + BW_CONTACT,
                    "Allow:" + BW_ALLOW,
                    "Content-Length:0"), "");
            notifyOk(63_301_872, SEIZE, 100574493, n29);
            notifyOk(63_304_190, INFO500, 100574494, n31);

            sip(64_288_604, LINKSYS, BW, "200 OK (INVITE) PCMU answer", head(
                    "SIP/2.0 200 OK",
                    "To: " + LEG_B_CALLEE + ";tag=" + LEG_B_LINKSYS_TAG,
                    "From: " + LEG_B_CALLER + ";tag=" + LEG_B_BW_TAG,
                    "Call-ID: " + LEG_B,
                    "CSeq: 587158161 INVITE",
                    "Via: " + LEG_B_VIA,
                    "Contact: \"qq8006\" <sip:4182618006@192.168.9.205:5060>",
                    "Server: " + LINKSYS_UA,
                    "Content-Length: {LEN}",
                    "Allow: " + LINKSYS_ALLOW,
                    "Supported: x-sipura",
                    "Content-Type: application/sdp"), linksysSdp(6879, "sendrecv"));
            sip(64_289_871, BW, POLY500, "200 OK (INVITE) PCMU answer", head(
                    "SIP/2.0 200 OK",
                    "Via:" + LEG_A_VIA,
                    "From:" + LEG_A_CALLER + ";tag=" + LEG_A_CALLER_TAG,
                    "To:" + LEG_A_CALLEE + ";tag=" + LEG_A_BW_TAG,
                    "Call-ID:" + LEG_A,
                    "CSeq:1 INVITE",
                    "Accept:" + BW_ACCEPT,
                    "Contact:" + BW_CONTACT,
                    "Allow:" + BW_ALLOW,
                    "Content-Type:application/sdp",
                    "Content-Length:{LEN}"), bwAnswer(10479, 1, "sendrecv"));

            rtpLinksys(64_290_179, 0, true);
            rtpPolycom(64_290_463);
            rtpLinksys(64_320_179, 1, false);
            sip(64_346_156, POLY500, BW, "ACK (200 INVITE)", head(
                    "ACK sip:" + DOMAIN + ":5060 SIP/2.0",
                    "Via: SIP/2.0/UDP 192.168.9.212;branch=z9hG4bK6a2f0c51D84E9B07",
                    "From: " + LEG_A_CALLER + ";tag=" + LEG_A_CALLER_TAG,
                    "To: " + LEG_A_CALLEE + ";tag=" + LEG_A_BW_TAG,
                    "CSeq: 1 ACK",
                    "Call-ID: " + LEG_A,
                    "User-Agent: " + SPIP500_UA,
                    "Max-Forwards: 70",
                    "Content-Length: 0"), "");
            bwAckToLinksys(64_348_473, 587158161, "qe25d2", "1276779604348");
            rtpLinksys(64_350_179, 2, false);
        }

        // ---------------------------------------------------------------- frames 47-57

        private void hold() {
            String holdVia = "SIP/2.0/UDP 192.168.9.212;branch=z9hG4bK1f93b7e0A25C6D48";
            sip(65_758_964, POLY500, BW, "re-INVITE hold (sendonly)", head(
                    "INVITE sip:" + DOMAIN + ":5060 SIP/2.0",
                    "Via: " + holdVia,
                    "From: " + LEG_A_CALLER + ";tag=" + LEG_A_CALLER_TAG,
                    "To: " + LEG_A_CALLEE + ";tag=" + LEG_A_BW_TAG,
                    "CSeq: 2 INVITE",
                    "Call-ID: " + LEG_A,
                    "Contact: <sip:4505656010@192.168.9.212>",
                    "User-Agent: " + SPIP500_UA,
                    "Accept-Language: en",
                    "Supported: 100rel,replaces",
                    "Allow-Events: talk,hold,conference",
                    "Max-Forwards: 70",
                    "Content-Type: application/sdp",
                    "Content-Length: {LEN}"), sdp(
                    "v=0",
                    "o=- 1276777554 1276777555 IN IP4 192.168.9.212",
                    "s=Polycom IP Phone",
                    "c=IN IP4 192.168.9.212",
                    "t=0 0",
                    "a=sendonly",
                    "m=audio 2222 RTP/AVP 0 101",
                    "a=rtpmap:0 PCMU/8000",
                    "a=rtpmap:101 telephone-event/8000"));
            sip(65_761_219, BW, POLY500, "100 Trying (re-INVITE)", head(
                    "SIP/2.0 100 Trying",
                    "Via:" + holdVia,
                    "From:" + LEG_A_CALLER + ";tag=" + LEG_A_CALLER_TAG,
                    "To:" + LEG_A_CALLEE + ";tag=" + LEG_A_BW_TAG,
                    "Call-ID:" + LEG_A,
                    "CSeq:2 INVITE",
                    "Content-Length:0"), "");
            String holdBwVia = "SIP/2.0/UDP 192.168.13.180;branch=z9hG4bKBroadWorks.qe28bf-192.168.9.205V5060-0-"
                    + "587158162-1108620617-1276779605763-";
            sip(65_763_512, BW, LINKSYS, "re-INVITE hold (sendonly)", head(
                    "INVITE sip:4182618006@192.168.9.205:5060 SIP/2.0",
                    "Via:" + holdBwVia,
                    "From:" + LEG_B_CALLER + ";tag=" + LEG_B_BW_TAG,
                    "To:" + LEG_B_CALLEE + ";tag=" + LEG_B_LINKSYS_TAG,
                    "Call-ID:" + LEG_B,
                    "CSeq:587158162 INVITE",
                    "Contact:" + BW_CONTACT,
                    "Allow:" + BW_ALLOW,
                    "Max-Forwards:5",
                    "Content-Type:application/sdp",
                    "Content-Length:{LEN}"), sdp(
                    "v=0",
                    "o=BroadWorks 10478 2 IN IP4 192.168.9.212",
                    "s=-",
                    "c=IN IP4 192.168.9.212",
                    "t=0 0",
                    "a=sendonly",
                    "m=audio 2222 RTP/AVP 0 101",
                    "a=rtpmap:0 PCMU/8000",
                    "a=rtpmap:101 telephone-event/8000"));
            String n50 = notify(65_764_048, INFO500, 100577026, "call-info", "active;expires=3583",
                    "appearance-index=1;appearance-state=held", "qe28c0");
            String n51 = notify(65_764_504, INFO600, 100577027, "call-info", "active;expires=3582",
                    "appearance-index=1;appearance-state=held", "qe28c1");
            notifyOk(65_779_331, INFO500, 100577026, n50);
            notifyOk(65_781_046, INFO600, 100577027, n51);
            sip(65_929_518, LINKSYS, BW, "200 OK (re-INVITE) recvonly", head(
                    "SIP/2.0 200 OK",
                    "To: " + LEG_B_CALLEE + ";tag=" + LEG_B_LINKSYS_TAG,
                    "From: " + LEG_B_CALLER + ";tag=" + LEG_B_BW_TAG,
                    "Call-ID: " + LEG_B,
                    "CSeq: 587158162 INVITE",
                    "Via: " + holdBwVia,
                    "Contact: \"qq8006\" <sip:4182618006@192.168.9.205:5060>",
                    "Server: " + LINKSYS_UA,
                    "Content-Length: {LEN}",
                    "Allow: " + LINKSYS_ALLOW,
                    "Supported: x-sipura",
                    "Content-Type: application/sdp"), linksysSdp(6880, "recvonly"));
            sip(65_930_822, BW, POLY500, "200 OK (re-INVITE) recvonly", head(
                    "SIP/2.0 200 OK",
                    "Via:" + holdVia,
                    "From:" + LEG_A_CALLER + ";tag=" + LEG_A_CALLER_TAG,
                    "To:" + LEG_A_CALLEE + ";tag=" + LEG_A_BW_TAG,
                    "Call-ID:" + LEG_A,
                    "CSeq:2 INVITE",
                    "Accept:" + BW_ACCEPT,
                    "Contact:" + BW_CONTACT,
                    "Allow:" + BW_ALLOW,
                    "Content-Type:application/sdp",
                    "Content-Length:{LEN}"), bwAnswer(10479, 2, "recvonly"));
            sip(65_934_260, POLY500, BW, "ACK (200 re-INVITE)", head(
                    "ACK sip:" + DOMAIN + ":5060 SIP/2.0",
                    "Via: SIP/2.0/UDP 192.168.9.212;branch=z9hG4bK58c0e2a9F61B3D07",
                    "From: " + LEG_A_CALLER + ";tag=" + LEG_A_CALLER_TAG,
                    "To: " + LEG_A_CALLEE + ";tag=" + LEG_A_BW_TAG,
                    "CSeq: 2 ACK",
                    "Call-ID: " + LEG_A,
                    "User-Agent: " + SPIP500_UA,
                    "Max-Forwards: 70",
                    "Content-Length: 0"), "");
            bwAckToLinksys(65_936_907, 587158162, "qe28e5", "1276779605936");
        }

        // ---------------------------------------------------------------- frames 58-70

        private void retrieve() {
            String sca = "<sip:6010_SCA1@" + DOMAIN + ">";
            String legC = "86678647-ad658fe5-e60b77bc@192.168.9.121";
            String callerTag = "B85E36D2-04A9F17C";
            String bwTag = "305118364-1276779607569";
            String inviteVia = "SIP/2.0/UDP 192.168.9.121;branch=z9hG4bK7d25a9c3E0F64B18";
            sip(67_565_873, POLY600, BW, "INVITE retrieve on 6010_SCA1", head(
                    "INVITE sip:6010_SCA1@" + DOMAIN + " SIP/2.0",
                    "Via: " + inviteVia,
                    "From: " + sca + ";tag=" + callerTag,
                    "To: " + sca,
                    "CSeq: 1 INVITE",
                    "Call-ID: " + legC,
                    "Contact: <sip:6010_SCA1@192.168.9.121>",
                    "User-Agent: " + SPIP600_UA,
                    "Accept-Language: en",
                    "Call-Info: <sip:" + DOMAIN + ">;appearance-index=1",
                    "Supported: 100rel,replaces",
                    "Allow-Events: talk,hold,conference",
                    "Max-Forwards: 70",
                    "Content-Type: application/sdp",
                    "Content-Length: {LEN}"), sdp(
                    "v=0",
                    "o=- 1276777558 1276777558 IN IP4 192.168.9.121",
                    "s=Polycom IP Phone",
                    "c=IN IP4 192.168.9.121",
                    "t=0 0",
                    "a=sendrecv",
                    "m=audio 2222 RTP/AVP 8 0 18 101",
                    "a=rtpmap:8 PCMA/8000",
                    "a=rtpmap:0 PCMU/8000",
                    "a=rtpmap:18 G729/8000",
                    "a=rtpmap:101 telephone-event/8000"));
            sip(67_569_148, BW, POLY600, "100 Trying (INVITE)", head(
                    "SIP/2.0 100 Trying",
                    "Via:" + inviteVia,
                    "From:" + sca + ";tag=" + callerTag,
                    "To:" + sca,
                    "Call-ID:" + legC,
                    "CSeq:1 INVITE",
                    "Content-Length:0"), "");
            String byeVia = "SIP/2.0/UDP 192.168.13.180;branch=z9hG4bKBroadWorks.qe2cf1-192.168.9.212V5060-0-"
                    + "587158158-1939514263-1276779607570-";
            sip(67_570_955, BW, POLY500, "BYE (BroadWorks releases the .212 leg)", head(
                    "BYE sip:4505656010@192.168.9.212 SIP/2.0",
                    "Via:" + byeVia,
                    "From:" + LEG_A_CALLEE + ";tag=" + LEG_A_BW_TAG,
                    "To:" + LEG_A_CALLER + ";tag=" + LEG_A_CALLER_TAG,
                    "Call-ID:" + LEG_A,
                    "CSeq:587158158 BYE",
                    "Max-Forwards:5",
                    "Content-Length:0"), "");
            String retrieveVia = "SIP/2.0/UDP 192.168.13.180;branch=z9hG4bKBroadWorks.qe2cf2-192.168.9.205V5060-0-"
                    + "587158163-1108620617-1276779607571-";
            sip(67_571_513, BW, LINKSYS, "re-INVITE to 192.168.9.121", head(
                    "INVITE sip:4182618006@192.168.9.205:5060 SIP/2.0",
                    "Via:" + retrieveVia,
                    "From:" + LEG_B_CALLER + ";tag=" + LEG_B_BW_TAG,
                    "To:" + LEG_B_CALLEE + ";tag=" + LEG_B_LINKSYS_TAG,
                    "Call-ID:" + LEG_B,
                    "CSeq:587158163 INVITE",
                    "Contact:" + BW_CONTACT,
                    "Allow:" + BW_ALLOW,
                    "Max-Forwards:5",
                    "Content-Type:application/sdp",
                    "Content-Length:{LEN}"), sdp(
                    "v=0",
                    "o=BroadWorks 10478 3 IN IP4 192.168.9.121",
                    "s=-",
                    "c=IN IP4 192.168.9.121",
                    "t=0 0",
                    "a=sendrecv",
                    "m=audio 2222 RTP/AVP 8 0 18 101",
                    "a=rtpmap:8 PCMA/8000",
                    "a=rtpmap:0 PCMU/8000",
                    "a=rtpmap:18 G729/8000",
                    "a=rtpmap:101 telephone-event/8000"));
            String n62 = notify(67_572_069, INFO500, 100578835, "call-info", "active;expires=3581",
                    "appearance-index=1;appearance-state=active", "qe2cf3");
            String n63 = notify(67_572_413, INFO600, 100578836, "call-info", "active;expires=3580",
                    "appearance-index=1;appearance-state=active", "qe2cf4");
            sip(67_598_207, LINKSYS, BW, "200 OK (re-INVITE) PCMU answer", head(
                    "SIP/2.0 200 OK",
                    "To: " + LEG_B_CALLEE + ";tag=" + LEG_B_LINKSYS_TAG,
                    "From: " + LEG_B_CALLER + ";tag=" + LEG_B_BW_TAG,
                    "Call-ID: " + LEG_B,
                    "CSeq: 587158163 INVITE",
                    "Via: " + retrieveVia,
                    "Contact: \"qq8006\" <sip:4182618006@192.168.9.205:5060>",
                    "Server: " + LINKSYS_UA,
                    "Content-Length: {LEN}",
                    "Allow: " + LINKSYS_ALLOW,
                    "Supported: x-sipura",
                    "Content-Type: application/sdp"), linksysSdp(6881, "sendrecv"));
            sip(67_599_636, BW, POLY600, "200 OK (INVITE) PCMU answer", head(
                    "SIP/2.0 200 OK",
                    "Via:" + inviteVia,
                    "From:" + sca + ";tag=" + callerTag,
                    "To:" + sca + ";tag=" + bwTag,
                    "Call-ID:" + legC,
                    "CSeq:1 INVITE",
                    "Accept:" + BW_ACCEPT,
                    "Contact:" + BW_CONTACT,
                    "Allow:" + BW_ALLOW,
                    "Content-Type:application/sdp",
                    "Content-Length:{LEN}"), bwAnswer(10479, 3, "sendrecv"));
            sip(67_601_874, POLY500, BW, "200 OK (BYE)", head(
                    "SIP/2.0 200 OK",
                    "Via: " + byeVia,
                    "From: " + LEG_A_CALLEE + ";tag=" + LEG_A_BW_TAG,
                    "To: " + LEG_A_CALLER + ";tag=" + LEG_A_CALLER_TAG,
                    "CSeq: 587158158 BYE",
                    "Call-ID: " + LEG_A,
                    "Contact: <sip:4505656010@192.168.9.212>",
                    "Content-Length: 0"), "");
            notifyOk(67_603_519, INFO600, 100578836, n63);
            notifyOk(67_609_930, INFO500, 100578835, n62);
            sip(67_706_701, POLY600, BW, "ACK (200 INVITE)", head(
                    "ACK sip:" + DOMAIN + ":5060 SIP/2.0",
                    "Via: SIP/2.0/UDP 192.168.9.121;branch=z9hG4bK2b8f4d60C97A1E35",
                    "From: " + sca + ";tag=" + callerTag,
                    "To: " + sca + ";tag=" + bwTag,
                    "CSeq: 1 ACK",
                    "Call-ID: " + legC,
                    "User-Agent: " + SPIP600_UA,
                    "Max-Forwards: 70",
                    "Content-Length: 0"), "");
            bwAckToLinksys(67_708_610, 587158163, "qe2ck8", "1276779607708");
        }

        // ---------------------------------------------------------------- frames 71-78

        private void hangUp() {
            String sca = "<sip:6010_SCA1@" + DOMAIN + ">";
            String legC = "86678647-ad658fe5-e60b77bc@192.168.9.121";
            String lsByeVia = "SIP/2.0/UDP 192.168.9.205:5060;branch=z9hG4bK-41d2a9f6";
            sip(70_611_842, LINKSYS, BW, "BYE (Linksys hangs up)", head(
                    "BYE sip:" + DOMAIN + ":5060 SIP/2.0",
                    "Via: " + lsByeVia,
                    "From: " + LEG_B_CALLEE + ";tag=" + LEG_B_LINKSYS_TAG,
                    "To: " + LEG_B_CALLER + ";tag=" + LEG_B_BW_TAG,
                    "Call-ID: " + LEG_B,
                    "CSeq: 101 BYE",
                    "Max-Forwards: 70",
                    "User-Agent: " + LINKSYS_UA,
                    "Content-Length: 0"), "");
            sip(70_613_307, BW, LINKSYS, "200 OK (BYE)", head(
                    "SIP/2.0 200 OK",
                    "Via:" + lsByeVia,
                    "From:" + LEG_B_CALLEE + ";tag=" + LEG_B_LINKSYS_TAG,
                    "To:" + LEG_B_CALLER + ";tag=" + LEG_B_BW_TAG,
                    "Call-ID:" + LEG_B,
                    "CSeq:101 BYE",
                    "Content-Length:0"), "");
            String byeVia = "SIP/2.0/UDP 192.168.13.180;branch=z9hG4bKBroadWorks.qe2fa3-192.168.9.121V5060-0-"
                    + "587158171-305118364-1276779610614-";
            sip(70_614_950, BW, POLY600, "BYE (BroadWorks releases the .121 leg)", head(
                    "BYE sip:6010_SCA1@192.168.9.121 SIP/2.0",
                    "Via:" + byeVia,
                    "From:" + sca + ";tag=305118364-1276779607569",
                    "To:" + sca + ";tag=B85E36D2-04A9F17C",
                    "Call-ID:" + legC,
                    "CSeq:587158171 BYE",
                    "Max-Forwards:5",
                    "Content-Length:0"), "");
            String n74 = notify(70_615_482, INFO500, 100581877, "call-info", "active;expires=3578",
                    "appearance-index=*;appearance-state=idle", "qe2fa4");
            String n75 = notify(70_615_759, INFO600, 100581878, "call-info", "active;expires=3577",
                    "appearance-index=*;appearance-state=idle", "qe2fa5");
            sip(70_628_114, POLY600, BW, "200 OK (BYE)", head(
                    "SIP/2.0 200 OK",
                    "Via: " + byeVia,
                    "From: " + sca + ";tag=305118364-1276779607569",
                    "To: " + sca + ";tag=B85E36D2-04A9F17C",
                    "CSeq: 587158171 BYE",
                    "Call-ID: " + legC,
                    "Contact: <sip:6010_SCA1@192.168.9.121>",
                    "Content-Length: 0"), "");
            notifyOk(70_631_530, INFO500, 100581877, n74);
            notifyOk(70_640_227, INFO600, 100581878, n75);
        }

        // ---------------------------------------------------------------- message helpers

        /** A call-info or line-seize subscription: the phone subscribes, BroadWorks notifies; each side's tag. */
        private record Subscription(Host phone, String user, String callId, String notifierTag, String subscriberTag) {
        }

        private String notify(int micros, Subscription n, long cseq, String event, String state, String callInfo,
                              String branchId) {
            String aor = "<sip:" + n.user() + "@" + DOMAIN + ">";
            String via = "SIP/2.0/UDP 192.168.13.180;branch=z9hG4bKBroadWorks." + branchId + "-" + n.phone().ip()
                    + "V5060-0-" + cseq + "-" + n.notifierTag().substring(0, n.notifierTag().indexOf('-')) + "-"
                    + (BASE_EPOCH_SECONDS * 1000 + micros / 1000) + "-";
            List<String> lines = new ArrayList<>(List.of(
                    "NOTIFY sip:" + n.user() + "@" + n.phone().ip() + " SIP/2.0",
                    "Via:" + via,
                    "From:" + aor + ";tag=" + n.notifierTag(),
                    "To:" + aor + ";tag=" + n.subscriberTag(),
                    "Call-ID:" + n.callId(),
                    "CSeq:" + cseq + " NOTIFY",
                    "Event:" + event,
                    "Subscription-State:" + state,
                    "Contact:" + BW_CONTACT));
            if (callInfo != null) {
                lines.add("Call-Info:<sip:" + SERVER_IP + ">;" + callInfo);
            }
            lines.add("Max-Forwards:10");
            lines.add("Content-Length:0");
            String stateWord = state.contains(";") ? state.substring(0, state.indexOf(';')) : state;
            String label = callInfo == null ? stateWord
                    : callInfo.substring(callInfo.indexOf("appearance-state=") + "appearance-state=".length());
            sip(micros, BW, n.phone(), "NOTIFY " + event + " " + label, head(lines.toArray(new String[0])), "");
            return via;
        }

        private void notifyOk(int micros, Subscription n, long cseq, String via) {
            String aor = "<sip:" + n.user() + "@" + DOMAIN + ">";
            sip(micros, n.phone(), BW, "200 OK (NOTIFY)", head(
                    "SIP/2.0 200 OK",
                    "Via: " + via,
                    "From: " + aor + ";tag=" + n.notifierTag(),
                    "To: " + aor + ";tag=" + n.subscriberTag(),
                    "CSeq: " + cseq + " NOTIFY",
                    "Call-ID: " + n.callId(),
                    "Contact: <sip:" + n.user() + "@" + n.phone().ip() + ">",
                    "Content-Length: 0"), "");
        }

        private void bwAckToLinksys(int micros, long cseq, String branchId, String millis) {
            sip(micros, BW, LINKSYS, "ACK (200 INVITE)", head(
                    "ACK sip:4182618006@192.168.9.205:5060 SIP/2.0",
                    "Via:SIP/2.0/UDP 192.168.13.180;branch=z9hG4bKBroadWorks." + branchId
                            + "-192.168.9.205V5060-0-" + cseq + "-1108620617-" + millis + "-",
                    "From:" + LEG_B_CALLER + ";tag=" + LEG_B_BW_TAG,
                    "To:" + LEG_B_CALLEE + ";tag=" + LEG_B_LINKSYS_TAG,
                    "Call-ID:" + LEG_B,
                    "CSeq:" + cseq + " ACK",
                    "Max-Forwards:5",
                    "Content-Length:0"), "");
        }

        private static String linksysSdp(int version, String direction) {
            return sdp(
                    "v=0",
                    "o=- 6881 " + version + " IN IP4 192.168.9.205",
                    "s=-",
                    "c=IN IP4 192.168.9.205",
                    "t=0 0",
                    "m=audio 16468 RTP/AVP 0 101",
                    "a=rtpmap:0 PCMU/8000",
                    "a=rtpmap:101 telephone-event/8000",
                    "a=fmtp:101 0-15",
                    "a=ptime:30",
                    "a=" + direction);
        }

        private static String bwAnswer(int session, int version, String direction) {
            return sdp(
                    "v=0",
                    "o=BroadWorks " + session + " " + version + " IN IP4 192.168.9.205",
                    "s=-",
                    "c=IN IP4 192.168.9.205",
                    "t=0 0",
                    "m=audio 16468 RTP/AVP 0 101",
                    "a=rtpmap:0 PCMU/8000",
                    "a=rtpmap:101 telephone-event/8000",
                    "a=fmtp:101 0-15",
                    "a=ptime:30",
                    "a=" + direction);
        }

        private static String sdp(String... lines) {
            return String.join("\r\n", lines) + "\r\n";
        }

        private static String head(String... lines) {
            return String.join("\r\n", lines);
        }

        // ---------------------------------------------------------------- frame helpers

        private void sip(int micros, Host from, Host to, String summary, String head, String body) {
            int length = body.getBytes(StandardCharsets.UTF_8).length;
            String text = head.replace("{LEN}", Integer.toString(length)) + "\r\n\r\n" + body;
            udp(micros, from, 5060, to, 5060, "SIP " + summary, text.getBytes(StandardCharsets.UTF_8));
        }

        private void rtpLinksys(int micros, int index, boolean marker) {
            byte[] payload = G711Tone.ulaw(350, 240, index * 240L, 1800);
            byte[] rtp = PacketBuilder.rtp(0, 4711 + index, 3_150_000_000L + index * 240L, 0x2cb1f64aL, marker,
                    payload);
            udp(micros, LINKSYS, 16468, POLY500, 2222, "RTP PCMU 192.168.9.205 -> 192.168.9.212 seq "
                    + (4711 + index), rtp);
        }

        private void rtpPolycom(int micros) {
            byte[] payload = G711Tone.ulaw(440, 160, 0, 1500);
            byte[] rtp = PacketBuilder.rtp(0, 19077, 82_400_160L, 0x5e0a97c3L, true, payload);
            udp(micros, POLY500, 2222, LINKSYS, 16468, "RTP PCMU 192.168.9.212 -> 192.168.9.205 seq 19077", rtp);
        }

        private void udp(int micros, Host from, int sport, Host to, int dport, String summary, byte[] payload) {
            byte[] datagram = PacketBuilder.udp(from.ip(), sport, to.ip(), dport, payload);
            byte[] ip = Ipv4Packet.of(from.ip(), to.ip(), Ipv4Packet.PROTO_UDP, datagram)
                    .id(nextId(from)).ttl(from.ttl()).dontFragment(from.df()).build();
            frame(micros, summary, PacketBuilder.ethernet(PacketBuilder.mac(to.l2Mac()), PacketBuilder.mac(from.l2Mac()),
                    PacketBuilder.ETH_IPV4, ip));
        }

        private int nextId(Host h) {
            if (h == POLY500) {
                return id500++;
            }
            if (h == POLY600) {
                return id600++;
            }
            if (h == LINKSYS) {
                return idLinksys++;
            }
            idBw += 0x0107;
            return idBw & 0xffff;
        }

        private void frame(int micros, String summary, byte[] data) {
            long seconds = BASE_EPOCH_SECONDS + micros / 1_000_000;
            int us = micros % 1_000_000;
            if (!frames.isEmpty()) {
                Frame last = frames.get(frames.size() - 1);
                if (last.epochSeconds() * 1_000_000L + last.micros() >= seconds * 1_000_000L + us) {
                    throw new IllegalStateException("frame " + (frames.size() + 1) + " is not after its predecessor");
                }
            }
            frames.add(new Frame(frames.size() + 1, seconds, us, summary, data));
        }
    }

    // ---------------------------------------------------------------- dialog constants shared by the phases

    private static final String LEG_A = "6e656a5f-be5dcbdd-8e03cee@192.168.9.212";
    private static final String LEG_A_VIA = "SIP/2.0/UDP 192.168.9.212;branch=z9hG4bK38d10a61C7B83830";
    private static final String LEG_A_CALLER = "<sip:4505656010@" + DOMAIN + ">";
    private static final String LEG_A_CALLEE = "<sip:4182618006@" + DOMAIN + ";user=phone>";
    private static final String LEG_A_CALLER_TAG = "5D2F7C3A-1E0B4A96";
    private static final String LEG_A_BW_TAG = "1939514263-1276779603226";
    private static final String LEG_B = "BW090003232170610-93092071@192.168.13.180";
    private static final String LEG_B_VIA = "SIP/2.0/UDP 192.168.13.180;branch=z9hG4bKBroadWorks.qe24oq-192.168.9.205"
            + "V5060-0-587158161-1108620617-1276779603234-";
    private static final String LEG_B_CALLER = "<sip:66010@192.168.13.180;user=phone>";
    private static final String LEG_B_CALLEE = "<sip:4182618006@" + DOMAIN + ">";
    private static final String LEG_B_BW_TAG = "1108620617-1276779603234";
    private static final String LEG_B_LINKSYS_TAG = "9b6c1d2e4f7a3b58i0";

    private static final Script.Subscription INFO500 = new Script.Subscription(POLY500, "4505656010",
            "f7492fb-31a67f79-73fc330a@192.168.9.212", "1223418064-1276779590906", "C0B3D9E1-2F6A8457");
    private static final Script.Subscription INFO600 = new Script.Subscription(POLY600, "6010_SCA1",
            "37ac204-dff2e01a-8cb7264d@192.168.9.121", "1860212573-1276779589446", "1D4F8E2B-73A09C61");
    private static final Script.Subscription SEIZE = new Script.Subscription(POLY500, "4505656010",
            "f82e12f6-676e0334-5d10cee5@192.168.9.212", "2084935172-1276779598860", "63E8A1F0-D4C27B95");
}
