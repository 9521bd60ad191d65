package com.penguinmails.templates;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.penguinmails.templates.internal.Personalizer;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalizerTests {

	final Personalizer personalizer = new Personalizer();

	static Map<String, Object> contact(Object... pairs) {
		Map<String, Object> map = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	private Rendered render(String subject, String html, Map<String, Object> variables) {
		return personalizer.render(subject, html, null, variables, "contact-1", ZoneId.of("UTC"));
	}

	@Test
	void variablesDefaultsConditionalsLoopsFiltersAndSenderFields() {
		Map<String, Object> vars = contact("first_name", "Ada", "company", "Analytical Ltd", "tags",
				List.of("vip", "uk"), "sender", contact("first_name", "Sam"), "custom", contact("plan", "pro"));
		Rendered r = render("Hi {{ first_name }}", """
				<p>Hi {{ first_name | upcase }}, {{ last_name | default: "friend" }}.</p>
				{% if company %}<p>At {{ company }}</p>{% endif %}
				{% for t in tags %}<i>{{ t }}</i>{% endfor %}
				<p>Plan {{ custom.plan }} - {{ sender.first_name }}</p>""", vars);
		assertThat(r.subject()).isEqualTo("Hi Ada");
		assertThat(r.html()).contains("Hi ADA, friend.", "At Analytical Ltd", "<i>vip</i><i>uk</i>", "Plan pro - Sam");
		assertThat(r.missing()).isEmpty();
		assertThat(r.sendable()).isTrue();
	}

	@Test
	void aVariableWithoutValueOrDefaultBlocksSendingInsteadOfSendingHiComma() {
		Rendered r = render("Quick question, {{ first_name }}", "<p>Hi {{ first_name }}, about {{ company }}.</p>",
				contact("first_name", "  ", "company", "Acme"));
		assertThat(r.missing()).containsExactly("first_name");
		assertThat(r.sendable()).isFalse();
		// A missing value inside a condition is not a problem.
		assertThat(render("x", "{% if title %}{{ title }}{% endif %}", contact()).missing()).containsExactly("title");
		assertThat(render("x", "{% if title %}Dear {{ title | default: '' }}{% endif %}", contact()).missing())
			.isEmpty();
	}

	@Test
	void contactDataIsEscapedInHtmlAndCannotBreakTheSubjectHeader() {
		Rendered r = render("Hi {{ first_name }}", "<p>Hi {{ first_name }}</p>",
				contact("first_name", "<script>alert(1)</script>\r\nBcc: all@example.com"));
		assertThat(r.html()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
		assertThat(r.subject()).doesNotContain("\r").doesNotContain("\n").startsWith("Hi <script>");
	}

	@Test
	void spintaxIsStablePerContactAndVariesAcrossContacts() {
		String subject = "{Hi|Hello|Hey} {{ first_name }}";
		Map<String, Object> vars = contact("first_name", "Ada");
		String first = personalizer.render(subject, "<p>x</p>", null, vars, "contact-1", ZoneId.of("UTC")).subject();
		for (int i = 0; i < 5; i++) {
			assertThat(personalizer.render(subject, "<p>x</p>", null, vars, "contact-1", ZoneId.of("UTC")).subject())
				.isEqualTo(first);
		}
		assertThat(first).matches("(Hi|Hello|Hey) Ada");
		long distinct = java.util.stream.IntStream.range(0, 50)
			.mapToObj(i -> personalizer.render(subject, "<p>x</p>", null, vars, "contact-" + i, ZoneId.of("UTC"))
				.subject())
			.distinct()
			.count();
		assertThat(distinct).isEqualTo(3);
		// Liquid filters with bars are not spintax.
		assertThat(render("{{ first_name | upcase }}", "<p>x</p>", vars).subject()).isEqualTo("ADA");
	}

	@Test
	void datesAreInTheContactsTimeZone() {
		Map<String, Object> vars = contact("sent", java.time.Instant.parse("2026-11-25T23:30:00Z"));
		String utc = personalizer.render("{{ sent | date: '%Y-%m-%d' }}", "<p></p>", null, vars, "c", ZoneId.of("UTC"))
			.subject();
		String tokyo = personalizer
			.render("{{ sent | date: '%Y-%m-%d' }}", "<p></p>", null, vars, "c", ZoneId.of("Asia/Tokyo"))
			.subject();
		assertThat(utc).isEqualTo("2026-11-25");
		assertThat(tokyo).isEqualTo("2026-11-26");
	}

	@Test
	void thePlainTextIsGeneratedFromTheHtmlWithLinks() {
		String text = Personalizer
			.toText("<h1>News</h1><p>Hello <b>Ada</b>,<br>see <a href=\"https://example.com/x\">our page</a>.</p>"
					+ "<ul><li>one</li><li>two</li></ul><script>evil()</script>");
		assertThat(text).isEqualTo("News\n\nHello Ada,\nsee our page (https://example.com/x).\n\n- one\n- two");
	}

	@Test
	void manyThreadsRenderingOneTemplateEachGetTheirOwnContact() throws Exception {
		// One compiled template serves every send; a render must never see another
		// render's variables (liqp's own Template keeps its context in a shared field).
		String html = "<p>{% if first_name %}Hi {{ first_name }}{% endif %}, {{ company }} "
				+ "{% for tag in tags %}[{{ tag }}]{% endfor %}</p>";
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				results.add(pool.submit(() -> {
					for (int i = 0; i < 5_000; i++) {
						String name = "N" + thread + "x" + i;
						Map<String, Object> contact = Map.of("first_name", name, "company", "C" + name, "tags",
								List.of("t" + name));
						String out = personalizer.render("s", html, null, contact, name, ZoneId.of("UTC")).html();
						if (!out.equals("<p>Hi " + name + ", C" + name + " [t" + name + "]</p>")) {
							return false;
						}
					}
					return true;
				}));
			}
			for (java.util.concurrent.Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void filtersActOnTheValueBeforeItIsHtmlEscaped() {
		Map<String, Object> vars = contact("company", "Tom & Jerry's", "first_name", "émile <b>", "city", "a&b");
		assertThat(render("x", "<p>{{ company | upcase }}</p>", vars).html()).isEqualTo("<p>TOM &amp; JERRY&#39;S</p>");
		assertThat(render("x", "<p>{{ company | downcase }}</p>", vars).html())
			.isEqualTo("<p>tom &amp; jerry&#39;s</p>");
		assertThat(render("x", "<p>{{ first_name | capitalize }}</p>", vars).html())
			.isEqualTo("<p>Émile &lt;b&gt;</p>");
		assertThat(render("x", "<p>{{ company | replace: '&', 'and' }}</p>", vars).html())
			.isEqualTo("<p>Tom and Jerry&#39;s</p>");
		assertThat(render("x", "<p>{{ company | size }}</p>", vars).html()).isEqualTo("<p>13</p>");
		assertThat(render("x", "<p>{{ city | append: '<i>' }}</p>", vars).html()).isEqualTo("<p>a&amp;b&lt;i&gt;</p>");
	}

	@Test
	void truncateNeverCutsInsideAnEntity() {
		Map<String, Object> vars = contact("company", "Tom & Jerry's Café");
		for (int length = 4; length <= 20; length++) {
			String html = render("x", "{{ company | truncate: " + length + " }}", vars).html();
			assertThat(html).as("truncate: " + length).doesNotContainPattern("&[a-z#0-9]*(?![a-z#0-9;])\\.\\.\\.");
			assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(html))
				.isEqualTo(render("x", "{{ company | truncate: " + length + " }}", vars).text());
		}
		assertThat(render("x", "{{ company | truncate: 8 }}", vars).html()).isEqualTo("Tom &amp;...");
	}

	@Test
	void aCapturedBlockIsNotEscapedTwiceAndTheSubjectAndTextAreNotEscaped() {
		Map<String, Object> vars = contact("company", "Tom & Jerry's");
		Rendered r = personalizer.render("About {{ company | upcase }}",
				"{% capture who %}<b>{{ company }}</b>{% endcapture %}{{ who }} {% assign loud = company | upcase %}{{ loud }}",
				"For {{ company | truncate: 8 }}", vars, "contact-1", ZoneId.of("UTC"));
		assertThat(r.html()).isEqualTo("<b>Tom &amp; Jerry&#39;s</b> TOM &amp; JERRY&#39;S");
		assertThat(r.subject()).isEqualTo("About TOM & JERRY'S");
		assertThat(r.text()).isEqualTo("For Tom &...");
	}

	@Test
	void listsAreEscapedItemByItem() {
		Map<String, Object> vars = contact("tags", List.of("r&d", "<b>"));
		assertThat(
				render("x", "{{ tags | join: ', ' }}|{% for t in tags %}[{{ t | upcase }}]{% endfor %}", vars).html())
			.isEqualTo("r&amp;d, &lt;b&gt;|[R&amp;D][&lt;B&gt;]");
	}

	@Test
	void anExplicitEscapeIsNotDoubledAndNewlineToBrStillMakesBreaks() {
		Map<String, Object> vars = contact("company", "Tom & Jerry's", "notes", "a < b\nc & d");
		assertThat(render("x", "{{ company | escape }}", vars).html()).isEqualTo("Tom &amp; Jerry&#39;s");
		assertThat(render("x", "{{ company | upcase | escape_once }}", vars).html()).isEqualTo("TOM &amp; JERRY&#39;S");
		assertThat(render("x", "{{ notes | newline_to_br }}", vars).html()).isEqualTo("a &lt; b<br />\nc &amp; d");
		assertThat(render("x", "{{ company | replace: 'Tom', 'A|B' }}", vars).html())
			.isEqualTo("A|B &amp; Jerry&#39;s");
	}

}
