package com.penguinmails.warmup.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.search.HeaderTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.warmup.Placement;

/**
 * Finds a message by its Message-ID in every folder of a mailbox over IMAP, says where it
 * landed, and files the copy into the mailbox's "Warmup" folder so it never sits in the
 * user's inbox.
 */
@Component
public class SeedFinder {

	/** The folder found copies are filed into (created when missing). */
	public static final String WARMUP_FOLDER = "Warmup";

	private static final Set<String> SPAM_NAMES = Set.of("spam", "junk", "junk e-mail", "junk email", "bulk",
			"bulk mail", "[gmail]/spam");

	private final Mailboxes mailboxes;

	SeedFinder(Mailboxes mailboxes) {
		this.mailboxes = mailboxes;
	}

	/** Where a copy was found: its placement and the folder's name. */
	public record Found(Placement placement, String folder) {
	}

	/**
	 * Looks for the message in every selectable folder but the Warmup, Sent, Drafts and
	 * Trash ones; files it when found.
	 * @return empty when no folder holds it
	 * @throws MessagingException when the mailbox cannot be read
	 */
	public Optional<Found> find(UUID workspaceId, UUID mailboxId, String messageId) throws MessagingException {
		try (Store store = mailboxes.openImap(workspaceId, mailboxId)) {
			for (Folder folder : store.getDefaultFolder().list("*")) {
				if (skipped(folder)) {
					continue;
				}
				folder.open(Folder.READ_WRITE);
				try {
					// RFC 9051 §6.4.4: SEARCH HEADER field string, done by the server.
					Message[] copies = folder.search(new HeaderTerm("Message-ID", messageId));
					if (copies.length > 0) {
						Found found = new Found(placement(folder), folder.getFullName());
						file(store, folder, copies);
						return Optional.of(found);
					}
				}
				finally {
					if (folder.isOpen()) {
						folder.close(true);
					}
				}
			}
		}
		return Optional.empty();
	}

	private static boolean skipped(Folder folder) throws MessagingException {
		if ((folder.getType() & Folder.HOLDS_MESSAGES) == 0 || folder.getFullName().equalsIgnoreCase(WARMUP_FOLDER)) {
			return true;
		}
		// RFC 6154 special-use attributes.
		Set<String> attributes = attributes(folder);
		return attributes.contains("\\sent") || attributes.contains("\\drafts") || attributes.contains("\\trash")
				|| attributes.contains("\\noselect");
	}

	private static Placement placement(Folder folder) throws MessagingException {
		if (folder.getFullName().equalsIgnoreCase("INBOX")) {
			return Placement.INBOX;
		}
		String name = folder.getFullName().toLowerCase(Locale.ROOT);
		// RFC 6154 §2: \Junk marks the folder for spam, whatever its name.
		if (attributes(folder).contains("\\junk") || SPAM_NAMES.contains(name)
				|| SPAM_NAMES.contains(folder.getName().toLowerCase(Locale.ROOT))) {
			return Placement.SPAM;
		}
		return Placement.OTHER;
	}

	private static Set<String> attributes(Folder folder) throws MessagingException {
		if (folder instanceof IMAPFolder imap) {
			return Set.of(imap.getAttributes())
				.stream()
				.map(a -> a.toLowerCase(Locale.ROOT))
				.collect(java.util.stream.Collectors.toSet());
		}
		return Set.of();
	}

	/** RFC 6851 MOVE when the server has it, else COPY, \Deleted and EXPUNGE. */
	private static void file(Store store, Folder from, Message[] copies) throws MessagingException {
		Folder warmup = store.getFolder(WARMUP_FOLDER);
		if (!warmup.exists()) {
			warmup.create(Folder.HOLDS_MESSAGES);
		}
		if (from instanceof IMAPFolder imap && store instanceof IMAPStore imapStore
				&& imapStore.hasCapability("MOVE")) {
			imap.moveMessages(copies, warmup);
			return;
		}
		from.copyMessages(copies, warmup);
		for (Message copy : copies) {
			copy.setFlag(Flags.Flag.DELETED, true);
		}
		from.expunge();
	}

}
