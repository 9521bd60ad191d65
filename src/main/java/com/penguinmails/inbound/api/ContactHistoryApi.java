package com.penguinmails.inbound.api;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.inbound.Inbox;
import com.penguinmails.shared.Tenancy;

/** What came back about one contact: replies, bounces with their reasons, complaints. */
@RestController
@RequestMapping(path = "/api/v1/inbox/contacts", produces = "application/json")
@Tag(name = "Inbox", description = "Replies from every mailbox, threaded with what was sent")
@SecurityRequirement(name = "apiKey")
class ContactHistoryApi {

	private final Inbox inbox;

	private final Tenancy tenancy;

	ContactHistoryApi(Inbox inbox, Tenancy tenancy) {
		this.inbox = inbox;
		this.tenancy = tenancy;
	}

	@GetMapping("/{contactId}")
	@Operation(summary = "A contact's mail history, newest first: replies, auto-replies, bounces (reason, "
			+ "enhanced status code, SMTP reply code, remote MTA, the server's words), complaints, unsubscribes")
	List<Inbox.HistoryItem> history(@PathVariable UUID contactId) {
		return inbox.history(tenancy.current(), contactId);
	}

}
