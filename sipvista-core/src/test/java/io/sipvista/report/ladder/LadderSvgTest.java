package io.sipvista.report.ladder;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.sipvista.report.ladder.Arrow.Kind.NOTE;
import static io.sipvista.report.ladder.Arrow.Kind.REQUEST;
import static io.sipvista.report.ladder.Arrow.Kind.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

class LadderSvgTest {
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> arrows(Document doc) {
        List<Element> out = new ArrayList<>();
        NodeList gs = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (g.hasAttribute("data-frame")) {
                out.add(g);
            }
        }
        return out;
    }

    @Test
    void smallCallHasOneLinkableArrowPerFrameInOrder() throws Exception {
        Document doc = parse(LadderSvg.render(SmallCall.ladder()));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        List<Element> arrows = arrows(doc);
        assertThat(arrows).extracting(g -> g.getAttribute("data-frame"))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
        for (Element g : arrows) {
            assertThat(g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polygon").getLength())
                    .as("arrowhead of frame %s", g.getAttribute("data-frame")).isEqualTo(1);
        }
        assertThat(arrows.get(3).getAttribute("class")).isEqualTo("arrow retransmission");
        assertThat(arrows.get(3).getTextContent()).contains("↻ INVITE (SDP)");
        assertThat(arrows.get(8).getAttribute("class")).isEqualTo("arrow media");
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "line").getLength())
                .as("3 lifelines + 11 straight arrows").isEqualTo(14);
    }

    @Test
    void captureTextIsEscapedAndSurvivesTheRoundTrip() throws Exception {
        String evil = "<script>alert(1)</script>\"&'";
        Ladder l = new Ladder(List.of(new Participant(evil, evil + "\n" + evil), Participant.of("b")),
                List.of(new Arrow(1, null, evil, "b", evil, REQUEST, evil)));
        String svg = LadderSvg.render(l);
        assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;");
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        Element arrow = arrows(doc).get(0);
        assertThat(arrow.getTextContent()).contains(evil);
        assertThat(doc.getDocumentElement().getTextContent()).contains(evil + "\n");
    }

    @Test
    void charactersXmlForbidsAreReplaced() throws Exception {
        Ladder l = new Ladder(List.of(Participant.of("a\u0000"), Participant.of("b")),
                List.of(new Arrow(1, "\u0001", "a\u0000", "b", "x\u0007y\uD800z\uFFFF", REQUEST)));
        Document doc = parse(LadderSvg.render(l));
        assertThat(arrows(doc).get(0).getTextContent()).contains("x\uFFFDy\uFFFDz\uFFFD");
    }

    @Test
    void standaloneWithoutScriptsOrExternalReferences() {
        String svg = LadderSvg.render(SmallCall.ladder());
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .doesNotContain("<script").doesNotContain("href").doesNotContain("url(")
                .doesNotContain("<image").doesNotContain("onload").doesNotContain("@import");
    }

    @Test
    void sameLadderGivesTheSameBytes() {
        assertThat(LadderSvg.render(SmallCall.ladder())).isEqualTo(LadderSvg.render(SmallCall.ladder()));
    }

    @Test
    void eightParticipantsWithSelfArrowsAndNotes() throws Exception {
        List<Participant> ps = new ArrayList<>();
        List<Arrow> as = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            ps.add(Participant.of("h" + i));
        }
        as.add(new Arrow(10, "2026-01-01T00:00:00Z", "h1", "h8", "INVITE", REQUEST));
        as.add(new Arrow(11, "2026-01-01T00:00:00.1Z", "h8", "h8", "OPTIONS", REQUEST));
        as.add(new Arrow(12, "2026-01-01T00:00:00.2Z", "h3", "h5", "conference", NOTE));
        as.add(new Arrow(13, "2026-01-01T00:00:00.3Z", "h8", "h1", "200 OK", SUCCESS));
        Document doc = parse(LadderSvg.render(new Ladder(ps, as)));
        assertThat(arrows(doc)).extracting(g -> g.getAttribute("data-frame")).containsExactly("10", "11", "12", "13");
        assertThat(arrows(doc).get(2).getAttribute("class")).isEqualTo("arrow note");
        assertThat(arrows(doc).get(1).getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").getLength())
                .isEqualTo(1);
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength())
                .as("background + 8 boxes + 1 note").isEqualTo(10);
    }

    @Test
    void emptyLadderIsStillAnSvg() throws Exception {
        Document doc = parse(LadderSvg.render(Ladder.empty()));
        assertThat(arrows(doc)).isEmpty();
        assertThat(doc.getDocumentElement().getTextContent()).contains("(empty ladder)");
    }
}
