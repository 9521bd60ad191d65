package com.penguinmails.inbound;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.inbound.internal.DmarcPlaceStore;

/**
 * Where DMARC aggregate reports arrive (a domain's {@code rua} address, RFC 7489 §6.3): a
 * mailbox marked as the reports mailbox (its INBOX), or a folder of a mailbox, which the
 * sync then reads too; and the raw bytes of a stored report message. Callers check the
 * caller's role; every method is scoped to the workspace.
 */
@Service
public class DmarcReportMail {

	/**
	 * A place reports are read from.
	 *
	 * @param folder the IMAP folder's full name; {@code INBOX} for a reports mailbox
	 */
	public record Place(UUID mailboxId, String folder) {
	}

	private final DmarcPlaceStore store;

	private final Clock clock;

	DmarcReportMail(DmarcPlaceStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/** The workspace's report places, by mailbox. */
	public List<Place> places(UUID workspaceId) {
		return store.places(workspaceId);
	}

	/**
	 * Reads reports from {@code folder} of the mailbox ({@code null} or blank: the
	 * mailbox's INBOX, i.e. the whole mailbox is the reports mailbox). One place per
	 * mailbox; setting it again replaces it. The caller checks that the mailbox is the
	 * workspace's.
	 */
	public void setPlace(UUID workspaceId, UUID mailboxId, String folder) {
		String name = folder == null || folder.isBlank() ? "INBOX" : folder.strip();
		store.set(workspaceId, mailboxId, name, clock.instant());
	}

	/** Stops treating the mailbox as a place of reports; nothing when it was not one. */
	public void clearPlace(UUID workspaceId, UUID mailboxId) {
		store.clear(workspaceId, mailboxId);
	}

	/**
	 * The raw RFC 5322 bytes of a stored DMARC report message of the workspace; empty
	 * when there is no such message, it is not a report, or it was over the size limit
	 * (only its headers were read).
	 */
	public Optional<byte[]> raw(UUID workspaceId, UUID inboundId) {
		return store.raw(workspaceId, inboundId);
	}

}
