package com.penguinmails.templates;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.templates.internal.lint.LinkChecker;
import com.penguinmails.templates.internal.lint.SpamAssassinRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The lint service's own contract: scoring, ordering, link lists, the raw message. */
class LintTests {

	private final Lint lint = new Lint(
			new LinkChecker(new NetworkPolicy(new NetworkPolicy.Settings(List.of())), Duration.ofSeconds(1)),
			new SpamAssassinRunner("/nonexistent/spamassassin", Duration.ofSeconds(30)),
			Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC));

	@Test
	void scoresTenPerWarningAndTwoPerNoteNeverBelowZeroWarningsFirst() {
		LintReport report = LintReport.of(List.of(Finding.info("caps-word", "a", "b"),
				Finding.warning("spam-phrase", "c", "d"), Finding.info("readability", "e", "f")), null);
		assertThat(report.score()).isEqualTo(86);
		assertThat(report.codes()).containsExactly("spam-phrase", "caps-word", "readability");
		List<Finding> many = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			many.add(Finding.warning("spam-phrase", "x" + i, "y"));
		}
		assertThat(LintReport.of(many, null).score()).isZero();
		assertThat(report.with(List.of(Finding.warning("broken-link", "g", "h"))).score()).isEqualTo(76);
	}

	@Test
	void anEmptyMessageHasNoReadability() {
		LintReport report = lint.check(new LintInput("Hi", "", "", true, Set.of(), 0));
		assertThat(report.readability()).isNull();
		assertThat(report.findings()).isEmpty();
		assertThat(report.score()).isEqualTo(100);
	}

	@Test
	void checksEachHttpLinkOnceAndSkipsLiquidAndOtherSchemes() {
		List<LinkCheck> checks = lint.checkLinks("""
				<a href="http://10.1.2.3/a">a</a> <a href="http://10.1.2.3/a/">a again</a>
				<a href="{{ unsubscribe_url }}">Unsubscribe</a> <a href="https://{{ site }}/x">x</a>
				<a href="mailto:sam@acme.com">mail</a> <a href="ftp://10.1.2.3/file">ftp</a>""",
				"Also http://192.168.1.1/admin.");
		assertThat(checks).extracting(LinkCheck::url).containsExactly("http://10.1.2.3/a", "http://192.168.1.1/admin");
		assertThat(checks).allMatch(c -> c.error().equals("not checked: private address") && !c.broken());
		assertThat(Lint.brokenLinks(checks)).isEmpty();
		assertThat(Lint.brokenLinks(List.of(new LinkCheck("https://acme.com/old", 404, null, true))))
			.extracting(Finding::message)
			.containsExactly("A broken link: https://acme.com/old (HTTP 404)");
	}

	@Test
	void buildsTheRawMessageWithATextPartDerivedFromTheHtml() {
		String raw = lint.rawMessage("sam@acme.com", "Quick question", "<p>Hi Ada,</p><p>Would a short call help?</p>",
				null);
		assertThat(raw).contains("multipart/alternative", "Hi Ada,\r\n\r\nWould a short call help?");
		assertThat(lint.rawMessage("sam@acme.com", "Hi", null, "Plain body")).doesNotContain("multipart")
			.contains("Plain body");
	}

	@Test
	void spamAssassinIsEmptyWhereNotInstalled() {
		assertThat(lint.spamAssassinInstalled()).isFalse();
		assertThat(lint.spamAssassin(lint.rawMessage("sam@acme.com", "Hi", null, "Body"))).isEmpty();
	}

	@Test
	void readsHostileBodiesOfAMillionCharacters() {
		// Unclosed Liquid, a URL ending in a long run of dots and a link text of
		// punctuation:
		// each is read in one pass (no backtracking regular expression over them).
		String html = "<p>" + "{{".repeat(100_000) + "</p><p>https://acme.com/" + ".".repeat(300_000) + "x</p>"
				+ "<a href=\"https://acme.com\">" + "!".repeat(300_000) + "a</a>";
		LintReport report = lint.check(new LintInput("{%".repeat(1_000), html, null, false, Set.of("acme.com"), 0));
		assertThat(report.codes()).contains("excessive-punctuation");
	}

	@Test
	void readsDeeplyNestedHtmlWithoutRecursion() {
		String html = "<div style=\"color:#eeeeee\">pale ".repeat(50_000) + "</div>".repeat(50_000);
		LintReport report = lint.check(new LintInput("Hi", html, null, false, Set.of(), 0));
		assertThat(report.codes()).contains("low-contrast");
	}

}
