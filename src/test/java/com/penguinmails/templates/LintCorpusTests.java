package com.penguinmails.templates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.templates.internal.lint.LinkChecker;
import com.penguinmails.templates.internal.lint.SpamAssassinRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lint on a corpus of real-shaped emails under {@code src/test/resources/lint/}: each
 * file holds headers (Subject, Plain-Text, Own-Domains, Recipients, Text, Expect), a
 * blank line and the body (HTML for {@code .html}, text for {@code .txt}); {@code Expect}
 * lists exactly the codes the lint must give, with repeats. The clean cold emails give no
 * warning.
 */
class LintCorpusTests {

	static final Path CORPUS = Path.of("src/test/resources/lint");

	private final Lint lint = new Lint(
			new LinkChecker(new NetworkPolicy(new NetworkPolicy.Settings(List.of())), Duration.ofSeconds(5)),
			new SpamAssassinRunner("/nonexistent/spamassassin", Duration.ofSeconds(30)), Clock.systemUTC());

	record Sample(String name, LintInput input, List<String> expected) {

		@Override
		public String toString() {
			return name;
		}

	}

	static Stream<Sample> samples() throws IOException {
		try (Stream<Path> files = Files.list(CORPUS)) {
			return files.filter(f -> f.toString().endsWith(".html") || f.toString().endsWith(".txt"))
				.sorted()
				.map(LintCorpusTests::read)
				.toList()
				.stream();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void eachSampleGivesExactlyItsExpectedCodes(Sample sample) {
		LintReport report = lint.check(sample.input());
		System.out.printf("LINT %s score=%d %s%n", sample.name(), report.score(),
				report.findings().stream().map(f -> f.code() + ": " + f.message()).toList());
		assertThat(report.codes()).containsExactlyInAnyOrderElementsOf(sample.expected());
		assertThat(report.score()).isEqualTo(Math.max(0,
				100 - report.findings().stream().mapToInt(f -> f.severity() == Severity.WARNING ? 10 : 2).sum()));
	}

	@Test
	void cleanColdEmailsGiveNoWarnings() throws IOException {
		for (String name : List.of("clean-cold-email.txt", "clean-html-email.html")) {
			LintReport report = lint.check(read(CORPUS.resolve(name)).input());
			assertThat(report.warnings()).as(name + ": " + report.findings()).isZero();
			assertThat(report.score()).isEqualTo(98);
			assertThat(report.readability().grade()).isLessThan(10);
		}
	}

	@Test
	void theCorpusHasTenSamples() throws IOException {
		assertThat(samples()).hasSizeGreaterThanOrEqualTo(10);
	}

	static Sample read(Path file) {
		try {
			String content = Files.readString(file, StandardCharsets.UTF_8);
			int split = content.indexOf("\n\n");
			Map<String, String> headers = new HashMap<>();
			for (String line : content.substring(0, split).split("\n")) {
				int colon = line.indexOf(':');
				headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
			}
			String body = content.substring(split + 2);
			boolean plain = Boolean.parseBoolean(headers.getOrDefault("Plain-Text", "false"));
			LinkedHashSet<String> own = new LinkedHashSet<>();
			Arrays.stream(headers.getOrDefault("Own-Domains", "").split(","))
				.map(String::strip)
				.filter(d -> !d.isEmpty())
				.forEach(own::add);
			LintInput input = new LintInput(headers.get("Subject"), plain ? null : body,
					plain ? body : headers.get("Text"), plain, own,
					Integer.parseInt(headers.getOrDefault("Recipients", "0")));
			List<String> expected = Arrays.stream(headers.getOrDefault("Expect", "").split(","))
				.map(String::strip)
				.filter(c -> !c.isEmpty())
				.toList();
			return new Sample(file.getFileName().toString(), input, expected);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
