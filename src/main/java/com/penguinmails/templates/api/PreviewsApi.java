package com.penguinmails.templates.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.contacts.Segments;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.templates.Content;
import com.penguinmails.templates.Previews;
import com.penguinmails.templates.Templates;
import com.penguinmails.templates.Variables;

/**
 * The editors' helpers: the variable picker's list, the live preview of unsaved content
 * (with spintax expanded) and the strict check over contacts.
 */
@RestController
@RequestMapping(path = "/api/v1/templates", produces = "application/json")
@Tag(name = "Templates", description = "Versioned Liquid templates, previews and test sends")
@SecurityRequirement(name = "apiKey")
class PreviewsApi {

	/** The variable picker's groups, in order. */
	record VariableGroups(List<Variables.Group> groups) {
	}

	/**
	 * Content to preview.
	 *
	 * @param plainText sent as text/plain only: {@code text} is the body, {@code html} is
	 * ignored
	 * @param contactId a contact of the workspace, or null for a sample contact
	 * @param mailboxId the sending mailbox ({@code sender.*}), or null for a sample
	 * sender
	 * @param timeZone an IANA zone for dates (default: the contact's, else UTC)
	 */
	record PreviewRequest(String subject, String html, String text, boolean plainText, UUID contactId, UUID mailboxId,
			String timeZone) {
	}

	/**
	 * Whom to check: {@code contactIds}, the contacts of {@code listId}, or both.
	 *
	 * @param mailboxId the sending mailbox ({@code sender.*}), or null for a sample
	 * sender
	 */
	record MissingRequest(Content content, List<UUID> contactIds, UUID listId, UUID mailboxId) {
	}

	private final Variables variables;

	private final Previews previews;

	private final Mailboxes mailboxes;

	private final Segments segments;

	private final Tenancy tenancy;

	PreviewsApi(Variables variables, Previews previews, Mailboxes mailboxes, Segments segments, Tenancy tenancy) {
		this.variables = variables;
		this.previews = previews;
		this.mailboxes = mailboxes;
		this.segments = segments;
		this.tenancy = tenancy;
	}

	@GetMapping("/variables")
	@Operation(summary = "The variables a template may use (contact, custom fields, sender, links, dates), "
			+ "each with an example and the Liquid snippet to insert")
	VariableGroups variables() {
		return new VariableGroups(variables.groups(tenancy.current()));
	}

	@PostMapping("/preview")
	@ResponseStatus(HttpStatus.OK)
	@ApiResponse(responseCode = "404", description = "The contact or mailbox is not in the workspace")
	@Operation(summary = "Render unsaved content for a contact (or a sample) as a campaign would: "
			+ "subject, HTML, text, missing variables, and every spintax variant (up to 50 each)")
	Previews.Preview preview(@RequestBody PreviewRequest request) {
		Tenant tenant = tenancy.current();
		return previews.preview(tenant,
				new Content(request.subject(), request.html(), request.text(), request.plainText()),
				request.contactId(), sender(tenant, request.mailboxId()), request.timeZone());
	}

	@PostMapping("/preview/missing")
	@ResponseStatus(HttpStatus.OK)
	@ApiResponse(responseCode = "404", description = "A contact, the list or the mailbox is not in the workspace")
	@Operation(summary = "The strict check over contacts: per contact, the variables without value or default "
			+ "(the first 200 contacts are looked at)")
	Previews.MissingReport missing(@RequestBody MissingRequest request) {
		Tenant tenant = tenancy.current();
		if (request.contactIds() == null && request.listId() == null) {
			throw new InvalidInputProblem("contacts-required", "Give contactIds or a listId.");
		}
		List<UUID> ids = new ArrayList<>(request.contactIds() == null ? List.of() : request.contactIds());
		if (request.listId() != null) {
			ids.addAll(segments.listMemberIds(tenant, request.listId()));
		}
		return previews.missing(tenant, request.content(), ids, sender(tenant, request.mailboxId()));
	}

	private Map<String, Object> sender(Tenant tenant, UUID mailboxId) {
		return mailboxId == null ? null : Templates.sender(mailboxes.get(tenant, mailboxId));
	}

}
