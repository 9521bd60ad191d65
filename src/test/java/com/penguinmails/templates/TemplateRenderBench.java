package com.penguinmails.templates;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.penguinmails.templates.internal.Personalizer;

/**
 * Benchmark, not a test: renders a 1 KB personalised template (subject, HTML, generated
 * text) for different contacts on one thread and prints renders per second.
 * {@code bash bench/template-render.sh}.
 */
@Tag("bench")
class TemplateRenderBench {

	static final String SUBJECT = "{Quick|Short} question about {{ company }}, {{ first_name | default: \"there\" }}";

	static final String HTML = """
			<p>{Hi|Hello|Hey} {{ first_name | default: "there" }},</p>
			<p>I noticed {{ company }} is growing its {{ custom.team | default: "sales" }} team in {{ city | default: "your city" }}.
			Teams like yours usually spend hours every week chasing replies across inboxes, and most of that work
			can be automated without losing the personal touch that makes cold email work.</p>
			{% if title %}<p>As {{ title }}, you probably care about pipeline more than tooling, so I will keep it short.</p>{% endif %}
			<p>We help companies such as {{ custom.peer | default: "yours" }} send personal sequences from their own domains,
			keep deliverability high with warm-up and DNS checks, and see every reply in one inbox.</p>
			<ul><li>{Setup|Onboarding} in a day</li><li>Your data stays on your servers</li><li>No per-seat pricing</li></ul>
			<p>Would a {15|20}-minute call next {{ day | default: "week" }} be useful?</p>
			<p>{Best|Cheers|Thanks},<br>{{ sender.first_name }}</p>
			""";

	@Test
	void rendersPerSecondOnOneCore() {
		Personalizer personalizer = new Personalizer();
		Map<String, Object> sender = Map.of("first_name", "Sam");
		int warmup = 20_000;
		int runs = 100_000;
		for (int i = 0; i < warmup; i++) {
			personalizer.render(SUBJECT, HTML, null, contact(i, sender), "c" + i, ZoneId.of("UTC"));
		}
		long start = System.nanoTime();
		long bytes = 0;
		for (int i = 0; i < runs; i++) {
			bytes += personalizer.render(SUBJECT, HTML, null, contact(i, sender), "c" + i, ZoneId.of("UTC"))
				.html()
				.length();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(
				"BENCH template render: %d renders of a %d-byte template in %.2f s = %.0f renders/s on one thread (avg output %d bytes)%n",
				runs, HTML.length(), seconds, runs / seconds, bytes / runs);
	}

	private static Map<String, Object> contact(int i, Map<String, Object> sender) {
		Map<String, Object> contact = new HashMap<>();
		contact.put("first_name", "Ada" + i);
		contact.put("company", "Company " + i);
		contact.put("title", i % 2 == 0 ? "Head of Sales" : "");
		contact.put("sender", sender);
		contact.put("custom", Map.of("team", "growth"));
		return contact;
	}

}
