package com.penguinmails.warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.delivery.Outbox;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.warmup.internal.PoolPairing;
import com.penguinmails.warmup.internal.Providers;
import com.penguinmails.warmup.internal.PoolRepository;
import com.penguinmails.warmup.internal.PoolRepository.Enabled;
import com.penguinmails.warmup.internal.PoolSender;
import com.penguinmails.warmup.internal.SendingWindow;
import com.penguinmails.warmup.internal.WarmupContent;

/**
 * The engagement pool: plans each day's new warmup threads between pool mailboxes and
 * sends due warmup messages (new threads and the receivers' replies) over each sender's
 * own SMTP, never through delivery's outbox.
 * <p>
 * A mailbox is in the pool while its warmup is enabled and it exists and is active. The
 * pairing rules are {@link PoolPairing}'s. The scheduled loop calls {@link #planDay} and
 * {@link #sendDue} with the current day and instant.
 */
@Service
public class WarmupPool {

	private final PoolRepository repository;

	private final PoolSender sender;

	private final Mailboxes mailboxes;

	private final WarmupContent content;

	WarmupPool(PoolRepository repository, PoolSender sender, Mailboxes mailboxes, WarmupContent content) {
		this.repository = repository;
		this.sender = sender;
		this.mailboxes = mailboxes;
		this.content = content;
	}

	/**
	 * Plans {@code day}'s new threads of every pool mailbox once: its
	 * {@link WarmupPlan#plannedOn} count, each a {@code warmup_messages} row (kind
	 * {@code initial}, a fresh token on the body's last line, a Message-ID on the
	 * sender's domain) due within the sender's sending window on that day in its time
	 * zone (random times, else evenly spaced; from {@code now} on when the window has
	 * begun). Idempotent: a sender that already has threads on the day gets no more. A
	 * sender left short keeps why ({@link #unplannedReason}).
	 * @return the messages planned by this call
	 */
	@Transactional
	public int planDay(LocalDate day, Instant now) {
		repository.lockPlanning();
		List<Enabled> enabled = repository.enabled();
		Map<UUID, Mailbox> active = activeMailboxes(enabled);
		Set<UUID> done = repository.sendersPlanned(day);
		Map<UUID, Integer> received = repository.received(day);
		Map<UUID, Enabled> settings = new HashMap<>();
		List<PoolPairing.Member> members = new ArrayList<>();
		for (Enabled e : enabled) {
			Mailbox mailbox = active.get(e.mailboxId());
			if (mailbox != null) {
				settings.put(e.mailboxId(), e);
				members.add(new PoolPairing.Member(e.workspaceId(), e.mailboxId(), mailbox.email(),
						PoolPairing.domainOf(mailbox.email()), Providers.of(mailbox.imapHost()), e.sharedPool(),
						e.plan().plannedOn(day), received.getOrDefault(e.mailboxId(), 0),
						done.contains(e.mailboxId())));
			}
		}
		Random random = new Random();
		PoolPairing.Result result = PoolPairing.pair(members, random);
		Map<PoolPairing.Member, List<PoolPairing.Member>> bySender = new LinkedHashMap<>();
		result.pairs()
			.forEach(pair -> bySender.computeIfAbsent(pair.sender(), s -> new ArrayList<>()).add(pair.recipient()));
		// Built 5,000 at a time on another thread while the previous 5,000 are inserted
		// (on this one, the transaction's): a day of 5,000 mailboxes never sits in memory
		// whole, and building overlaps the database's work.
		List<List<Map.Entry<PoolPairing.Member, List<PoolPairing.Member>>>> chunks = chunks(bySender);
		int planned = 0;
		CompletableFuture<List<PoolRepository.NewMessage>> next = chunks.isEmpty() ? null
				: build(chunks.get(0), settings, day, now);
		for (int i = 0; i < chunks.size(); i++) {
			List<PoolRepository.NewMessage> rows = next.join();
			next = i + 1 < chunks.size() ? build(chunks.get(i + 1), settings, day, now) : null;
			repository.insert(rows);
			planned += rows.size();
		}
		Set<UUID> fullyPlanned = new HashSet<>(bySender.keySet().stream().map(PoolPairing.Member::mailboxId).toList());
		fullyPlanned.removeAll(result.shortfalls().keySet());
		repository.keepShortfalls(day, result.shortfalls(), fullyPlanned);
		return planned;
	}

	/**
	 * Sends up to {@code max} due unsent warmup messages (new threads and replies), each
	 * sender's over one SMTP connection, and records each outcome ({@code sent_at}, or
	 * {@code failed_at} and {@code error}). Messages of a sender whose warmup was turned
	 * off are dropped ("warmup turned off"), and so are those to a recipient whose warmup
	 * is off or that is paused or in error ("recipient left the pool"); those of a paused
	 * sender, or one in error, wait until the sender's day is over, then fail ("mailbox
	 * paused").
	 * @return how many were sent (accepted by the sender's SMTP server)
	 */
	public int sendDue(Instant now, int max) {
		List<UUID> unavailable = mailboxes.unavailable();
		repository.dropOutOfPool(now, unavailable);
		repository.failPaused(unavailable, now);
		List<PoolRepository.Due> claimed = repository.claim(now, max, unavailable);
		return claimed.isEmpty() ? 0 : sender.send(claimed, now);
	}

	/**
	 * {@link #unplannedReason} of several mailboxes at once: only those that fell short.
	 */
	public Map<UUID, String> unplannedReasons(java.util.Collection<UUID> mailboxIds, LocalDate day) {
		return repository.unplannedReasons(mailboxIds, day);
	}

	/**
	 * When the mailbox's next warmup message (a new thread or an answer) is due, if any.
	 */
	public Optional<Instant> nextDue(UUID mailboxId) {
		return repository.nextDue(mailboxId);
	}

	/**
	 * Why the mailbox got fewer new threads than planned on the day, in words a person
	 * reads (e.g. "No partner: only mailboxes on the same domain in its pool"); empty
	 * when it got them all (or was not planned).
	 */
	public Optional<String> unplannedReason(UUID mailboxId, LocalDate day) {
		return repository.unplannedReason(mailboxId, day);
	}

	private static List<List<Map.Entry<PoolPairing.Member, List<PoolPairing.Member>>>> chunks(
			Map<PoolPairing.Member, List<PoolPairing.Member>> bySender) {
		List<List<Map.Entry<PoolPairing.Member, List<PoolPairing.Member>>>> chunks = new ArrayList<>();
		List<Map.Entry<PoolPairing.Member, List<PoolPairing.Member>>> chunk = new ArrayList<>();
		int rows = 0;
		for (var entry : bySender.entrySet()) {
			chunk.add(entry);
			rows += entry.getValue().size();
			if (rows >= PoolRepository.INSERT_CHUNK) {
				chunks.add(chunk);
				chunk = new ArrayList<>();
				rows = 0;
			}
		}
		if (!chunk.isEmpty()) {
			chunks.add(chunk);
		}
		return chunks;
	}

	/** The messages of these senders: text, token, Message-ID and due time each. */
	private CompletableFuture<List<PoolRepository.NewMessage>> build(
			List<Map.Entry<PoolPairing.Member, List<PoolPairing.Member>>> senders, Map<UUID, Enabled> settings,
			LocalDate day, Instant now) {
		return CompletableFuture.supplyAsync(() -> {
			Random random = new Random();
			List<PoolRepository.NewMessage> rows = new ArrayList<>();
			for (var entry : senders) {
				PoolPairing.Member from = entry.getKey();
				List<PoolPairing.Member> recipients = entry.getValue();
				Enabled e = settings.get(from.mailboxId());
				List<Instant> times = new SendingWindow(e.windowStart(), e.windowEnd(), e.timeZone()).times(day, now,
						recipients.size(), e.plan().schedule().randomTimes(), random);
				for (int i = 0; i < recipients.size(); i++) {
					rows.add(message(from, recipients.get(i), day, times.get(i), random));
				}
			}
			return rows;
		});
	}

	private Map<UUID, Mailbox> activeMailboxes(List<Enabled> enabled) {
		Map<UUID, List<UUID>> byWorkspace = enabled.stream()
			.collect(Collectors.groupingBy(Enabled::workspaceId,
					Collectors.mapping(Enabled::mailboxId, Collectors.toList())));
		Map<UUID, Mailbox> active = new HashMap<>();
		byWorkspace.forEach((workspace, ids) -> mailboxes.findAll(workspace, ids)
			.stream()
			.filter(mailbox -> mailbox.status() == MailboxStatus.ACTIVE)
			.forEach(mailbox -> active.put(mailbox.id(), mailbox)));
		return active;
	}

	private PoolRepository.NewMessage message(PoolPairing.Member from, PoolPairing.Member to, LocalDate day,
			Instant due, Random random) {
		UUID id = UUID.randomUUID();
		String token = WarmupTokens.mint();
		WarmupContent.Draft draft = content.first(random);
		return new PoolRepository.NewMessage(id, token, Outbox.messageId(id, from.email()), from.workspaceId(),
				from.mailboxId(), to.workspaceId(), to.mailboxId(), draft.subject(),
				WarmupContent.withToken(draft.body(), token), day, due);
	}

}
