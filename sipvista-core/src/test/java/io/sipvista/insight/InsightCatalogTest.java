package io.sipvista.insight;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The catalog and its lookup. The key rule (the seed page's bug): no text that names a method, or speaks of what
 * only one method does (a registrar, a call, an SDP answer, a subscription), can reach a message of another method.
 */
class InsightCatalogTest {
    private static final InsightCatalog CATALOG = InsightCatalog.standard();
    private static final List<String> METHODS = List.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER",
            "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE", "FOO", "");
    private static final Set<String> KNOWN = Set.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER",
            "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE");
    /** Entries reached outside the method/status lookup, and the methods they may serve. */
    private static final Set<String> ANY_MESSAGE = Set.of("retransmission", "retransmission.untimed",
            "uncorrelatable");
    private static final Set<String> PACKAGE_USERS = Set.of("SUBSCRIBE", "PUBLISH");

    /** Words that belong to some methods only, and those methods. */
    private static final Map<Pattern, Set<String>> VOCABULARY = vocabulary();

    private static Map<Pattern, Set<String>> vocabulary() {
        Map<Pattern, Set<String>> v = new LinkedHashMap<>();
        v.put(Pattern.compile("\\bINVITE\\b"), Set.of("INVITE", "ACK", "CANCEL", "PRACK"));
        v.put(Pattern.compile("\\bREGISTER\\b|registrar|\\bbind|\\bbinding"), Set.of("REGISTER"));
        v.put(Pattern.compile("\\bSUBSCRIBE\\b|subscri"), Set.of("SUBSCRIBE", "NOTIFY"));
        v.put(Pattern.compile("\\bNOTIFYs?\\b"), Set.of("NOTIFY", "SUBSCRIBE", "REFER"));
        v.put(Pattern.compile("\\bBYE\\b|\\bhang"), Set.of("BYE"));
        v.put(Pattern.compile("\\bCANCEL\\b|cancel"), Set.of("CANCEL", "INVITE"));
        v.put(Pattern.compile("\\bACK\\b"), Set.of("ACK", "INVITE"));
        v.put(Pattern.compile("\\bOPTIONS\\b"), Set.of("OPTIONS"));
        v.put(Pattern.compile("\\bPRACK\\b|reliable provisional"), Set.of("PRACK", "INVITE"));
        v.put(Pattern.compile("\\bUPDATE\\b"), Set.of("UPDATE"));
        v.put(Pattern.compile("\\bINFO\\b"), Set.of("INFO"));
        v.put(Pattern.compile("\\bMESSAGE\\b|instant message|message was delivered"), Set.of("MESSAGE"));
        v.put(Pattern.compile("\\bPUBLISH\\b|publi"), Set.of("PUBLISH"));
        v.put(Pattern.compile("\\bREFER\\b|transfer"), Set.of("REFER", "SUBSCRIBE", "PUBLISH", "NOTIFY"));
        v.put(Pattern.compile("\\bSDP\\b|\\banswer(ed)?\\b|\\boffer\\b"), Set.of("INVITE", "ACK", "PRACK", "UPDATE"));
        v.put(Pattern.compile("ringing|\\bcall(er|ee)\\b|\\b(the|a) call\\b|\\bcalls\\b|\\bto call\\b|early media"),
                Set.of("INVITE", "ACK", "CANCEL", "REFER"));
        v.put(Pattern.compile("\\bhold\\b|re-INVITE"), Set.of("INVITE"));
        return v;
    }

    /** Every qualifier the catalog knows: the last part of an id that has more parts than its base. */
    private static Set<String> qualifiers() {
        Set<String> out = new LinkedHashSet<>();
        for (String id : CATALOG.entries().keySet()) {
            String[] p = id.split("\\.");
            if (p.length == 3) {
                out.add(p[2]);
            } else if (p.length == 2 && !KNOWN.contains(p[0])) {
                out.add(p[1]);
            }
        }
        return out;
    }

    private static List<Integer> statuses() {
        List<Integer> out = new ArrayList<>();
        out.add(0);
        for (int s = 100; s < 700; s++) {
            out.add(s);
        }
        return out;
    }

    private static void assertServes(String id, String method) {
        String template = CATALOG.entry(id).template();
        for (Map.Entry<Pattern, Set<String>> w : VOCABULARY.entrySet()) {
            if (w.getKey().matcher(template).find()) {
                assertThat(w.getValue()).as("%s (%s) reached by a %s message", id, template,
                        method.isEmpty() ? "method-less" : method).contains(method);
            }
        }
    }

    @Test
    void noTextNamingAMethodReachesAMessageOfAnotherMethod() {
        int checked = 0;
        Set<String> served = new java.util.HashSet<>();
        List<String> quals = new ArrayList<>(qualifiers());
        for (String method : METHODS) {
            for (int status : statuses()) {
                List<List<String>> qualifierSets = new ArrayList<>();
                qualifierSets.add(List.of());
                qualifierSets.add(quals);
                for (String q : quals) {
                    qualifierSets.add(List.of(q));
                }
                for (List<String> qs : qualifierSets) {
                    for (String id : CATALOG.chain(method, status, qs)) {
                        String head = id.split("\\.")[0];
                        if (KNOWN.contains(head)) {
                            assertThat(head).as("%s reached by %s %d", id, method, status).isEqualTo(method);
                        }
                        if (served.add(id + "|" + method)) {
                            assertServes(id, method);
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(100_000);
    }

    @Test
    void theEntriesEveryMessageCanReachNameNoMethod() {
        for (String id : ANY_MESSAGE) {
            for (String method : METHODS) {
                assertServes(id, method);
            }
        }
    }

    @Test
    void eventPackagesAreWordedOnlyForTheMethodsThatShowThem() {
        for (String id : CATALOG.entries().keySet()) {
            if (id.equals("event") || id.startsWith("event.")) {
                for (String method : PACKAGE_USERS) {
                    assertServes(id, method);
                }
            }
        }
    }

    @Test
    void notifyDetailsAreWordedOnlyForNotify() {
        int n = 0;
        for (String id : CATALOG.entries().keySet()) {
            if (id.startsWith("detail.")) {
                assertServes(id, "NOTIFY");
                n++;
            }
        }
        assertThat(n).isGreaterThanOrEqualTo(3);
    }

    @Test
    void everyEntryIsReachable() {
        Set<String> reached = new LinkedHashSet<>(ANY_MESSAGE);
        List<String> quals = new ArrayList<>(qualifiers());
        for (String method : METHODS) {
            for (int status : statuses()) {
                reached.addAll(CATALOG.chain(method, status, quals));
            }
        }
        for (String id : CATALOG.entries().keySet()) {
            // rtp.* and rtcp.* are looked up by FrameInsights for media frames (FrameInsightsMediaTest uses each)
            if (!id.equals("event") && !id.startsWith("event.") && !id.startsWith("detail.") && !id.startsWith("rtp.")
                    && !id.startsWith("rtcp.")) {
                assertThat(reached).as("unreachable entry").contains(id);
            }
        }
    }

    @Test
    void everyMethodAndStatusGetsALineFromWhatEveryMessageHas() {
        Map<String, String> always = Map.of("method", "X", "from", "a", "to", "b", "status", "299", "reason", "R");
        for (String method : METHODS) {
            for (int status : statuses()) {
                assertThat(CATALOG.render(1, CATALOG.chain(method, status, List.of()), always))
                        .as("%s %d", method, status).isPresent();
            }
        }
    }

    @Test
    void theLookupGoesFromTheMostSpecificToTheMostGeneral() {
        assertThat(CATALOG.chain("INVITE", 200, List.of("answer"))).containsExactly("INVITE.200.answer",
                "INVITE.200", "INVITE.2xx", "2xx", "response");
        assertThat(CATALOG.chain("INVITE", 482, List.of())).containsExactly("482", "INVITE.4xx", "4xx", "response");
        assertThat(CATALOG.chain("register", 401, List.of("retry"))).containsExactly("REGISTER.401.retry",
                "REGISTER.401", "401.retry", "401", "REGISTER.4xx", "4xx", "response");
        assertThat(CATALOG.chain("FOO", 486, List.of())).containsExactly("486", "4xx", "response");
        assertThat(CATALOG.chain("BYE", 0, List.of("talk"))).containsExactly("BYE.request.talk", "BYE.request",
                "request");
    }

    @Test
    void anOkToAnythingButInviteIsNeverAnSdpAnswer() {
        for (String method : METHODS) {
            if (method.equals("INVITE")) {
                continue;
            }
            assertThat(CATALOG.chain(method, 200, List.of("answer", "offer", "reinvite-answer", "hold")))
                    .as(method).doesNotContain("INVITE.200.answer", "INVITE.200");
        }
    }

    @Test
    void anEntryWithAPlaceholderWithoutValueIsSkipped() {
        InsightCatalog c = InsightCatalog.parse("a\tgot {x}\nb\tplain\n");
        assertThat(c.render(7, List.of("a", "b"), Map.of())).get().isEqualTo(new Insight(7, "b", "plain"));
        assertThat(c.render(7, List.of("a", "b"), Map.of("x", "$1"))).get()
                .isEqualTo(new Insight(7, "a", "got $1"));
    }

    @Test
    void templatesHaveOnlyWellFormedPlaceholders() {
        for (InsightCatalog.Entry e : CATALOG.entries().values()) {
            String rest = e.template().replaceAll("\\{[a-z][a-z0-9-]*}", "");
            assertThat(rest).as(e.id()).doesNotContain("{").doesNotContain("}");
        }
    }

    @Test
    void aDuplicateIdIsAProgrammingError() {
        assertThatThrownBy(() -> InsightCatalog.parse("a\tx\na\ty\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InsightCatalog.parse("a x\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCatalogIsImmutable() {
        assertThatThrownBy(() -> CATALOG.entries().put("x", new InsightCatalog.Entry("x", "y")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
