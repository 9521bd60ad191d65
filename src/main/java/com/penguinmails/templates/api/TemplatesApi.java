package com.penguinmails.templates.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.templates.EmailTemplate;
import com.penguinmails.templates.Rendered;
import com.penguinmails.templates.Templates;
import com.penguinmails.templates.TemplateVersions;
import com.penguinmails.templates.Templates.Draft;

@RestController
@RequestMapping(path = "/api/v1/templates", produces = "application/json")
@Tag(name = "Templates", description = "Versioned Liquid templates, previews and test sends")
@SecurityRequirement(name = "apiKey")
class TemplatesApi {

	/**
	 * @param contactId a stored contact to render for (its fields and time zone), or null
	 * for the sample fields alone
	 * @param contact sample fields; with a {@code contactId}, values that override the
	 * contact's
	 * @param timeZone overrides the contact's time zone (default UTC)
	 */
	record Preview(UUID contactId, Map<String, Object> contact, String timeZone) {
	}

	record SendTest(UUID mailboxId, String to, UUID contactId, Map<String, Object> contact, String timeZone) {
	}

	private final Templates templates;

	private final TemplateVersions versions;

	private final Tenancy tenancy;

	TemplatesApi(Templates templates, TemplateVersions versions, Tenancy tenancy) {
		this.templates = templates;
		this.versions = versions;
		this.tenancy = tenancy;
	}

	@GetMapping
	CursorPage<EmailTemplate> list() {
		return CursorPage.of(templates.list(tenancy.current()));
	}

	@PostMapping
	@ApiResponse(responseCode = "409", description = "A template with that name exists")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<EmailTemplate> create(@RequestBody Draft draft) {
		EmailTemplate created = templates.create(tenancy.current(), draft);
		return ResponseEntity.created(URI.create("/api/v1/templates/" + created.id())).body(created);
	}

	@GetMapping("/{id}")
	EmailTemplate get(@PathVariable UUID id) {
		return templates.get(tenancy.current(), id);
	}

	@PutMapping("/{id}")
	@ApiResponse(responseCode = "409", description = "Another template has that name")
	@Operation(summary = "Save a new version (earlier versions are kept)")
	@ResponseStatus(HttpStatus.OK)
	EmailTemplate update(@PathVariable UUID id, @RequestBody Draft draft) {
		return templates.update(tenancy.current(), id, draft);
	}

	@GetMapping("/{id}/versions")
	@Operation(summary = "The template's versions, newest first: number, when, who saved it, subject, editor")
	List<TemplateVersions.Summary> versions(@PathVariable UUID id) {
		return versions.list(tenancy.current(), id);
	}

	@GetMapping("/{id}/versions/{version}")
	@Operation(summary = "One version in full (subject, HTML, text, editor, MJML source)")
	EmailTemplate version(@PathVariable UUID id, @PathVariable int version) {
		return templates.version(tenancy.current(), id, version);
	}

	@GetMapping("/{id}/versions/compare")
	@Operation(summary = "Compare version 'from' with version 'to' line by line (subject, HTML, text, MJML source), "
			+ "as side-by-side rows marked same, added, removed or changed")
	TemplateVersions.Comparison compare(@PathVariable UUID id, @RequestParam int from, @RequestParam int to) {
		return versions.compare(tenancy.current(), id, from, to);
	}

	@PostMapping("/{id}/versions/{version}/restore")
	@Operation(summary = "Save an earlier version's content as the newest version (the others stay)")
	@ResponseStatus(HttpStatus.CREATED)
	EmailTemplate restore(@PathVariable UUID id, @PathVariable int version) {
		return versions.restore(tenancy.current(), id, version);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		templates.delete(tenancy.current(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/preview")
	@Operation(summary = "Render for a stored contact (contactId) and/or sample fields; "
			+ "'missing' lists variables without value or default")
	Rendered preview(@PathVariable UUID id, @RequestBody Preview preview) {
		return templates.preview(tenancy.current(), id, preview.contactId(),
				preview.contact() == null ? Map.of() : preview.contact(), preview.timeZone());
	}

	@PostMapping("/{id}/send-test")
	@ApiResponse(responseCode = "502", description = "The mailbox's SMTP server refused or failed the send")
	@Operation(summary = "Send the rendered template to any address through one of the workspace's mailboxes")
	@ResponseStatus(HttpStatus.OK)
	Rendered sendTest(@PathVariable UUID id, @RequestBody SendTest request) {
		return templates.sendTest(tenancy.current(), id, request.mailboxId(), request.to(), request.contactId(),
				request.contact() == null ? Map.of() : request.contact(), request.timeZone());
	}

}
