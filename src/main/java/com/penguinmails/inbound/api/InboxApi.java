package com.penguinmails.inbound.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.inbound.Inbox;
import com.penguinmails.inbound.InboundSync;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

@RestController
@RequestMapping(path = "/api/v1/inbox", produces = "application/json")
@Tag(name = "Inbox", description = "Replies from every mailbox, threaded with what was sent")
@SecurityRequirement(name = "apiKey")
class InboxApi {

	/** A change to a conversation: its label ("" clears it) and/or read state. */
	record ThreadChange(String label, Boolean read) {
	}

	/**
	 * A reply: its plain text (variables such as {@code {{ first_name }}} are rendered
	 * for the contact) and, to send it later, {@code sendAt} (RFC 3339, e.g.
	 * {@code 2026-12-01T09:00:00Z}).
	 */
	record NewReply(@Size(max = 1_000_000) String text, Instant sendAt) {
	}

	/**
	 * One action on up to 500 conversations: {@code label} (with {@code label}, ""
	 * clears), {@code read}, {@code unread}, {@code archive}, {@code unarchive}.
	 */
	record Bulk(@Size(max = 500) List<UUID> threadIds, String action, String label) {
	}

	/** How many conversations a bulk action changed. */
	record BulkResult(int changed) {
	}

	private final Inbox inbox;

	private final InboundSync sync;

	private final Mailboxes mailboxes;

	private final Tenancy tenancy;

	InboxApi(Inbox inbox, InboundSync sync, Mailboxes mailboxes, Tenancy tenancy) {
		this.inbox = inbox;
		this.sync = sync;
		this.mailboxes = mailboxes;
		this.tenancy = tenancy;
	}

	@GetMapping
	@Operation(summary = "Conversations, latest first (keyset pages); filters: campaignId, mailboxId, unread, label, "
			+ "show=replies|all, q (sender address or name, subject, body), done (the archived ones)")
	CursorPage<Inbox.Thread> list(@RequestParam(required = false) UUID campaignId,
			@RequestParam(required = false) UUID mailboxId, @RequestParam(defaultValue = "false") boolean unread,
			@RequestParam(required = false) String label, @RequestParam(defaultValue = "replies") String show,
			@RequestParam(required = false) @Size(max = 200) String q,
			@RequestParam(defaultValue = "false") boolean done, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "50") int limit) {
		return inbox.threads(tenancy.current(), new Inbox.Filter(campaignId, mailboxId, unread, label, show, q, done),
				cursor, limit);
	}

	@GetMapping("/threads/{id}")
	@Operation(summary = "A conversation, oldest first: the campaign's messages, the replies, the answers sent; "
			+ "the contact card (status, custom fields, campaigns)")
	Inbox.Conversation thread(@PathVariable UUID id) {
		return inbox.conversation(tenancy.current(), id, false);
	}

	@PatchMapping("/threads/{id}")
	@Operation(summary = "Label a conversation (interested, meeting_booked, not_interested, wrong_person, "
			+ "out_of_office; \"\" clears) or mark it read/unread")
	Inbox.Conversation change(@PathVariable UUID id, @RequestBody ThreadChange change) {
		Tenant tenant = tenancy.current();
		if (change.label() != null) {
			inbox.label(tenant, id, change.label());
		}
		if (change.read() != null) {
			inbox.markRead(tenant, id, change.read());
		}
		return inbox.conversation(tenant, id, false);
	}

	@PostMapping("/threads/{id}/replies")
	@ApiResponse(responseCode = "409", description = "The thread has no address to answer")
	@ApiResponse(responseCode = "502", description = "The mailbox's SMTP server refused or failed the send")
	@Operation(summary = "Reply through the conversation's mailbox, threaded under its latest message; "
			+ "variables rendered for the contact; sendAt sends it later")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<Inbox.Entry> reply(@PathVariable UUID id, @RequestBody NewReply reply) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(inbox.reply(tenancy.current(), id, reply.text(), reply.sendAt()));
	}

	@PostMapping("/threads/{id}/replies/{entryId}/cancel")
	@ApiResponse(responseCode = "409", description = "The reply already left")
	@Operation(summary = "Cancel a reply sent later while it waits in the outbox")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void cancel(@PathVariable UUID id, @PathVariable UUID entryId) {
		inbox.cancelScheduled(tenancy.current(), id, entryId);
	}

	@PostMapping("/threads/{id}/archive")
	@Operation(summary = "Mark a conversation done: out of the default list until a new message comes in")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void archive(@PathVariable UUID id) {
		inbox.archive(tenancy.current(), id, true);
	}

	@PostMapping("/threads/{id}/unarchive")
	@Operation(summary = "Bring a conversation marked done back to the list")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unarchive(@PathVariable UUID id) {
		inbox.archive(tenancy.current(), id, false);
	}

	@PostMapping("/bulk")
	@Operation(summary = "Label, mark read, mark unread, archive or unarchive up to 500 conversations")
	BulkResult bulk(@RequestBody Bulk bulk) {
		return new BulkResult(
				inbox.bulk(tenancy.current(), bulk.threadIds(), Inbox.BulkAction.of(bulk.action()), bulk.label()));
	}

	@PostMapping("/mailboxes/{mailboxId}/sync")
	@Operation(summary = "Sync a mailbox's INBOX and spam folder now")
	InboundSync.Result sync(@PathVariable UUID mailboxId) {
		Tenant tenant = tenancy.current();
		tenant.require(WorkspaceRole.MEMBER, "inbox:write");
		// Another workspace's mailbox is a 404, like every other id (a lookup in the
		// caller's workspace, not a read of the mailbox: inbox:write is the scope asked).
		mailboxes.find(tenant.workspaceId(), mailboxId).orElseThrow(() -> new NotFoundProblem("Mailbox"));
		return sync.sync(tenant.workspaceId(), mailboxId);
	}

}
