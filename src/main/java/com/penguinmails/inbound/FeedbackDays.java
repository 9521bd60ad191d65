package com.penguinmails.inbound;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.inbound.internal.FeedbackDayRepository;

/**
 * Bounces (RFC 3464 DSNs and providers' own texts) and complaints (RFC 5965 ARF reports)
 * that came back per sending mailbox and UTC day of receipt, for the reputation timeline:
 * read only, scoped to the workspace.
 */
@Service
public class FeedbackDays {

	/**
	 * One mailbox's count of one kind of feedback on one day.
	 *
	 * @param mailboxId the mailbox that sent the message the feedback is about
	 * @param reason for a bounce, the {@code shared.BounceReason} key ({@code undefined}
	 * when unknown); {@code null} for a complaint
	 * @param complaint true for a complaint, false for a bounce
	 */
	public record Count(UUID mailboxId, LocalDate day, boolean complaint, String reason, long count) {
	}

	private final FeedbackDayRepository repository;

	FeedbackDays(FeedbackDayRepository repository) {
		this.repository = repository;
	}

	/**
	 * Bounces by reason and complaints received from {@code from} to {@code to} (UTC,
	 * both included) about messages a mailbox of the workspace sent.
	 */
	public List<Count> daily(UUID workspaceId, LocalDate from, LocalDate to) {
		return repository.daily(workspaceId, from, to);
	}

	/** The outbox ids of our messages a bounce received since {@code from} names. */
	public List<UUID> bouncedMessages(UUID workspaceId, LocalDate from) {
		return repository.bouncedMessages(workspaceId, from);
	}

}
