package com.penguinmails.warmup.internal;

import java.util.List;
import java.util.random.RandomGenerator;

import org.springframework.stereotype.Component;

/**
 * Warmup message text, generated per message: varied, human-like, no links, no images, no
 * tracking. The body's last line carries the token ({@link #withToken}).
 */
@Component
public class WarmupContent {

	/** A message's subject and body (plain text, without the token line). */
	public record Draft(String subject, String body) {
	}

	private static final List<String> SUBJECTS = List.of("Quick question about next week", "Notes from Tuesday",
			"Lunch on Thursday?", "The draft you sent");

	private static final List<String> BODIES = List.of(
			"Hi,\n\nI had a look at the notes from our call and they read well. Could we go over the last part together?\n\nThanks",
			"Hello,\n\nThursday works for me. Shall we say half past twelve at the usual place?\n\nBest");

	private static final List<String> REPLIES = List.of("Thanks, that works for me.\n\nBest",
			"Sounds good, talk soon.\n\nCheers");

	/** A first message of a new thread. */
	public Draft first(RandomGenerator random) {
		return new Draft(SUBJECTS.get(random.nextInt(SUBJECTS.size())), BODIES.get(random.nextInt(BODIES.size())));
	}

	/** The text of an answer in a thread whose subject is given (without "Re: "). */
	public String reply(RandomGenerator random, String subject) {
		return REPLIES.get(random.nextInt(REPLIES.size()));
	}

	/** The body with the token on its own last line. */
	public static String withToken(String body, String token) {
		return body.stripTrailing() + "\n\n" + token + "\n";
	}

}
