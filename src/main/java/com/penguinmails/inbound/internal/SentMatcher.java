package com.penguinmails.inbound.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.Outbox.Sent;

/**
 * Finds the message of ours an inbound message is about, through delivery's outbox: a
 * report's original (our {@code X-PenguinMails-ID}, its Message-ID, or what the mailbox
 * last sent the address), a reply's {@code In-Reply-To}/{@code References} (RFC 5322
 * §3.6.4), else its sender and subject.
 */
@Component
class SentMatcher {

	/** "Re:", "AW:", "Fwd:" and kin, as many as lead the subject. */
	private static final Pattern SUBJECT_PREFIX = Pattern
		.compile("^(\\s*(re|aw|sv|antw|vs|fw|fwd|wg|tr|rv|odp)\\s*(\\[\\d+])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);

	private final Outbox outbox;

	SentMatcher(Outbox outbox) {
		this.outbox = outbox;
	}

	/**
	 * The message of ours this one is about. A report (bounce, complaint) names it in the
	 * original it returns: our {@code X-PenguinMails-ID}, else its Message-ID; a bounce
	 * without either falls back to what this mailbox last sent the bounced address. A
	 * reply names it in {@code In-Reply-To}/{@code References} (RFC 5322 §3.6.4), else by
	 * its sender and subject among what this mailbox sent that sender.
	 */
	Optional<Sent> match(InboundProcessor.Source source, MessageReader.Read read, Classification classification) {
		UUID workspaceId = source.workspaceId();
		Classification.Kind kind = classification.kind();
		if (kind == Classification.Kind.BOUNCE || kind == Classification.Kind.COMPLAINT) {
			Original original = classification.original();
			Optional<Sent> found = Optional.empty();
			if (original != null && original.penguinId() != null) {
				found = uuid(original.penguinId()).flatMap(id -> outbox.sent(workspaceId, id));
			}
			if (found.isEmpty() && original != null && original.messageId() != null) {
				found = outbox.sentWithMessageIds(workspaceId, List.of(original.messageId())).stream().findFirst();
			}
			if (found.isEmpty()) {
				String address = kind == Classification.Kind.COMPLAINT
						? (classification.complaint() == null ? null : classification.complaint().originalRecipient())
						: classification.bounces().stream().map(BouncedRecipient::address).findFirst().orElse(null);
				if (address == null && original != null) {
					address = original.to();
				}
				if (address != null && address.contains("@")) {
					found = outbox.sentTo(workspaceId, source.mailboxId(), address.strip(), 1).stream().findFirst();
				}
			}
			return found;
		}
		List<String> answers = read.answers();
		if (!answers.isEmpty()) {
			List<Sent> ours = outbox.sentWithMessageIds(workspaceId, answers);
			for (String id : answers) {
				Optional<Sent> found = ours.stream().filter(s -> s.messageId().equals(id)).findFirst();
				if (found.isPresent()) {
					return found;
				}
			}
		}
		if (read.fromAddress().isBlank()) {
			return Optional.empty();
		}
		List<Sent> toSender = outbox.sentTo(workspaceId, source.mailboxId(), read.fromAddress(), 20);
		if (kind == Classification.Kind.UNSUBSCRIBE || kind == Classification.Kind.AUTO_REPLY) {
			// A mailto unsubscribe or an out-of-office answers what we last sent them,
			// whatever its subject says ("unsubscribe", "Automatic reply: ...").
			return toSender.stream().findFirst();
		}
		String subject = bare(read.subject());
		return toSender.stream().filter(s -> !subject.isEmpty() && bare(s.subject()).equals(subject)).findFirst();
	}

	static String bare(String subject) {
		return subject == null ? "" : SUBJECT_PREFIX.matcher(subject).replaceFirst("").strip().toLowerCase(Locale.ROOT);
	}

	private static Optional<UUID> uuid(String value) {
		try {
			return Optional.of(UUID.fromString(value.strip()));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
