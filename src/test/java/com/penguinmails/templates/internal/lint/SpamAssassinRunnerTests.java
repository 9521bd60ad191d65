package com.penguinmails.templates.internal.lint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.templates.SpamAssassinReport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The SpamAssassin runner: its report parsed (from a report as SpamAssassin 4 prints it),
 * and the real {@code spamassassin} run on a built message where installed (required when
 * {@code PENGUINMAILS_REQUIRE_SPAMASSASSIN=true}, as in CI: then its absence fails).
 */
class SpamAssassinRunnerTests {

	static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC);

	static final String REPORT = """
			Content preview:  Hi Ada, act now! 100% free. Click below.

			Content analysis details:   (6.3 points, 5.0 required)

			 pts rule name              description
			---- ---------------------- --------------------------------------------------
			-0.0 NO_RECEIVED            Informational: message has no Received headers
			 2.5 FREE_SPAM              A long description that SpamAssassin wraps
			                            over a second line
			 3.8 LOTS_OF_MONEY          Huge... sums of money

			""";

	@Test
	void parsesScoreRequiredScoreAndRules() {
		SpamAssassinReport report = SpamAssassinRunner.parse(REPORT);
		assertThat(report.score()).isEqualTo(6.3);
		assertThat(report.required()).isEqualTo(5.0);
		assertThat(report.spam()).isTrue();
		assertThat(report.rules()).containsExactly(
				new SpamAssassinReport.Rule("NO_RECEIVED", -0.0, "Informational: message has no Received headers"),
				new SpamAssassinReport.Rule("FREE_SPAM", 2.5,
						"A long description that SpamAssassin wraps over a second line"),
				new SpamAssassinReport.Rule("LOTS_OF_MONEY", 3.8, "Huge... sums of money"));
	}

	@Test
	void aMissingExecutableIsNotInstalled() {
		SpamAssassinRunner runner = new SpamAssassinRunner("/nonexistent/spamassassin", Duration.ofSeconds(30));
		assertThat(runner.executable()).isEmpty();
		assertThat(runner.run("Subject: x\r\n\r\nHi\r\n".getBytes())).isEmpty();
	}

	@Test
	void buildsAMultipartAlternativeMessage() {
		String raw = new String(
				RawMessages.build("Sam Carter <sam@acme.com>", "Quick question", "<p>Hi Ada</p>", "Hi Ada", CLOCK));
		assertThat(raw).contains("From: Sam Carter <sam@acme.com>", "To: Sam Carter <sam@acme.com>",
				"Subject: Quick question", "Date: Mon, 30 Nov 2026 09:00:00 +0000 (UTC)", "@acme.com>",
				"multipart/alternative", "text/plain; charset=UTF-8", "text/html; charset=UTF-8");
		assertThatThrownBy(() -> RawMessages.build("not an address", "x", null, "y", CLOCK))
			.isInstanceOf(InvalidInputProblem.class);
	}

	@Test
	void scoresARealMessageWithTheInstalledSpamAssassin() {
		boolean present = Files.isExecutable(Path.of("/usr/bin/spamassassin"));
		if (!present && "true".equals(System.getenv("PENGUINMAILS_REQUIRE_SPAMASSASSIN"))) {
			throw new IllegalStateException("This test needs /usr/bin/spamassassin (apt-get install spamassassin)");
		}
		assumeTrue(present, "Skipped: /usr/bin/spamassassin missing (apt-get install spamassassin)");
		SpamAssassinRunner runner = new SpamAssassinRunner("/usr/bin/spamassassin", Duration.ofSeconds(30));
		byte[] message = RawMessages.build("sam@acme.com", "Quick question about your hiring",
				"<p>Hi Ada,</p><p>Would a short call next week help your team?</p>",
				"Hi Ada,\n\nWould a short call next week help your team?", CLOCK);
		Optional<SpamAssassinReport> report = runner.run(message);
		assertThat(report).isPresent();
		assertThat(report.get().required()).isEqualTo(5.0);
		assertThat(report.get().rules()).isNotEmpty().allMatch(r -> r.name().matches("[A-Z0-9_]+"));
		assertThat(report.get().score())
			.isEqualTo(Math.round(report.get().rules().stream().mapToDouble(SpamAssassinReport.Rule::points).sum() * 10)
					/ 10.0);
	}

}
