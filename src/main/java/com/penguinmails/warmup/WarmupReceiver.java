package com.penguinmails.warmup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.HeaderTerm;
import jakarta.mail.search.NotTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.ReceivedDateTerm;
import jakarta.mail.search.SearchTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxRef;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.warmup.internal.FoundMail;
import com.penguinmails.warmup.internal.ReceivingRepository;
import com.penguinmails.warmup.internal.ReceivingRepository.Pending;
import com.penguinmails.warmup.internal.WarmupFolders;
import com.penguinmails.warmup.internal.WarmupFolders.Place;
import com.penguinmails.warmup.internal.WarmupRecognition;
import com.penguinmails.warmup.internal.WarmupReplies;

/**
 * The receiving side of warmup, through each pool mailbox's own IMAP: finds the warmup
 * mail sent to it in the inbox, the spam folder and other folders (never Sent, Drafts,
 * Trash or Warmup), records where it was (its {@link Placement}), moves it out of spam
 * into the inbox (rescue), marks it read and flagged, answers it at the mailbox's reply
 * rate (a 'reply' row the pool sends when due), and files it into the "Warmup" folder so
 * it never sits in the user's inbox. Replies typed by hand in a warmup thread are filed
 * the same way and never answered. Messages sent more than 24 hours ago and still not
 * found are missing. Each message is handled once: its state is in
 * {@code warmup_messages}, and a handled message no longer sits where it is looked for.
 */
@Service
public class WarmupReceiver {

	private static final Logger log = LoggerFactory.getLogger(WarmupReceiver.class);

	/** After this long unseen, a sent warmup message is missing. */
	public static final Duration MISSING_AFTER = Duration.ofHours(24);

	/** How far back a folder is searched (IMAP SINCE, by arrival). */
	private static final Duration LOOK_BACK = Duration.ofDays(14);

	private final Mailboxes mailboxes;

	private final ReceivingRepository repository;

	private final WarmupRecognition recognition;

	private final WarmupReplies replies;

	private final TransactionTemplate transactions;

	WarmupReceiver(Mailboxes mailboxes, ReceivingRepository repository, WarmupRecognition recognition,
			WarmupReplies replies, TransactionTemplate transactions) {
		this.mailboxes = mailboxes;
		this.repository = repository;
		this.recognition = recognition;
		this.replies = replies;
		this.transactions = transactions;
	}

	/**
	 * What one check of a mailbox did.
	 *
	 * @param found warmup messages found and recorded (placement known)
	 * @param rescued of those, moved out of spam into the inbox
	 * @param replied reply rows queued
	 * @param filed messages moved into "Warmup" (hand-typed thread replies included)
	 * @param missing messages marked missing (sent over 24 h ago, never found)
	 * @param error why the mailbox could not be read, or null
	 */
	public record Result(UUID mailboxId, int found, int rescued, int replied, int filed, int missing, String error) {
	}

	/** How many mailboxes a round reads at once (each over its own IMAP connection). */
	static final int PARALLEL = 4;

	/**
	 * Checks every active mailbox that warmup mail was sent to and not yet found in,
	 * {@link #PARALLEL} at a time; a mailbox with nothing on its way is not opened.
	 */
	public List<Result> tick(Instant now) {
		Map<UUID, MailboxRef> active = mailboxes.all()
			.stream()
			.filter(m -> m.status() == MailboxStatus.ACTIVE)
			.collect(Collectors.toMap(MailboxRef::id, Function.identity()));
		List<ReceivingRepository.Receiving> due = repository.awaiting()
			.stream()
			.filter(r -> active.containsKey(r.mailboxId()))
			.toList();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(PARALLEL);
		try {
			List<java.util.concurrent.Future<Result>> results = new java.util.ArrayList<>();
			for (ReceivingRepository.Receiving r : due) {
				results.add(pool.submit(() -> check(r.workspaceId(), r.mailboxId(), now)));
			}
			return results.stream().map(WarmupReceiver::outcome).toList();
		}
		finally {
			pool.shutdown();
		}
	}

	private static Result outcome(java.util.concurrent.Future<Result> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Looks through the mailbox's folders for the warmup mail sent to it, handles what it
	 * finds, then marks what was sent more than 24 hours before {@code now} and is still
	 * not found as missing. Never throws: an IMAP failure is the result's error.
	 */
	public Result check(UUID workspaceId, UUID mailboxId, Instant now) {
		Optional<Mailbox> mailbox = mailboxes.find(workspaceId, mailboxId);
		Optional<ReceivingRepository.Receiver> receiver = repository.receiver(workspaceId, mailboxId);
		if (mailbox.isEmpty() || receiver.isEmpty()) {
			return new Result(mailboxId, 0, 0, 0, 0, 0, "The mailbox was removed or has no warmup settings.");
		}
		Tally tally = new Tally(new Context(workspaceId, mailbox.get(), receiver.get(), now));
		String error = null;
		try (Store store = mailboxes.openImap(workspaceId, mailboxId)) {
			for (Place place : WarmupFolders.places(store)) {
				lookIn(store, place, tally);
			}
		}
		catch (MessagingException | NotFoundProblem ex) {
			error = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage().strip();
			log.info("Warmup check of mailbox {} failed: {}", mailboxId, error);
		}
		int missing = repository.missing(mailboxId, now.minus(MISSING_AFTER));
		return new Result(mailboxId, tally.found, tally.rescued, tally.replied, tally.filed, missing, error);
	}

	/** The mailbox being checked, and when. */
	private record Context(UUID workspaceId, Mailbox mailbox, ReceivingRepository.Receiver receiver, Instant now) {
	}

	/** What a check did so far. */
	private static final class Tally {

		final Context context;

		int found;

		int rescued;

		int replied;

		int filed;

		Tally(Context context) {
			this.context = context;
		}

	}

	private void lookIn(Store store, Place place, Tally tally) throws MessagingException {
		Folder folder = store.getFolder(place.name());
		if (!folder.exists() || !(folder instanceof UIDFolder uids)) {
			return;
		}
		folder.open(Folder.READ_WRITE);
		try {
			List<Long> candidates = new ArrayList<>();
			for (Message message : folder.search(candidates(tally.context))) {
				candidates.add(uids.getUID(message));
			}
			for (long uid : candidates) {
				Message message = uids.getMessageByUID(uid);
				if (message != null && !message.isExpunged()) {
					handle(store, folder, place, message, tally);
				}
			}
		}
		finally {
			if (folder.isOpen()) {
				folder.close(false);
			}
		}
	}

	/**
	 * IMAP SEARCH (RFC 3501 §6.4.4) for what may be warmup mail, verified afterwards: a
	 * token-like text in the body or the token header, or an answer to a message of this
	 * mailbox (its Message-IDs are on its own domain).
	 */
	private static SearchTerm candidates(Context context) {
		String email = context.mailbox().email();
		String domain = email.substring(email.indexOf('@'));
		SearchTerm maybe = new OrTerm(
				new SearchTerm[] { new BodyTerm("wu-"), new HeaderTerm(WarmupTokens.HEADER, "wu-"),
						new HeaderTerm("In-Reply-To", domain), new HeaderTerm("References", domain) });
		SearchTerm since = new ReceivedDateTerm(ComparisonTerm.GE, Date.from(context.now().minus(LOOK_BACK)));
		return new AndTerm(
				new SearchTerm[] { maybe, since, new NotTerm(new FlagTerm(new Flags(Flags.Flag.DELETED), true)) });
	}

	private void handle(Store store, Folder folder, Place place, Message message, Tally tally) {
		Context context = tally.context;
		UUID mailboxId = context.mailbox().id();
		try {
			FoundMail mail = FoundMail.read(message);
			List<Pending> pending = repository.pending(mailboxId, mail.tokens(), mail.messageId());
			if (!pending.isEmpty()) {
				handleWarmup(store, folder, place, message, pending.get(0), tally);
			}
			else if (recognition.known(mailboxId, mail.tokens(), mail.ids())) {
				// A reply typed by hand in a warmup thread, or warmup mail already
				// counted (found late): out of the inbox too, never answered.
				WarmupFolders.seenAndFlagged(message);
				if (file(store, folder, message, mail.messageId())) {
					tally.filed++;
				}
			}
		}
		catch (MessagingException | RuntimeException ex) {
			log.info("Warmup message in {} of mailbox {} could not be handled: {}", place.name(), mailboxId,
					ex.toString());
		}
	}

	private void handleWarmup(Store store, Folder folder, Place place, Message message, Pending row, Tally tally)
			throws MessagingException {
		Context context = tally.context;
		WarmupFolders.seenAndFlagged(message);
		Folder current = folder;
		Message moving = message;
		boolean rescued = false;
		if (place.placement() == Placement.SPAM) {
			Folder inbox = store.getFolder("INBOX");
			long uid = WarmupFolders.move(folder, message, inbox);
			rescued = true;
			inbox.open(Folder.READ_WRITE);
			current = inbox;
			moving = WarmupFolders.find(inbox, uid, row.messageId());
		}
		try {
			boolean filed = moving != null && file(store, current, moving, row.messageId());
			boolean answer = replies.answers(row, context.receiver().replyRatePercent());
			boolean recorded = record(row, place, rescued, filed, answer, context);
			tally.found += recorded ? 1 : 0;
			tally.rescued += recorded && rescued ? 1 : 0;
			tally.replied += recorded && answer ? 1 : 0;
			tally.filed += filed ? 1 : 0;
		}
		finally {
			if (current != folder && current.isOpen()) {
				current.close(false);
			}
		}
	}

	/**
	 * Records the placement and queues the answer, together; false when already recorded.
	 */
	private boolean record(Pending row, Place place, boolean rescued, boolean filed, boolean answer, Context context) {
		LocalDate day = LocalDate.ofInstant(context.now(), context.receiver().timeZone());
		Boolean recorded = transactions.execute(status -> {
			boolean first = repository.found(new ReceivingRepository.Found(row.id(), place.placement(), place.name(),
					context.now(), rescued, filed, answer));
			if (first && answer) {
				repository.insertReply(replies.reply(row, context.workspaceId(), context.mailbox().id(),
						context.mailbox().email(), day, context.now()));
			}
			return first;
		});
		return Boolean.TRUE.equals(recorded);
	}

	/** Moves the message into "Warmup"; false when the server refused. */
	private boolean file(Store store, Folder from, Message message, String messageId) {
		try {
			WarmupFolders.move(from, message, WarmupFolders.warmup(store));
			return true;
		}
		catch (MessagingException ex) {
			log.info("Warmup message {} could not be filed: {}", messageId, ex.toString());
			return false;
		}
	}

}
