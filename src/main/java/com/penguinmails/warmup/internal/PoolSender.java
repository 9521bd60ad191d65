package com.penguinmails.warmup.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.MessagingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.penguinmails.delivery.DirectMessages;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.MailboxTransport;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.SmtpConnectionFailed;
import com.penguinmails.mailboxes.SmtpReply;
import com.penguinmails.warmup.WarmupTokens;

/**
 * Sends claimed warmup messages: one SMTP connection per sender mailbox
 * ({@link Mailboxes#connect}), four mailboxes at once, each message built and DKIM-signed
 * by {@link DirectMessages} as plain text with the token in the
 * {@code X-PenguinMails-Warmup} header (and the body's last line), never through the
 * outbox. Outcomes: 2xx sent; 5xx, a connection failure, or a message that cannot be
 * built: failed with the reason; 4xx: tried again 15 minutes later (failed once the
 * sender's day is over).
 */
@Component
public class PoolSender implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(PoolSender.class);

	private static final Duration RETRY = Duration.ofMinutes(15);

	private final Mailboxes mailboxes;

	private final DirectMessages messages;

	private final PoolRepository repository;

	private final ExecutorService senders = Executors.newFixedThreadPool(4, r -> {
		Thread thread = new Thread(r, "warmup-sender");
		thread.setDaemon(true);
		return thread;
	});

	PoolSender(Mailboxes mailboxes, DirectMessages messages, PoolRepository repository) {
		this.mailboxes = mailboxes;
		this.messages = messages;
		this.repository = repository;
	}

	/**
	 * Sends the claimed messages, each sender's over one connection; returns how many
	 * were accepted.
	 */
	public int send(List<PoolRepository.Due> claimed, Instant now) {
		Map<UUID, Mailbox> recipients = recipients(claimed);
		Map<UUID, List<PoolRepository.Due>> bySender = new LinkedHashMap<>();
		claimed.forEach(due -> bySender.computeIfAbsent(due.senderMailboxId(), id -> new ArrayList<>()).add(due));
		List<Future<Integer>> running = new ArrayList<>();
		for (List<PoolRepository.Due> batch : bySender.values()) {
			running.add(senders.submit(() -> sendBatch(batch, recipients, now)));
		}
		int sent = 0;
		for (Future<Integer> future : running) {
			try {
				sent += future.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (ExecutionException ex) {
				// The batch keeps its lease: its rows are taken again when it runs out.
				log.warn("A warmup batch failed: {}", ex.getCause().toString());
			}
		}
		return sent;
	}

	private Map<UUID, Mailbox> recipients(List<PoolRepository.Due> claimed) {
		Map<UUID, List<UUID>> byWorkspace = new HashMap<>();
		claimed.forEach(due -> byWorkspace.computeIfAbsent(due.recipientWorkspaceId(), ws -> new ArrayList<>())
			.add(due.recipientMailboxId()));
		Map<UUID, Mailbox> found = new HashMap<>();
		byWorkspace.forEach((workspace, ids) -> mailboxes.findAll(workspace, ids.stream().distinct().toList())
			.forEach(mailbox -> found.put(mailbox.id(), mailbox)));
		return found;
	}

	private int sendBatch(List<PoolRepository.Due> batch, Map<UUID, Mailbox> recipients, Instant now) {
		PoolRepository.Due first = batch.get(0);
		Outcomes outcomes = new Outcomes();
		Optional<Mailbox> sender = mailboxes.find(first.senderWorkspaceId(), first.senderMailboxId());
		if (sender.isEmpty()) {
			batch.forEach(due -> outcomes.failed.put(due.id(), "mailbox removed"));
			return outcomes.record(now);
		}
		if (sender.get().status() != MailboxStatus.ACTIVE) {
			// Paused or in error since the claim: stays unsent until its day is over.
			batch.forEach(due -> outcomes.later.put(due.id(), "mailbox paused"));
			return outcomes.record(now);
		}
		try (MailboxTransport transport = mailboxes.connect(first.senderWorkspaceId(), first.senderMailboxId())) {
			for (PoolRepository.Due due : batch) {
				sendOne(transport, sender.get(), due, recipients.get(due.recipientMailboxId()), outcomes);
			}
		}
		catch (SmtpConnectionFailed ex) {
			String error = "SMTP " + ex.stage() + ": " + ex.getMessage();
			batch.stream()
				.filter(due -> !outcomes.settled(due.id()))
				.forEach(due -> outcomes.failed.put(due.id(), error));
		}
		return outcomes.record(now);
	}

	private void sendOne(MailboxTransport transport, Mailbox sender, PoolRepository.Due due, Mailbox recipient,
			Outcomes outcomes) throws SmtpConnectionFailed {
		if (recipient == null) {
			outcomes.failed.put(due.id(), "recipient mailbox removed");
			return;
		}
		DirectMessages.Built built;
		try {
			built = messages.build(due.senderWorkspaceId(), sender,
					new DirectMessages.Direct(due.id(), due.messageId(), recipient.email(), recipient.displayName(),
							due.subject(), null, due.body(), due.inReplyTo(), due.references(),
							Map.of(WarmupTokens.HEADER, due.token())));
		}
		catch (MessagingException | RuntimeException ex) {
			outcomes.failed.put(due.id(), "not built: " + ex.getMessage());
			return;
		}
		SmtpReply reply = transport.send(built.message());
		if (reply.accepted()) {
			outcomes.sent.add(due.id());
		}
		else if (reply.transientFailure() && !due.dayOver()) {
			outcomes.later.put(due.id(), reply.text());
		}
		else {
			outcomes.failed.put(due.id(), reply.text());
		}
	}

	/** What happened to one sender's messages, recorded in three statements. */
	private final class Outcomes {

		final List<UUID> sent = new ArrayList<>();

		final Map<UUID, String> failed = new HashMap<>();

		final Map<UUID, String> later = new HashMap<>();

		boolean settled(UUID id) {
			return sent.contains(id) || failed.containsKey(id) || later.containsKey(id);
		}

		int record(Instant now) {
			repository.sent(sent, now);
			if (!failed.isEmpty()) {
				repository.failed(failed, now);
			}
			if (!later.isEmpty()) {
				repository.retryLater(later, now.plus(RETRY));
			}
			return sent.size();
		}

	}

	@Override
	public void destroy() {
		senders.shutdownNow();
	}

}
