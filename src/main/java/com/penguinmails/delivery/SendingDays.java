package com.penguinmails.delivery;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.delivery.internal.SendingDayRepository;
import com.penguinmails.shared.BounceReason;
import com.penguinmails.shared.BounceReasons;

/**
 * What each mailbox of a workspace sent per UTC day, for the reputation timeline: read
 * only, scoped to the workspace, no role needed (callers check the caller's).
 */
@Service
public class SendingDays {

	/**
	 * One mailbox's day.
	 *
	 * @param sent messages handed to a server that day: accepted (2xx) or refused for
	 * good at SMTP time; never-attempted messages (suppressed, mailbox removed) not
	 * counted
	 * @param accepted of those, accepted (2xx) by the mailbox's SMTP server
	 * @param acceptedNotBounced of the accepted, those no later bounce (given by the
	 * caller) names
	 */
	public record Day(UUID mailboxId, LocalDate day, long sent, long accepted, long acceptedNotBounced) {
	}

	/**
	 * A message refused for good at SMTP time (5xx, or 4xx until the last retry).
	 *
	 * @param reason why, by the same taxonomy as bounces ({@link BounceReasons#reason})
	 */
	public record Refusal(UUID mailboxId, LocalDate day, BounceReason reason) {
	}

	private final SendingDayRepository repository;

	SendingDays(SendingDayRepository repository) {
		this.repository = repository;
	}

	/**
	 * Every mailbox's days from {@code from} to {@code to} (UTC, both included) that sent
	 * anything; {@code bounced} are outbox ids a bounce later named (they are not
	 * delivered).
	 */
	public List<Day> daily(UUID workspaceId, LocalDate from, LocalDate to, Collection<UUID> bounced) {
		return repository.daily(workspaceId, from, to, bounced);
	}

	/** The refusals at SMTP time of those days, each with its reason. */
	public List<Refusal> refusals(UUID workspaceId, LocalDate from, LocalDate to) {
		return repository.refusals(workspaceId, from, to)
			.stream()
			.map(row -> new Refusal(row.mailboxId(), row.day(),
					BounceReasons.reason("failed", BounceReasons.status(null, row.reply()),
							BounceReasons.replyCode(row.reply()), row.reply(), null, row.to(), Set.of())))
			.toList();
	}

}
