package com.penguinmails.warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.mailboxes.MailboxRef;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.warmup.internal.HealthRepository;
import com.penguinmails.warmup.internal.SenderSignals;

/**
 * The warmup health score of each mailbox (0–100, see {@link HealthScore}), measured once
 * a day from where its warmup mail landed over the 7 days ending that day, and kept per
 * day for the chart. A changed score is published as {@link WarmupHealthChanged}.
 */
@Service
public class WarmupHealth {

	/** Days of warmup mail a score counts: the measured day and the 6 before it. */
	public static final int DAYS = 7;

	private final HealthRepository repository;

	private final SenderSignals signals;

	private final Mailboxes mailboxes;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	WarmupHealth(HealthRepository repository, SenderSignals signals, Mailboxes mailboxes,
			ApplicationEventPublisher events, TransactionTemplate transactions) {
		this.repository = repository;
		this.signals = signals;
		this.mailboxes = mailboxes;
		this.events = events;
		this.transactions = transactions;
	}

	/**
	 * One day's measure of a mailbox.
	 *
	 * @param day the last of the 7 days counted
	 * @param score 0–100
	 * @param parts what makes it
	 */
	public record Measure(LocalDate day, int score, HealthScore parts, Instant measuredAt) {
	}

	/**
	 * A mailbox's scores for a chart and its latest breakdown.
	 *
	 * @param current the latest measure, or null when never measured ("Not measured yet")
	 * @param series one entry per measured day of the period, oldest first
	 */
	public record History(UUID mailboxId, String email, Measure current, List<Measure> series) {
	}

	/**
	 * Measures every enabled warmup mailbox whose mailbox still exists for {@code day}:
	 * writes the day's score (replacing an earlier measure of that day), keeps it as the
	 * mailbox's latest, and publishes {@link WarmupHealthChanged} in the same transaction
	 * when it differs from the previous one. A mailbox with no known placement in the 7
	 * days gets no score.
	 * @return how many mailboxes got a score
	 */
	public int measure(LocalDate day, Instant now) {
		Map<UUID, MailboxRef> existing = mailboxes.all()
			.stream()
			.collect(Collectors.toMap(MailboxRef::id, Function.identity(), (a, b) -> a));
		int measured = 0;
		for (HealthRepository.Enabled mailbox : repository.enabled()) {
			MailboxRef ref = existing.get(mailbox.mailboxId());
			if (ref != null && ref.workspaceId().equals(mailbox.workspaceId())) {
				Boolean scored = transactions.execute(tx -> measure(mailbox, ref.email(), day, now));
				measured += Boolean.TRUE.equals(scored) ? 1 : 0;
			}
		}
		return measured;
	}

	private boolean measure(HealthRepository.Enabled mailbox, String email, LocalDate day, Instant now) {
		HealthScore parts = parts(mailbox.workspaceId(), mailbox.mailboxId(), email, day, now);
		Optional<Integer> score = parts.score();
		if (score.isEmpty()) {
			return false;
		}
		repository.save(mailbox.workspaceId(), mailbox.mailboxId(), day, score.get(), parts, now);
		if (!score.get().equals(mailbox.score())) {
			events.publishEvent(new WarmupHealthChanged(mailbox.workspaceId(), mailbox.mailboxId(), email,
					mailbox.score(), score.get(), now));
		}
		return true;
	}

	private HealthScore parts(UUID workspaceId, UUID mailboxId, String email, LocalDate day, Instant now) {
		Map<String, Integer> found = repository.placements(workspaceId, mailboxId, day.minusDays(DAYS - 1), day);
		SenderSignals.Dns dns = signals.dns(workspaceId, email);
		SenderSignals.Rates rates = signals.rates(workspaceId, mailboxId, now);
		return new HealthScore(count(found, Placement.INBOX), count(found, Placement.SPAM),
				count(found, Placement.OTHER), count(found, Placement.MISSING), rates.bounceRate(),
				rates.complaintRate(), dns.spf(), dns.dkim(), dns.dmarc());
	}

	private static int count(Map<String, Integer> found, Placement placement) {
		return found.getOrDefault(placement.value(), 0);
	}

	/** The mailbox's latest score, empty until measured. */
	public Optional<Integer> score(UUID mailboxId) {
		return repository.score(mailboxId);
	}

	/**
	 * The mailbox's measures of days {@code from}..{@code to} (UTC, both included),
	 * oldest first, for background readers such as the reputation timeline; empty for a
	 * mailbox of another workspace.
	 */
	public List<Measure> days(UUID workspaceId, UUID mailboxId, LocalDate from, LocalDate to) {
		return repository.days(workspaceId, mailboxId, from, to);
	}

	/** The mailbox's latest measure (for alerts and pages), empty until measured. */
	public Optional<Measure> latest(UUID workspaceId, UUID mailboxId) {
		return repository.latest(workspaceId, mailboxId);
	}

	/**
	 * A mailbox of the caller's workspace: its scores over the {@code days} days ending
	 * on {@code today}, and its latest breakdown.
	 * @param days 1–365
	 * @throws NotFoundProblem when the mailbox is not the workspace's
	 * @throws InvalidInputProblem for days out of range
	 */
	public History history(Tenant tenant, UUID mailboxId, int days, LocalDate today) {
		tenant.require(WorkspaceRole.VIEWER, "warmup:read");
		if (days < 1 || days > 365) {
			throw new InvalidInputProblem("invalid-days", "days must be between 1 and 365.");
		}
		String email = mailboxes.find(tenant.workspaceId(), mailboxId)
			.orElseThrow(() -> new NotFoundProblem("Mailbox"))
			.email();
		return new History(mailboxId, email, repository.latest(tenant.workspaceId(), mailboxId).orElse(null),
				repository.days(tenant.workspaceId(), mailboxId, today.minusDays(days - 1L), today));
	}

}
