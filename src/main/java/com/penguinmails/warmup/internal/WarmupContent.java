package com.penguinmails.warmup.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.springframework.stereotype.Component;

/**
 * Warmup message text, generated per message from the corpus shipped under
 * {@code src/main/resources/warmup/} (subjects, openers, body sentences, sign-offs,
 * replies on everyday work topics): varied, human-like, plain text, no links, no images,
 * no tracking. A first message is a greeting, an opener and 2–5 body sentences in one or
 * two paragraphs (40–160 words) and a sign-off; a reply is 1–2 short answers and a
 * sign-off. The body's last line carries the token ({@link #withToken}).
 */
@Component
public class WarmupContent {

	/** A message's subject and body (plain text, without the token line). */
	public record Draft(String subject, String body) {
	}

	private static final List<String> GREETINGS = List.of("Hi,", "Hello,", "Hi there,", "Good morning,", "Hey,",
			"Hello again,");

	private static final int MIN_WORDS = 40;

	private static final int MAX_WORDS = 160;

	private final List<String> subjects = lines("subjects");

	private final List<String> openers = lines("openers");

	private final List<String> sentences = lines("sentences");

	private final int[] sentenceWords = sentences.stream().mapToInt(WarmupContent::words).toArray();

	private final List<String> signOffs = lines("signoffs");

	private final List<String> replies = lines("replies");

	/** A first message of a new thread. */
	public Draft first(RandomGenerator random) {
		List<String> picked = new ArrayList<>();
		String opener = pick(random, openers);
		int words = words(opener);
		int wanted = 2 + random.nextInt(4);
		while (picked.size() < wanted || words < MIN_WORDS) {
			int index = random.nextInt(sentences.size());
			String sentence = sentences.get(index);
			if (picked.contains(sentence)) {
				continue;
			}
			if (words + sentenceWords[index] > MAX_WORDS - 10) {
				break;
			}
			picked.add(sentence);
			words += sentenceWords[index];
		}
		StringBuilder body = new StringBuilder(pick(random, GREETINGS)).append("\n\n").append(opener);
		int split = picked.size() >= 4 && random.nextBoolean() ? picked.size() / 2 : picked.size();
		for (int i = 0; i < picked.size(); i++) {
			body.append(i == split ? "\n\n" : " ").append(picked.get(i));
		}
		body.append("\n\n").append(pick(random, signOffs));
		return new Draft(pick(random, subjects), body.toString());
	}

	/** The text of an answer in a thread whose subject is given (without "Re: "). */
	public String reply(RandomGenerator random, String subject) {
		String first = pick(random, replies);
		String text = first;
		if (random.nextInt(3) == 0) {
			String second = pick(random, replies);
			if (!second.equals(first)) {
				text = first + " " + second;
			}
		}
		return text + "\n\n" + pick(random, signOffs);
	}

	/** The body with the token on its own last line. */
	public static String withToken(String body, String token) {
		return body.stripTrailing() + "\n\n" + token + "\n";
	}

	private static String pick(RandomGenerator random, List<String> from) {
		return from.get(random.nextInt(from.size()));
	}

	private static int words(String text) {
		return text.isBlank() ? 0 : text.trim().split("\\s+").length;
	}

	/** The non-blank, non-comment lines of {@code warmup/<name>.txt}. */
	static List<String> lines(String name) {
		String path = "/warmup/" + name + ".txt";
		try (InputStream in = WarmupContent.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("Missing warmup corpus " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
