package com.penguinmails.inbound.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.penguinmails.mailboxes.Mailboxes;

/**
 * Keeps one IMAP connection on a mailbox's INBOX in IDLE (RFC 2177) and calls back when
 * the server says a message arrived, so the sync reads it within seconds instead of at
 * the next interval. A server without IDLE ends the watch (the interval sync still runs);
 * a dropped connection is opened again after a growing wait.
 */
final class IdleWatcher implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(IdleWatcher.class);

	private static final Duration MAX_WAIT = Duration.ofMinutes(10);

	private final Mailboxes mailboxes;

	private final UUID workspaceId;

	private final UUID mailboxId;

	private final Runnable onMail;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private volatile Store store;

	private volatile boolean unsupported;

	IdleWatcher(Mailboxes mailboxes, UUID workspaceId, UUID mailboxId, Runnable onMail) {
		this.mailboxes = mailboxes;
		this.workspaceId = workspaceId;
		this.mailboxId = mailboxId;
		this.onMail = onMail;
	}

	UUID mailboxId() {
		return mailboxId;
	}

	/** Whether the server turned out not to offer IDLE (the watch then ended). */
	boolean unsupported() {
		return unsupported;
	}

	@Override
	public void run() {
		long wait = 1000;
		while (running.get()) {
			try (Store opened = mailboxes.watchImap(workspaceId, mailboxId)) {
				store = opened;
				if (opened instanceof IMAPStore imap && !imap.hasCapability("IDLE")) {
					unsupported = true;
					return;
				}
				IMAPFolder inbox = (IMAPFolder) opened.getFolder("INBOX");
				inbox.open(Folder.READ_ONLY);
				inbox.addMessageCountListener(new MessageCountAdapter() {
					@Override
					public void messagesAdded(MessageCountEvent event) {
						onMail.run();
					}
				});
				// Mail may have come while the connection was down.
				onMail.run();
				wait = 1000;
				while (running.get() && inbox.isOpen()) {
					inbox.idle(true);
				}
			}
			catch (MessagingException | RuntimeException ex) {
				if (!running.get()) {
					return;
				}
				log.debug("IDLE on mailbox {} ended: {}", mailboxId, ex.toString());
			}
			finally {
				store = null;
			}
			try {
				Thread.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			wait = Math.min(wait * 2, MAX_WAIT.toMillis());
		}
	}

	/** Ends the watch: closes the connection, which ends a waiting IDLE. */
	void stop() {
		running.set(false);
		Store current = store;
		if (current != null) {
			try {
				current.close();
			}
			catch (MessagingException | RuntimeException ex) {
				// Closing anyway.
			}
		}
	}

}
