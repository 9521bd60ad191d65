package com.penguinmails.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.delivery.internal.DispatchSignal;
import com.penguinmails.delivery.internal.MessageBuilder;
import com.penguinmails.delivery.internal.OutboxRepository;
import com.penguinmails.delivery.internal.OutboxRepository.NewRow;
import com.penguinmails.delivery.internal.OutboxRepository.SendRow;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The outbox: the scheduler queues rendered messages, the dispatcher sends them. A step
 * of an enrolment is queued at most once (a unique key), so it is sent at most once. The
 * SQL is {@link OutboxRepository}'s.
 */
@Service
public class Outbox {

	/** A queued message: its row and the Message-ID it carries (for threading). */
	public record Queued(UUID outboxId, String messageId) {
	}

	/**
	 * What a mailbox has queued or sent in the last 24 hours and when its latest message
	 * is due: the scheduler's caps and gaps.
	 */
	public record Pacing(int lastDay, Instant latest) {
	}

	/**
	 * One message of a campaign as its sends list shows it.
	 *
	 * @param status where it stands (the API gives the lowercase value)
	 * @param smtpReply the server's last reply (or why it was not sent), or null
	 */
	public record Send(UUID id, int step, int variant, String to, String subject, OutboxStatus status, int attempts,
			String smtpReply, String messageId, Instant notBefore, Instant sentAt) {
	}

	/** Messages of one step of a campaign, by status. */
	public record StepCount(int step, long queued, long sent, long failed) {
	}

	/**
	 * Who a message went to, and from which campaign step: tracking and inbound.
	 *
	 * @param sentAt when the message was handed to the recipient's server, or null when
	 * it has not been (yet)
	 */
	public record Recipient(UUID outboxId, UUID workspaceId, UUID campaignId, UUID enrolmentId, int step, int variant,
			UUID contactId, String address, Instant sentAt) {

		/**
		 * Whether the recipient's data was erased (a GDPR request): nothing more to keep.
		 */
		public boolean erased() {
			return address.equals("erased@invalid");
		}

	}

	/**
	 * A message of ours as inbound mail refers to it: who it went to, from which mailbox
	 * and campaign step, with its subject and Message-ID (replies, bounces, complaints).
	 */
	public record Sent(Recipient recipient, UUID mailboxId, String subject, String messageId) {
	}

	/** A message we sent, as a conversation shows it. */
	public record Written(UUID id, int step, UUID mailboxId, String to, String subject, String text, String messageId,
			String references, Instant sentAt) {
	}

	/**
	 * What the receiving servers answered, per step and variant: accepted (2xx), or
	 * refused for good at SMTP time, by kind (hard: no such address; soft: mailbox full,
	 * or still deferred after the last retry; block: policy; other). Messages never
	 * attempted (suppressed, mailbox removed) are not counted.
	 */
	public record Outcome(int step, int variant, long accepted, long rejectedHard, long rejectedSoft,
			long rejectedBlock, long rejectedOther) {
	}

	/**
	 * The {@link Outcome}s of the messages sent (or refused) in one hour, aligned on the
	 * Unix epoch; {@code hour} is null for messages refused before any was sent.
	 */
	public record HourlyOutcome(Instant hour, Outcome outcome) {
	}

	private final OutboxRepository repository;

	private final Clock clock;

	private final DispatchSignal signal;

	Outbox(OutboxRepository repository, Clock clock, DispatchSignal signal) {
		this.repository = repository;
		this.clock = clock;
		this.signal = signal;
	}

	/**
	 * Queues the message, to be sent at or after {@code notBefore}; empty when this
	 * enrolment's step is already queued. The Message-ID is on the sender's domain.
	 */
	public Optional<Queued> enqueue(OutgoingMessage message, Instant notBefore) {
		return enqueueAll(List.of(message), List.of(notBefore)).get(0);
	}

	/**
	 * Queues many messages in one round trip; each result is the queued message, or empty
	 * when that enrolment's step was queued before (or the driver could not say: then
	 * {@link #find} tells which message holds the step).
	 */
	public List<Optional<Queued>> enqueueAll(List<OutgoingMessage> messages, List<Instant> notBefore) {
		if (messages.isEmpty()) {
			return List.of();
		}
		List<NewRow> rows = new ArrayList<>(messages.size());
		for (int i = 0; i < messages.size(); i++) {
			OutgoingMessage message = messages.get(i);
			UUID id = UUID.randomUUID();
			rows.add(new NewRow(id, messageId(id, message.fromAddress()), message,
					MessageBuilder.domainOf(message.toAddress()), notBefore.get(i)));
		}
		List<Boolean> inserted = repository.insertAll(rows, clock.instant());
		// This node's dispatcher claims them as soon as they commit.
		signal.raiseAfterCommit();
		List<Optional<Queued>> result = new ArrayList<>(rows.size());
		for (int i = 0; i < inserted.size(); i++) {
			NewRow row = rows.get(i);
			result.add(inserted.get(i) ? Optional.of(new Queued(row.id(), row.messageId())) : Optional.empty());
		}
		return result;
	}

	/**
	 * The Message-ID of the message {@code id} from {@code fromAddress}: RFC 5322 §3.6.4
	 * {@code <id@domain>}, on the sender's domain (lower case).
	 */
	public static String messageId(UUID id, String fromAddress) {
		return "<" + id + "@" + MessageBuilder.domainOf(fromAddress) + ">";
	}

	/**
	 * Per mailbox: messages queued or sent in the 24 hours before {@code now} (failed and
	 * cancelled ones do not count), and the latest send time.
	 */
	public Map<UUID, Pacing> pacing(Collection<UUID> mailboxIds, Instant now) {
		return mailboxIds.isEmpty() ? new HashMap<>() : repository.pacing(mailboxIds, now);
	}

	/**
	 * Per mailbox and recipient domain: messages queued or sent since {@code since} (the
	 * per-provider pace), for many at once.
	 */
	public Map<UUID, Map<String, Integer>> toDomainsSince(Collection<UUID> mailboxIds, Collection<String> domains,
			Instant since) {
		if (mailboxIds.isEmpty() || domains.isEmpty()) {
			return new HashMap<>();
		}
		return repository.toDomainsSince(mailboxIds, domains, since);
	}

	/**
	 * Messages the mailboxes sent (2xx) per recipient domain since {@code since}: the
	 * denominators of throttling's complaint and bounce rates per path.
	 */
	public Map<UUID, Map<String, Integer>> sentToDomains(UUID workspaceId, Collection<UUID> mailboxIds, Instant since) {
		return mailboxIds.isEmpty() ? new HashMap<>() : repository.sentToDomains(workspaceId, mailboxIds, since);
	}

	/** The message already queued for this enrolment's step, if any. */
	public Optional<Queued> find(UUID enrolmentId, int step) {
		return repository.find(enrolmentId, step);
	}

	/** Messages of a campaign queued or sent since {@code since}: its daily limit. */
	public int campaignSince(UUID campaignId, Instant since) {
		return repository.campaignSince(campaignId, since);
	}

	/**
	 * Messages a mailbox has queued or sent to one recipient domain since {@code since}:
	 * the per-provider pace.
	 */
	public int toDomainSince(UUID mailboxId, String domain, Instant since) {
		return repository.toDomainSince(mailboxId, domain.toLowerCase(Locale.ROOT), since);
	}

	/** A campaign's messages, newest first, a page at a time. */
	public CursorPage<Send> sends(Tenant tenant, UUID campaignId, String cursor, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "campaigns:read");
		int size = CursorPage.limit(limit, 200);
		List<SendRow> rows = repository.sends(tenant.workspaceId(), campaignId, CursorPage.Position.parse(cursor),
				size + 1);
		CursorPage<SendRow> page = CursorPage.of(rows, size,
				row -> new CursorPage.Position(row.createdAt(), row.send().id()));
		return new CursorPage<>(page.data().stream().map(SendRow::send).toList(), page.nextCursor());
	}

	/** A campaign's messages per step: waiting (queued, deferred, held), sent, failed. */
	public List<StepCount> stepCounts(Tenant tenant, UUID campaignId) {
		tenant.require(WorkspaceRole.VIEWER, "campaigns:read");
		return repository.stepCounts(tenant.workspaceId(), campaignId);
	}

	/** Messages sent per step and variant of a campaign: step → variant → count. */
	public Map<Integer, Map<Integer, Long>> sentByVariant(UUID campaignId) {
		return repository.byVariant(campaignId, false);
	}

	/**
	 * Messages queued or sent (not failed or cancelled) per step and variant of a
	 * campaign: the even split of variants.
	 */
	public Map<Integer, Map<Integer, Long>> queuedByVariant(UUID campaignId) {
		return repository.byVariant(campaignId, true);
	}

	/**
	 * Who the message of an enrolment's step went to, in one query (the tracking links
	 * name a message by enrolment and step).
	 */
	public Optional<Recipient> recipient(UUID enrolmentId, int step) {
		return repository.recipient(enrolmentId, step);
	}

	/** Who the message with this outbox id went to. */
	public Optional<Recipient> recipient(UUID outboxId) {
		return repository.recipient(outboxId);
	}

	/** The message we sent with this id, in the workspace. */
	public Optional<Sent> sent(UUID workspaceId, UUID outboxId) {
		return repository.sent(workspaceId, outboxId);
	}

	/**
	 * The messages we sent with these Message-IDs (angle brackets included, as in the
	 * headers), in the workspace.
	 */
	public List<Sent> sentWithMessageIds(UUID workspaceId, Collection<String> messageIds) {
		return messageIds.isEmpty() ? List.of() : repository.sentWithMessageIds(workspaceId, messageIds);
	}

	/**
	 * The message a sending provider accepted with this id (Postmark's MessageID,
	 * Mailgun's id without angle brackets, SES's MessageId), kept as its queue id, in the
	 * workspace.
	 */
	public Optional<Sent> sentWithQueueId(UUID workspaceId, String queueId) {
		return queueId == null || queueId.isBlank() ? Optional.empty()
				: repository.sentWithQueueId(workspaceId, queueId.strip());
	}

	/**
	 * Cancels a message still waiting in the queue (status {@code queued}, {@code held}
	 * or {@code deferred}); false when it is being sent, already left, or not the
	 * workspace's.
	 */
	public boolean cancelQueued(UUID workspaceId, UUID outboxId) {
		return repository.cancelQueued(workspaceId, outboxId);
	}

	/** What a mailbox sent to an address, newest first (at most {@code limit}). */
	public List<Sent> sentTo(UUID workspaceId, UUID mailboxId, String address, int limit) {
		return repository.sentTo(workspaceId, mailboxId, address, limit);
	}

	/**
	 * What was sent in one conversation, oldest first: the enrolment's steps (or the one
	 * message, when {@code threadId} names an outbox row).
	 */
	public List<Written> conversation(UUID workspaceId, UUID threadId) {
		return repository.conversation(workspaceId, threadId);
	}

	/**
	 * What the receiving servers answered, per step, variant and hour of sending (one
	 * read of the campaign's messages for its figures and its chart); groups with none
	 * are left out, in no order.
	 */
	public List<HourlyOutcome> outcomesPerHour(UUID workspaceId, UUID campaignId) {
		return repository.outcomesPerHour(workspaceId, campaignId);
	}

	/** Messages of a campaign accepted per day (UTC), oldest first. */
	public Map<Instant, Long> sentPerDay(UUID workspaceId, UUID campaignId) {
		return repository.sentPerDay(workspaceId, campaignId);
	}

	/**
	 * The outbox ids of the messages queued or sent to a contact of the workspace (GDPR
	 * export and erasure of what other features keep per message); none once the
	 * contact's data is erased here.
	 */
	public List<UUID> messagesTo(UUID workspaceId, UUID contactId) {
		return repository.messagesTo(workspaceId, contactId);
	}

	/** How many messages a mailbox has sent since the instant (complaint rates). */
	public long sentBy(UUID workspaceId, UUID mailboxId, Instant since) {
		return repository.sentBy(workspaceId, mailboxId, since);
	}

}
