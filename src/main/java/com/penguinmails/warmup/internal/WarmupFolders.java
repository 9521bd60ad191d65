package com.penguinmails.warmup.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.HeaderTerm;
import jakarta.mail.search.SearchTerm;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

import com.penguinmails.warmup.Placement;

/**
 * The folders of a receiving mailbox, over IMAP: where warmup mail may land (the inbox,
 * the spam folder, other folders), the "Warmup" folder it is filed into, and moving
 * messages between them with RFC 6851 MOVE when the server offers it, else COPY, then
 * {@code \Deleted} and EXPUNGE (RFC 4315 UID EXPUNGE when the server has UIDPLUS, so only
 * those messages go).
 */
public final class WarmupFolders {

	/** The folder warmup mail is filed into, so it never sits in the user's inbox. */
	public static final String WARMUP = "Warmup";

	/** RFC 6154 special uses that hold no arriving mail or only copies of it. */
	private static final Set<String> SKIPPED_USES = Set.of("\\sent", "\\drafts", "\\trash", "\\all", "\\flagged",
			"\\noselect", "\\nonexistent");

	private static final Set<String> SKIPPED_NAMES = Set.of("sent", "sent items", "sent mail", "sent messages",
			"drafts", "trash", "deleted items", "deleted messages", "bin", "outbox", "all mail", "starred", "warmup");

	private static final Set<String> SPAM_NAMES = Set.of("spam", "junk", "junk e-mail", "junk email", "bulk mail");

	private WarmupFolders() {
	}

	/** A folder to look in, and the placement of what is found there. */
	public record Place(String name, Placement placement) {
	}

	/**
	 * Where to look: INBOX first, then the spam folder (marked {@code \Junk}, RFC 6154,
	 * else named like one), then every other folder that can hold arriving mail (not
	 * Sent, Drafts, Trash, All Mail, or Warmup itself).
	 */
	public static List<Place> places(Store store) throws MessagingException {
		List<Folder> candidates = new ArrayList<>();
		String junk = null;
		String namedJunk = null;
		for (Folder folder : store.getDefaultFolder().list("*")) {
			List<String> uses = attributes(folder);
			String last = folder.getName().toLowerCase(Locale.ROOT);
			if (folder.getFullName().equalsIgnoreCase("INBOX") || uses.stream().anyMatch(SKIPPED_USES::contains)
					|| SKIPPED_NAMES.contains(last) || (folder.getType() & Folder.HOLDS_MESSAGES) == 0) {
				continue;
			}
			candidates.add(folder);
			if (junk == null && uses.contains("\\junk")) {
				junk = folder.getFullName();
			}
			if (namedJunk == null && SPAM_NAMES.contains(last)) {
				namedJunk = folder.getFullName();
			}
		}
		String spam = junk != null ? junk : namedJunk;
		List<Place> places = new ArrayList<>(List.of(new Place("INBOX", Placement.INBOX)));
		if (spam != null) {
			places.add(new Place(spam, Placement.SPAM));
		}
		for (Folder folder : candidates) {
			if (!folder.getFullName().equals(spam)) {
				places.add(new Place(folder.getFullName(), Placement.OTHER));
			}
		}
		return places;
	}

	private static List<String> attributes(Folder folder) throws MessagingException {
		return folder instanceof IMAPFolder imap
				? Arrays.stream(imap.getAttributes()).map(a -> a.toLowerCase(Locale.ROOT)).toList() : List.of();
	}

	/**
	 * The "Warmup" folder, created and subscribed when missing (RFC 3501 §6.3.3, §6.3.6).
	 */
	public static Folder warmup(Store store) throws MessagingException {
		// RFC 2342: under the personal namespace's prefix ("INBOX." on Courier, none on
		// Dovecot or Gmail).
		Folder[] personal = store.getPersonalNamespaces();
		String prefix = personal.length == 0 ? "" : personal[0].getFullName();
		Folder folder = store.getFolder(prefix.isEmpty() ? WARMUP : prefix + personal[0].getSeparator() + WARMUP);
		if (!folder.exists()) {
			folder.create(Folder.HOLDS_MESSAGES);
		}
		if (!folder.isSubscribed()) {
			folder.setSubscribed(true);
		}
		return folder;
	}

	/**
	 * Moves one message of the open {@code from} into {@code to}; returns its UID there
	 * when the server says it (RFC 4315 COPYUID), else -1.
	 */
	public static long move(Folder from, Message message, Folder to) throws MessagingException {
		IMAPFolder source = (IMAPFolder) from;
		Message[] one = { message };
		if (((IMAPStore) from.getStore()).hasCapability("MOVE")) {
			// RFC 6851 §3.1: UID MOVE, atomically; COPYUID comes with it under UIDPLUS.
			return uid(source.moveUIDMessages(one, to));
		}
		long uid = uid(source.copyUIDMessages(one, to));
		source.setFlags(one, new Flags(Flags.Flag.DELETED), true);
		if (((IMAPStore) from.getStore()).hasCapability("UIDPLUS")) {
			// RFC 4315 §2.1: UID EXPUNGE removes only this message, not others marked.
			source.expunge(one);
		}
		else {
			source.expunge();
		}
		return uid;
	}

	private static long uid(AppendUID[] uids) {
		return uids != null && uids.length == 1 && uids[0] != null ? uids[0].uid : -1;
	}

	/**
	 * The message a move put into {@code folder} (opened read-write): by its UID when
	 * known, else by its Message-ID; null when it is not there.
	 */
	public static Message find(Folder folder, long uid, String messageId) throws MessagingException {
		if (uid > 0 && folder instanceof UIDFolder uids) {
			Message message = uids.getMessageByUID(uid);
			if (message != null) {
				return message;
			}
		}
		if (messageId == null) {
			return null;
		}
		SearchTerm term = new HeaderTerm("Message-ID", messageId);
		Message[] found = folder.search(term);
		return found.length == 0 ? null : found[found.length - 1];
	}

	/**
	 * Marks the message read and flagged (RFC 3501 §2.3.2 {@code \Seen},
	 * {@code \Flagged}).
	 */
	public static void seenAndFlagged(Message message) throws MessagingException {
		Flags flags = new Flags(Flags.Flag.SEEN);
		flags.add(Flags.Flag.FLAGGED);
		message.setFlags(flags, true);
	}

}
