package com.penguinmails.inbound.internal;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.inbound.WarmupFilter;

/**
 * Reads what is new in a mailbox's INBOX and spam folder, by UIDVALIDITY and UID (RFC
 * 3501 §2.3.1.1): only UIDs above the last one read are fetched, never the whole folder;
 * a changed UIDVALIDITY (the server renumbered the folder) reads it again, and the stored
 * Message-IDs keep what was read before from counting twice. Folders are opened read-only
 * and fetched with BODY.PEEK, so nothing is marked seen. Each batch is stored with its
 * new position in one transaction.
 */
@Component
public class MailboxSync {

	private static final Logger log = LoggerFactory.getLogger(MailboxSync.class);

	private final InboundStore store;

	private final InboundProcessor processor;

	private final TransactionTemplate transactions;

	private final InboundProperties properties;

	private final Clock clock;

	private final List<WarmupFilter> warmup;

	private final DmarcPlaceStore dmarcPlaces;

	MailboxSync(InboundStore store, InboundProcessor processor, TransactionTemplate transactions,
			InboundProperties properties, Clock clock, ObjectProvider<WarmupFilter> warmup,
			DmarcPlaceStore dmarcPlaces) {
		this.dmarcPlaces = dmarcPlaces;
		// Every filter there is; none when no feature sends such mail.
		this.warmup = warmup.orderedStream().toList();
		this.store = store;
		this.processor = processor;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	/** What a sync read: messages stored, per folder. */
	public record Outcome(int stored, List<String> folders) {
	}

	/**
	 * Syncs the open store's INBOX and spam folders, and the folder DMARC reports are
	 * read from when the mailbox has one.
	 */
	public Outcome sync(UUID workspaceId, UUID mailboxId, Store imap) throws MessagingException {
		int stored = 0;
		List<String> folders = new ArrayList<>(folders(imap));
		dmarcPlaces.folder(mailboxId)
			.filter(folder -> folders.stream().noneMatch(folder::equalsIgnoreCase))
			.ifPresent(folders::add);
		for (String name : folders) {
			stored += syncFolder(workspaceId, mailboxId, imap.getFolder(name));
		}
		return new Outcome(stored, folders);
	}

	/**
	 * INBOX, and the spam folder: marked {@code \Junk} (RFC 6154 special use), else named
	 * like one ("Spam", "Junk", "[Gmail]/Spam", "Bulk Mail").
	 */
	static List<String> folders(Store imap) throws MessagingException {
		List<String> names = new ArrayList<>(List.of("INBOX"));
		Folder junk = null;
		for (Folder folder : imap.getDefaultFolder().list("*")) {
			if (folder instanceof IMAPFolder imapFolder
					&& Arrays.stream(imapFolder.getAttributes()).anyMatch(a -> a.equalsIgnoreCase("\\Junk"))) {
				junk = folder;
				break;
			}
			String last = folder.getName().toLowerCase(Locale.ROOT);
			if (junk == null && (last.equals("spam") || last.equals("junk") || last.equals("junk e-mail")
					|| last.equals("junk email") || last.equals("bulk mail"))) {
				junk = folder;
			}
		}
		if (junk != null && !junk.getFullName().equalsIgnoreCase("INBOX")) {
			names.add(junk.getFullName());
		}
		return names;
	}

	private int syncFolder(UUID workspaceId, UUID mailboxId, Folder folder) throws MessagingException {
		if (!folder.exists() || !(folder instanceof UIDFolder uids)) {
			return 0;
		}
		folder.open(Folder.READ_ONLY);
		try {
			long validity = uids.getUIDValidity();
			String name = folder.getFullName();
			InboundStore.FolderState state = store.folder(mailboxId, name)
				.filter(s -> s.uidValidity() == validity)
				.orElse(new InboundStore.FolderState(validity, 0));
			long next = folder instanceof IMAPFolder imapFolder ? imapFolder.getUIDNext() : -1;
			if (next > 0 && next <= state.lastUid() + 1) {
				// UIDNEXT says nothing arrived: no FETCH at all.
				store.saveFolder(workspaceId, mailboxId, name, state, clock.instant());
				return 0;
			}
			Message[] messages = uids.getMessagesByUID(state.lastUid() + 1, UIDFolder.LASTUID);
			FetchProfile envelope = new FetchProfile();
			envelope.add(UIDFolder.FetchProfileItem.UID);
			envelope.add(FetchProfile.Item.SIZE);
			envelope.add(FetchProfile.Item.ENVELOPE);
			folder.fetch(messages, envelope);
			List<Message> fresh = new ArrayList<>();
			for (Message message : messages) {
				// "n:*" always returns the last message, even below n (RFC 3501 §6.4.8).
				if (uids.getUID(message) > state.lastUid()) {
					fresh.add(message);
				}
			}
			int stored = 0;
			int batchSize = Math.max(1, properties.batchSize());
			for (int from = 0; from < fresh.size(); from += batchSize) {
				List<Message> batch = fresh.subList(from, Math.min(fresh.size(), from + batchSize));
				stored += storeBatch(workspaceId, mailboxId, folder, uids, validity, batch);
			}
			if (fresh.isEmpty()) {
				store.saveFolder(workspaceId, mailboxId, name, state, clock.instant());
			}
			return stored;
		}
		finally {
			folder.close(false);
		}
	}

	private int storeBatch(UUID workspaceId, UUID mailboxId, Folder folder, UIDFolder uids, long validity,
			List<Message> batch) throws MessagingException {
		List<Message> small = batch.stream().filter(m -> size(m) <= properties.maxMessageBytes()).toList();
		if (!small.isEmpty() && folder instanceof IMAPFolder) {
			// One FETCH of BODY.PEEK[] for the batch rather than one round trip each.
			FetchProfile whole = new FetchProfile();
			whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
			folder.fetch(small.toArray(Message[]::new), whole);
		}
		if (folder instanceof IMAPFolder) {
			// INTERNALDATE alone (RFC 3501 §2.3.3): the arrival time, even when the
			// message's own Date or From is too broken for the server's ENVELOPE.
			FetchProfile arrival = new FetchProfile();
			arrival.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
			try {
				folder.fetch(batch.toArray(Message[]::new), arrival);
			}
			catch (MessagingException ex) {
				log.info("INTERNALDATE of a batch of mailbox {} could not be fetched: {}", mailboxId, ex.toString());
			}
		}
		List<InboundProcessor.Source> sources = new ArrayList<>();
		List<MessageReader.Read> reads = new ArrayList<>();
		long lastUid = 0;
		for (Message message : batch) {
			long uid = uids.getUID(message);
			lastUid = Math.max(lastUid, uid);
			long size = size(message);
			Instant received = received(message);
			sources.add(new InboundProcessor.Source(workspaceId, mailboxId, folder.getFullName(), validity, uid,
					received, size));
			reads.add(read(message, size));
		}
		long position = lastUid;
		InboundStore.FolderState state = new InboundStore.FolderState(validity, position);
		Integer stored;
		try {
			stored = transactions
				.execute(status -> handle(workspaceId, mailboxId, folder, sources, reads, state, null));
		}
		catch (RuntimeException ex) {
			// One message's handling failed: the batch again, each message on its own
			// savepoint, so the others are stored and that one kept, flagged.
			log.info("Batch of mailbox {} failed ({}); again message by message", mailboxId, ex.toString());
			stored = transactions
				.execute(status -> handle(workspaceId, mailboxId, folder, sources, reads, state, status));
		}
		return stored == null ? 0 : stored;
	}

	/**
	 * Handles a batch and moves the folder's position past it, in the caller's
	 * transaction; with {@code savepoints}, a message whose handling fails is undone to
	 * its savepoint and kept flagged instead.
	 */
	private int handle(UUID workspaceId, UUID mailboxId, Folder folder, List<InboundProcessor.Source> sources,
			List<MessageReader.Read> reads, InboundStore.FolderState state,
			org.springframework.transaction.TransactionStatus savepoints) {
		int count = 0;
		for (int i = 0; i < sources.size(); i++) {
			Object savepoint = savepoints == null ? null : savepoints.createSavepoint();
			try {
				if (isWarmup(mailboxId, reads.get(i))) {
					// Warmup mail is no one's correspondence: not stored, not acted on;
					// the folder's position still moves past it (below).
					log.debug("Inbound message {} of mailbox {} is warmup mail: skipped", sources.get(i).uid(),
							mailboxId);
				}
				else if (processor.process(sources.get(i), reads.get(i)).isPresent()) {
					count++;
				}
				else {
					// Reported, not silent: the mailbox already holds this Message-ID.
					InboundProcessor.Source source = sources.get(i);
					log.info("Inbound message {} {} of mailbox {} skipped: its Message-ID {} is already stored",
							source.folder(), source.uid(), mailboxId, reads.get(i).messageId());
					store.skippedDuplicate(workspaceId, mailboxId, source.folder(), source.uid(),
							reads.get(i).messageId(), clock.instant());
				}
				if (savepoint != null) {
					savepoints.releaseSavepoint(savepoint);
				}
			}
			catch (RuntimeException ex) {
				if (savepoint == null) {
					throw ex;
				}
				savepoints.rollbackToSavepoint(savepoint);
				log.warn("Inbound message {} of mailbox {} could not be handled: {}", sources.get(i).uid(), mailboxId,
						ex.toString());
				if (processor.keepUnhandled(sources.get(i), reads.get(i), ex)) {
					count++;
				}
			}
		}
		store.saveFolder(workspaceId, mailboxId, folder.getFullName(), state, clock.instant());
		return count;
	}

	private boolean isWarmup(UUID mailboxId, MessageReader.Read read) {
		if (warmup.isEmpty()) {
			return false;
		}
		WarmupFilter.Candidate candidate = new WarmupFilter.Candidate(read.messageId(), read.inReplyTo(),
				read.references(), read.text() == null ? "" : read.text(), read.html() == null ? "" : read.html(),
				read.message(), reported(read));
		return warmup.stream().anyMatch(filter -> filter.isWarmup(mailboxId, candidate));
	}

	/**
	 * The Message-ID of the message a report is about, for a report (RFC 6522
	 * multipart/report) or mail from a mailer daemon or postmaster (a non-standard
	 * bounce); empty for other mail, whose parts are not walked here.
	 */
	private static List<String> reported(MessageReader.Read read) {
		String from = read.fromAddress() == null ? "" : read.fromAddress().toLowerCase(Locale.ROOT);
		boolean report;
		try {
			report = read.message() != null && read.message().isMimeType("multipart/report");
		}
		catch (MessagingException ex) {
			report = false;
		}
		if (!report && !from.startsWith("mailer-daemon@") && !from.startsWith("postmaster@")) {
			return List.of();
		}
		Original original = Originals.of(MessageParts.of(read.message()));
		return original == null || original.messageId() == null ? List.of() : List.of(original.messageId());
	}

	/**
	 * The message's bytes, read once; a message over the limit is read by its headers
	 * only, and one the server cannot give is stored flagged, never stopping the sync.
	 */
	private MessageReader.Read read(Message message, long size) {
		try {
			if (size > properties.maxMessageBytes()) {
				return MessageReader.headersOnly(message.getAllHeaders(), size);
			}
			ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.max(1024, Math.min(size, 1 << 20)));
			message.writeTo(bytes);
			return MessageReader.read(bytes.toByteArray());
		}
		catch (MessagingException | java.io.IOException | RuntimeException ex) {
			log.info("Message {} could not be fetched: {}", message.getMessageNumber(), ex.toString());
			MessageReader.Read broken = MessageReader.read(new byte[0]);
			broken.flags().add("malformed");
			broken.problems().add("could not be fetched: " + ex.getMessage());
			return broken;
		}
	}

	private static long size(Message message) {
		try {
			return Math.max(0, message.getSize());
		}
		catch (MessagingException ex) {
			return 0;
		}
	}

	private Instant received(Message message) {
		try {
			java.util.Date date = message.getReceivedDate();
			return date == null ? clock.instant() : date.toInstant();
		}
		catch (MessagingException ex) {
			return clock.instant();
		}
	}

}
