package com.penguinmails.mailboxes.api;

import java.io.StringReader;
import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.mailboxes.ConnectionTest;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxChanges;
import com.penguinmails.mailboxes.MailboxImport;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.TransportSettings;
import com.penguinmails.domains.SpfEvaluation;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenancy;

@RestController
@RequestMapping(path = "/api/v1/mailboxes", produces = "application/json")
@Tag(name = "Mailboxes", description = "Sender accounts (SMTP + IMAP); passwords are write-only")
@SecurityRequirement(name = "apiKey")
class MailboxesApi {

	private final Mailboxes mailboxes;

	private final MailboxImport imports;

	private final Tenancy tenancy;

	MailboxesApi(Mailboxes mailboxes, MailboxImport imports, Tenancy tenancy) {
		this.mailboxes = mailboxes;
		this.imports = imports;
		this.tenancy = tenancy;
	}

	@GetMapping
	CursorPage<Mailbox> list() {
		return CursorPage.of(mailboxes.list(tenancy.current()));
	}

	@PostMapping
	@ApiResponse(responseCode = "409", description = "This address is already connected")
	@Operation(summary = "Connect a mailbox; preset google or microsoft fills the servers")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<Mailbox> add(@RequestBody NewMailbox request) {
		Mailbox mailbox = mailboxes.add(tenancy.current(), request);
		return ResponseEntity.created(URI.create("/api/v1/mailboxes/" + mailbox.id())).body(mailbox);
	}

	@PostMapping(path = "/import", consumes = { "text/csv", "text/plain" })
	@Operation(summary = "Connect many mailboxes from a CSV; each row is added, tested and reported by line")
	MailboxImport.Result importCsv(@RequestBody String csv) {
		return imports.importCsv(tenancy.current(), new StringReader(csv));
	}

	@GetMapping("/{id}")
	Mailbox get(@PathVariable UUID id) {
		return mailboxes.get(tenancy.current(), id);
	}

	/**
	 * JSON merge semantics (RFC 7396) without removal: an absent or null field keeps its
	 * value; passwords are write-only and change only when given.
	 */
	@PatchMapping(path = "/{id}", consumes = { "application/json", "application/merge-patch+json" })
	@Operation(summary = "Change a mailbox's settings; absent fields stay, the address cannot change")
	Mailbox update(@PathVariable UUID id, @RequestBody MailboxChanges changes) {
		return mailboxes.update(tenancy.current(), id, changes);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		mailboxes.delete(tenancy.current(), id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * How the mailbox sends: {@code smtp}, or a provider's API with its credentials
	 * (write-only; a blank secret keeps the stored one while the kind stays).
	 */
	@PutMapping(path = "/{id}/transport", consumes = "application/json")
	@Operation(summary = "Send through the SMTP server, Postmark, Mailgun or Amazon SES; secrets are write-only",
			description = "fallbackToSmtp counts only for a provider (postmark, mailgun, ses): true sends a message the "
					+ "provider cannot take (unreachable, refused key, 429 or 5xx) through the mailbox's SMTP server; "
					+ "null keeps the stored setting; for smtp it is ignored, and the answer's transport has no "
					+ "fallbackToSmtp. A change of transport forgets the old transport's error and test outcome: a "
					+ "mailbox in error sends again, through the new transport (test it with POST /{id}/test).")
	@ApiResponse(responseCode = "200", description = "The mailbox, its transport without secrets")
	@ApiResponse(responseCode = "400", description = "A missing or invalid provider setting, named")
	Mailbox setTransport(@PathVariable UUID id, @RequestBody TransportSettings settings) {
		return mailboxes.setTransport(tenancy.current(), id, settings);
	}

	@PostMapping("/{id}/test")
	@Operation(summary = "Real SMTP EHLO + AUTH (or the provider's cheapest authenticated API call) "
			+ "and IMAP LOGIN + SELECT INBOX; says which step failed")
	ConnectionTest test(@PathVariable UUID id) {
		return mailboxes.test(tenancy.current(), id);
	}

	@PostMapping("/{id}/spf-check")
	@Operation(
			summary = "Is this mailbox's SMTP server authorised by its domain's SPF (404 when the domain is not set up)?")
	SpfEvaluation checkSpf(@PathVariable UUID id) {
		return mailboxes.checkSpf(tenancy.current(), id)
			.orElseThrow(() -> new NotFoundProblem("Domain of this mailbox in the workspace"));
	}

	@PostMapping("/{id}/pause")
	Mailbox pause(@PathVariable UUID id) {
		mailboxes.pause(tenancy.current(), id, true);
		return mailboxes.get(tenancy.current(), id);
	}

	@PostMapping("/{id}/resume")
	Mailbox resume(@PathVariable UUID id) {
		mailboxes.pause(tenancy.current(), id, false);
		return mailboxes.get(tenancy.current(), id);
	}

}
