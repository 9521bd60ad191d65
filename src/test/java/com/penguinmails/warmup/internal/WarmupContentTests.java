package com.penguinmails.warmup.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.penguinmails.warmup.WarmupTokens;

import static org.assertj.core.api.Assertions.assertThat;

class WarmupContentTests {

	private final WarmupContent content = new WarmupContent();

	private static final Pattern LINK = Pattern.compile("(?i)https?://|www\\.|\\b[a-z0-9-]+\\.(com|net|org|io)\\b|<|@");

	@Test
	void theShippedCorpusHasThePromisedSize() {
		assertThat(WarmupContent.lines("subjects")).hasSizeGreaterThanOrEqualTo(60).doesNotHaveDuplicates();
		assertThat(WarmupContent.lines("openers")).hasSizeGreaterThanOrEqualTo(40).doesNotHaveDuplicates();
		assertThat(WarmupContent.lines("sentences")).hasSizeGreaterThanOrEqualTo(80).doesNotHaveDuplicates();
		assertThat(WarmupContent.lines("signoffs")).hasSizeGreaterThanOrEqualTo(20).doesNotHaveDuplicates();
		assertThat(WarmupContent.lines("replies")).hasSizeGreaterThanOrEqualTo(40).doesNotHaveDuplicates();
	}

	@Test
	void aThousandFirstMessagesHaveAtLeastNineHundredDistinctBodies() {
		Random random = new Random(15);
		Set<String> bodies = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			bodies.add(content.first(random).body());
		}
		assertThat(bodies).hasSizeGreaterThanOrEqualTo(900);
	}

	@Test
	void firstMessagesAreFortyToOneHundredSixtyWordsOfPlainTextWithoutLinks() {
		Random random = new Random(7);
		for (int i = 0; i < 2000; i++) {
			WarmupContent.Draft draft = content.first(random);
			assertThat(words(draft.body())).isBetween(40, 160);
			assertThat(LINK.matcher(draft.body()).find()).as(draft.body()).isFalse();
			assertThat(LINK.matcher(draft.subject()).find()).as(draft.subject()).isFalse();
			assertThat(draft.body().chars().allMatch(c -> c == '\n' || (c >= 32 && c < 127))).isTrue();
		}
	}

	@Test
	void repliesAreOneToThreeSentencesAndASignOff() {
		Random random = new Random(3);
		for (int i = 0; i < 500; i++) {
			String reply = content.reply(random, "Lunch on Thursday?");
			String[] parts = reply.split("\n\n");
			assertThat(parts).hasSize(2);
			assertThat(parts[0].split("(?<=[.?!])\\s+")).hasSizeBetween(1, 3);
			assertThat(LINK.matcher(reply).find()).isFalse();
		}
	}

	@Test
	void noSpamPhraseOfTheLintListOccursAnywhereInTheCorpus() throws IOException {
		List<String> phrases;
		try (InputStream in = getClass().getResourceAsStream("/lint/spam-phrases.txt")) {
			phrases = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
		assertThat(phrases).hasSizeGreaterThan(100);
		for (String file : List.of("subjects", "openers", "sentences", "signoffs", "replies")) {
			for (String line : WarmupContent.lines(file)) {
				String text = line.toLowerCase(Locale.ROOT);
				for (String phrase : phrases) {
					Pattern whole = Pattern
						.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(phrase) + "(?![\\p{L}\\p{N}])");
					assertThat(whole.matcher(text).find()).as("'%s' in %s: %s", phrase, file, line).isFalse();
				}
			}
		}
	}

	@Test
	void theTokenIsAlwaysTheLastLineAndIsFoundAgain() {
		Random random = new Random(11);
		for (int i = 0; i < 200; i++) {
			String token = WarmupTokens.mint();
			String body = WarmupContent.withToken(
					i % 2 == 0 ? content.first(random).body() : content.reply(random, "Notes from Tuesday"), token);
			List<String> lines = body.lines().toList();
			assertThat(lines.get(lines.size() - 1)).isEqualTo(token);
			assertThat(WarmupTokens.find(body)).containsExactly(token);
		}
	}

	private static int words(String text) {
		return text.trim().split("\\s+").length;
	}

}
