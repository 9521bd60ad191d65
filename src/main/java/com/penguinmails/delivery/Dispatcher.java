package com.penguinmails.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.contacts.Suppressions;
import com.penguinmails.delivery.internal.DeliveryProperties;
import com.penguinmails.delivery.internal.OutboxStore;
import com.penguinmails.delivery.internal.OutboxStore.Claimed;
import com.penguinmails.delivery.internal.Replies;
import com.penguinmails.delivery.internal.SignedMessages;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxTransport;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.Routing;
import com.penguinmails.mailboxes.SendingRoutes;
import com.penguinmails.mailboxes.SentVia;
import com.penguinmails.mailboxes.SmtpConnectionFailed;
import com.penguinmails.mailboxes.SmtpReply;
import com.penguinmails.shared.EmailAddresses;

/**
 * Sends what the outbox holds. One round claims due rows ({@code SKIP LOCKED}, with a
 * lease, so nodes share the queue and a dead node's claims come back), then sends each
 * mailbox's messages over one SMTP connection, several mailboxes at once, and records
 * every outcome as it happens: sent (2xx), deferred with backoff (4xx), failed (5xx, a
 * hard bounce suppresses the address). A server that cannot be reached or refuses the
 * login sends the messages back to the queue; the third time in a row its mailbox is put
 * in error and its messages are held. A message on a suspended path (its mailbox to its
 * recipient's provider, see {@link SendingPaths}) goes back to the queue until the
 * suspension ends, not counted as an attempt. Within a mailbox's batch each message takes
 * the first of the workspace's sending routes that matches it ({@link SendingRoutes}: a
 * chain of sending providers, perhaps ending with the mailbox's SMTP server), else the
 * mailbox's own transport; the outbox row records which transport sent it.
 */
@Service
public class Dispatcher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	/** Connection failures in a row that put a mailbox in error. */
	public static final int CONNECTION_FAILURES_TO_ERROR = 3;

	/** How long messages wait after their server could not be reached. */
	public static final Duration CONNECTION_RETRY = Duration.ofMinutes(1);

	private final OutboxStore store;

	private final Mailboxes mailboxes;

	private final SignedMessages messages;

	private final Suppressions suppressions;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final ExecutorService senders;

	private final ObjectProvider<SendingPaths> paths;

	private final SendingRoutes routes;

	/** When handed-over rows were last looked for (see {@link #settleHandedOver}). */
	private final AtomicReference<Instant> lastSettle = new AtomicReference<>();

	Dispatcher(OutboxStore store, Mailboxes mailboxes, SignedMessages messages, Suppressions suppressions,
			ApplicationEventPublisher events, TransactionTemplate transactions, DeliveryProperties properties,
			ObjectProvider<SendingPaths> paths, SendingRoutes routes) {
		this.paths = paths;
		this.routes = routes;
		this.store = store;
		this.mailboxes = mailboxes;
		this.messages = messages;
		this.suppressions = suppressions;
		this.events = events;
		this.transactions = transactions;
		this.senders = Executors.newFixedThreadPool(Math.max(1, properties.senderThreads()), r -> {
			Thread thread = new Thread(r, "delivery-sender");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * One round at time {@code now}: claims up to {@code max} due messages, sends them
	 * and records their outcomes; returns how many were claimed.
	 */
	public int dispatch(Instant now, int max) {
		List<UUID> unavailable = mailboxes.unavailable();
		store.release(unavailable);
		settleHandedOver(now, max);
		List<Claimed> claimed = store.claim(now, max, unavailable);
		Map<UUID, List<Claimed>> byMailbox = new LinkedHashMap<>();
		for (Claimed row : claimed) {
			byMailbox.computeIfAbsent(row.mailboxId(), id -> new ArrayList<>()).add(row);
		}
		List<Future<?>> running = new ArrayList<>(byMailbox.size());
		for (List<Claimed> batch : byMailbox.values()) {
			running.add(senders.submit(() -> send(batch, now)));
		}
		for (Future<?> future : running) {
			try {
				future.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (ExecutionException ex) {
				// The batch's rows keep their lease and are taken again when it runs out.
				log.warn("A delivery batch failed: {}", ex.getCause().toString());
			}
		}
		return claimed.size();
	}

	/**
	 * Messages a dead node handed over without recording the reply are sent, not sent
	 * again (see {@link OutboxStore#settleHandedOver}); their events go out as for any
	 * send. Looked for at most every quarter lease (30 s) per node.
	 */
	private void settleHandedOver(Instant now, int max) {
		// A quarter of a lease apart is soon enough, as the claim never takes these
		// rows; it spares every round on every node the query. A clock set back looks
		// at once.
		Instant last = lastSettle.get();
		if (last != null && !now.isBefore(last) && now.isBefore(last.plus(OutboxStore.LEASE.dividedBy(4)))) {
			return;
		}
		if (!lastSettle.compareAndSet(last, now)) {
			return;
		}
		transactions.executeWithoutResult(tx -> {
			for (OutboxStore.Settled row : store.settleHandedOver(now, max)) {
				log.warn("Outbox message {} was handed to the server by a node that stopped before the reply; "
						+ "recorded as sent, not sent again", row.id());
				events.publishEvent(new MessageSent(row.workspaceId(), row.campaignId(), row.enrolmentId(), row.step(),
						row.id(), row.messageId(), row.mailboxId(), row.sentAt(), null));
			}
		});
	}

	/** Sends one mailbox's claimed messages, over one transport per route. */
	private void send(List<Claimed> claimed, Instant now) {
		Claimed first = claimed.get(0);
		Optional<Mailbox> mailbox = mailboxes.find(first.workspaceId(), first.mailboxId());
		if (mailbox.isEmpty()) {
			claimed.forEach(row -> notSent(row, now, "mailbox_removed", "not sent: its mailbox was removed"));
			return;
		}
		List<Claimed> batch = withoutSuspended(claimed, now);
		if (batch.isEmpty()) {
			return;
		}
		// Each message takes the first sending route that matches it, else its mailbox's
		// own transport: one transport per route in the batch, opened on first need.
		Routing routing = routes.routing(first.workspaceId());
		Map<Routing.Choice, List<Claimed>> byRoute = new LinkedHashMap<>();
		for (Claimed row : batch) {
			byRoute.computeIfAbsent(routing.choose(row.campaignId(), row.toAddress()), c -> new ArrayList<>()).add(row);
		}
		// Suppression is checked right before sending: for the whole batch in one query.
		java.util.Set<String> suppressed = suppressions.suppressedAmong(first.workspaceId(),
				batch.stream().map(Claimed::toAddress).toList());
		boolean answered = false;
		for (Map.Entry<Routing.Choice, List<Claimed>> route : byRoute.entrySet()) {
			answered = send(routing, route.getKey(), route.getValue(), mailbox.get(), suppressed, answered, now);
		}
	}

	/**
	 * Sends one route's messages of a mailbox's batch over one transport; returns whether
	 * a message was answered so far in the batch.
	 */
	private boolean send(Routing routing, Routing.Choice choice, List<Claimed> rows, Mailbox mailbox,
			java.util.Set<String> suppressed, boolean answeredBefore, Instant now) {
		Claimed first = rows.get(0);
		MailboxTransport transport;
		try {
			transport = routes.open(routing, first.mailboxId(), choice);
		}
		catch (SmtpConnectionFailed ex) {
			transportFailed(routing, choice, first, rows, ex, now);
			return answeredBefore;
		}
		// The failure count is cleared by the first answer about a message, not by the
		// connection alone: a provider's HTTP API is "connected" without a call, and only
		// its answer to a message says whether the key works.
		boolean answered = answeredBefore;
		try (transport) {
			for (int i = 0; i < rows.size(); i++) {
				Claimed row = rows.get(i);
				if (suppressed.contains(row.toAddress())) {
					notSent(row, now, "suppressed", "not sent: the address is on the suppression list");
					continue;
				}
				SignedMessages.Prepared prepared;
				try {
					prepared = messages.prepare(row, mailbox, now);
				}
				catch (MessagingException | RuntimeException ex) {
					notSent(row, now, "invalid_message",
							"not sent: the message could not be built: " + ex.getMessage());
					continue;
				}
				SmtpReply reply;
				try {
					reply = transport.send(prepared.message(), () -> store.handedOver(row, now));
				}
				catch (SmtpConnectionFailed ex) {
					transportFailed(routing, choice, first, rows.subList(i, rows.size()), ex, now);
					return answered;
				}
				if (!answered) {
					store.connected(first.mailboxId());
					answered = true;
				}
				record(row, reply, transport.via(), prepared, now);
			}
		}
		return answered;
	}

	/**
	 * Sends back to the queue the rows whose path is suspended (not an attempt), due
	 * again when the suspension ends; returns the others.
	 */
	private List<Claimed> withoutSuspended(List<Claimed> batch, Instant now) {
		Claimed first = batch.get(0);
		Map<String, List<Claimed>> byDomain = new LinkedHashMap<>();
		for (Claimed row : batch) {
			byDomain.computeIfAbsent(EmailAddresses.domainPart(row.toAddress()), d -> new ArrayList<>()).add(row);
		}
		List<SendingPaths.PathLimit> limits = paths.getIfAvailable(() -> SendingPaths.NONE)
			.limits(first.workspaceId(), List.of(first.mailboxId()), byDomain.keySet(), now);
		if (limits.isEmpty()) {
			return batch;
		}
		for (SendingPaths.PathLimit limit : limits) {
			List<Claimed> rows = byDomain.get(limit.recipientDomain());
			if (limit.suspendedAt(now) && rows != null) {
				byDomain.remove(limit.recipientDomain());
				transactions.executeWithoutResult(tx -> store.requeue(rows, limit.suspendedUntil(),
						"waiting: sending to " + limit.path() + " is suspended"));
			}
		}
		return byDomain.values().stream().flatMap(List::stream).toList();
	}

	private void record(Claimed row, SmtpReply reply, SentVia via, SignedMessages.Prepared prepared, Instant now) {
		transactions.executeWithoutResult(tx -> {
			if (reply.accepted()) {
				if (store.sent(row, now, reply.text(), Replies.queueId(reply.text()), prepared.dkimDomain(),
						prepared.note(), via)) {
					events.publishEvent(new MessageSent(row.workspaceId(), row.campaignId(), row.enrolmentId(),
							row.step(), row.id(), row.messageId(), row.mailboxId(), now, reply.text()));
				}
				return;
			}
			if (!reply.permanentFailure()) {
				// 4xx (and anything unexpected): try again later, a few times.
				Optional<Duration> wait = Replies.backoff(row.attempts() + 1);
				if (wait.isPresent()) {
					if (store.deferred(row, now, now.plus(wait.get()), reply.text(), prepared.dkimDomain(),
							prepared.note())) {
						events.publishEvent(
								new MessageDeferred(row.workspaceId(), row.campaignId(), row.id(), row.mailboxId(),
										row.toAddress(), reply.text(), row.attempts() + 1, now.plus(wait.get()), now));
					}
				}
				else if (store.failed(row, now, true, reply.text(), "retries_exhausted", prepared.note())) {
					failedEvent(row, false, reply.text(), now);
				}
				return;
			}
			boolean hardBounce = Replies.hardBounce(reply);
			if (store.failed(row, now, true, reply.text(), Replies.failure(reply), prepared.note())) {
				if (hardBounce) {
					suppressions.suppress(row.workspaceId(), row.toAddress(), "hard_bounce");
				}
				failedEvent(row, hardBounce, reply.text(), now);
			}
		});
	}

	private void notSent(Claimed row, Instant now, String failure, String why) {
		transactions.executeWithoutResult(tx -> {
			if (store.failed(row, now, false, null, failure, why)) {
				failedEvent(row, false, why, now);
			}
		});
	}

	private void failedEvent(Claimed row, boolean hardBounce, String reply, Instant now) {
		events.publishEvent(new MessageFailed(row.workspaceId(), row.campaignId(), row.enrolmentId(), row.step(),
				row.id(), row.toAddress(), hardBounce, reply, row.mailboxId(), now));
	}

	/**
	 * The server could not be used: the messages wait (not an attempt), and the third
	 * time in a row the mailbox goes in error and its messages are held.
	 */
	private void transportFailed(Routing routing, Routing.Choice choice, Claimed first, List<Claimed> rows,
			SmtpConnectionFailed ex, Instant now) {
		if (routing.mailboxAnswers(choice)) {
			connectionFailed(first, rows, ex, now);
			return;
		}
		// A route of providers alone: they are marked failing (and skipped while another
		// is usable), or all off; the messages wait, and the mailbox, which was not used,
		// stays as it is.
		String error = routing.describe(choice) + ": " + ex.getMessage();
		log.info("A sending route of mailbox {} could not send: {}", first.mailboxId(), error);
		store.requeue(rows, now.plus(CONNECTION_RETRY), error);
	}

	private void connectionFailed(Claimed first, List<Claimed> rows, SmtpConnectionFailed ex, Instant now) {
		String error = "SMTP " + ex.stage() + ": " + ex.getMessage();
		log.info("Mailbox {} could not send: {}", first.mailboxId(), error);
		transactions.executeWithoutResult(tx -> {
			store.requeue(rows, now.plus(CONNECTION_RETRY), error);
			int failures = store.connectionFailed(first.workspaceId(), first.mailboxId(), error, now);
			if (failures >= CONNECTION_FAILURES_TO_ERROR) {
				mailboxes.markError(first.workspaceId(), first.mailboxId(), error);
				store.hold(first.workspaceId(), first.mailboxId());
				store.connected(first.mailboxId());
			}
		});
	}

	@Override
	public void destroy() {
		senders.shutdownNow();
	}

}
