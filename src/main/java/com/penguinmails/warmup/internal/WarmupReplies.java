package com.penguinmails.warmup.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;

import org.springframework.stereotype.Component;

import com.penguinmails.delivery.Outbox;
import com.penguinmails.warmup.WarmupTokens;

/**
 * Whether a receiving mailbox answers a warmup message, and the answer: same thread, "Re:
 * " subject, a generated reply above the quoted original ("> " lines, which keep the
 * original's token), its own fresh token line, RFC 5322 §3.6.4 In-Reply-To and
 * References, due 10 to 120 minutes later. The choice and the text are drawn from a
 * random seeded by the answered message's id, so the same message always gets the same
 * decision.
 */
@Component
public class WarmupReplies {

	private final WarmupContent content;

	WarmupReplies(WarmupContent content) {
		this.content = content;
	}

	/** The reproducible random of one answered message. */
	static RandomGenerator random(UUID messageRowId) {
		return new SplittableRandom(messageRowId.getMostSignificantBits() ^ messageRowId.getLeastSignificantBits());
	}

	/**
	 * The most messages a warmup thread holds: a first message and up to three answers.
	 * Answers come on top of the planned volume, so without an end a 50 % rate would
	 * double it; people's threads end too.
	 */
	public static final int MAX_THREAD_LENGTH = 4;

	/**
	 * Whether the receiver answers the message, at its reply rate (0-100 %), unless its
	 * thread already holds {@link #MAX_THREAD_LENGTH} messages.
	 */
	public boolean answers(ReceivingRepository.Pending original, int replyRatePercent) {
		String references = original.referencesIds();
		int before = references == null || references.isBlank() ? 0 : references.strip().split("\\s+").length;
		return before + 1 < MAX_THREAD_LENGTH && random(original.id()).nextInt(100) < replyRatePercent;
	}

	/**
	 * The reply row the receiving mailbox ({@code receiverEmail}) queues for the found
	 * message; {@code day} is the receiver's local date.
	 */
	public ReceivingRepository.NewReply reply(ReceivingRepository.Pending original, UUID receiverWorkspaceId,
			UUID receiverMailboxId, String receiverEmail, LocalDate day, Instant now) {
		RandomGenerator random = random(original.id());
		random.nextInt(100); // the draw that decided to answer
		UUID id = UUID.randomUUID();
		String token = WarmupTokens.mint();
		String subject = original.subject().toLowerCase(Locale.ROOT).startsWith("re:") ? original.subject()
				: "Re: " + original.subject();
		String bare = subject.substring(3).strip();
		String text = content.reply(random, bare) + "\n\n" + quote(original);
		String references = original.referencesIds() == null || original.referencesIds().isBlank()
				? original.messageId() : original.referencesIds().strip() + " " + original.messageId();
		Instant due = now.plus(Duration.ofMinutes(10 + random.nextInt(111)));
		return new ReceivingRepository.NewReply(id, token, Outbox.messageId(id, receiverEmail), original.threadId(),
				original.messageId(), references, receiverWorkspaceId, receiverMailboxId, original.senderWorkspaceId(),
				original.senderMailboxId(), subject, WarmupContent.withToken(text, token), day, due);
	}

	/**
	 * The original as "> " lines, its token kept (added when its stored body lacks it).
	 */
	static String quote(ReceivingRepository.Pending original) {
		String body = original.body().contains(original.token()) ? original.body()
				: WarmupContent.withToken(original.body(), original.token());
		StringBuilder quoted = new StringBuilder();
		for (String line : body.stripTrailing().split("\r?\n", -1)) {
			quoted.append(line.isEmpty() ? ">" : "> " + line).append('\n');
		}
		return quoted.toString();
	}

}
