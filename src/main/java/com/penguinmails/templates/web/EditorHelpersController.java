package com.penguinmails.templates.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.templates.Content;
import com.penguinmails.templates.Previews;
import com.penguinmails.templates.Templates;
import com.penguinmails.templates.Variables;

/**
 * What the editor widgets ({@code /js/variable-picker.js}, {@code /js/live-preview.js})
 * call from a page: the same operations as {@code GET /api/v1/templates/variables} and
 * {@code POST /api/v1/templates/preview}, with the page's session and its CSRF header
 * (the API takes only API keys). Errors are RFC 9457 problem bodies here too, for the
 * widget to show.
 */
@RestController
class EditorHelpersController {

	/** The live preview's request: as the API's, from the form being edited. */
	record PreviewForm(String subject, @Size(max = 1_000_000) String html, @Size(max = 1_000_000) String text,
			boolean plainText, UUID contactId, UUID mailboxId, String timeZone) {
	}

	/** A contact as the preview's contact select shows it. */
	record ContactOption(UUID id, String label) {
	}

	private final Variables variables;

	private final Previews previews;

	private final Contacts contacts;

	private final Mailboxes mailboxes;

	private final Tenancy tenancy;

	EditorHelpersController(Variables variables, Previews previews, Contacts contacts, Mailboxes mailboxes,
			Tenancy tenancy) {
		this.variables = variables;
		this.previews = previews;
		this.contacts = contacts;
		this.mailboxes = mailboxes;
		this.tenancy = tenancy;
	}

	@GetMapping("/templates/editor/variables")
	Map<String, List<Variables.Group>> variables() {
		return Map.of("groups", variables.groups(tenancy.current()));
	}

	/** The workspace's 50 newest contacts, for the preview's contact select. */
	@GetMapping("/templates/editor/contacts")
	List<ContactOption> contacts() {
		return contacts.list(tenancy.current(), null, 50).data().stream().map(EditorHelpersController::option).toList();
	}

	@PostMapping("/templates/editor/preview")
	Previews.Preview preview(@RequestBody PreviewForm form) {
		Tenant tenant = tenancy.current();
		Map<String, Object> sender = form.mailboxId() == null ? null
				: Templates.sender(mailboxes.get(tenant, form.mailboxId()));
		return previews.preview(tenant, new Content(form.subject(), form.html(), form.text(), form.plainText()),
				form.contactId(), sender, form.timeZone());
	}

	@ExceptionHandler(Problem.class)
	ResponseEntity<ProblemDetail> problem(Problem problem, HttpServletRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
		body.setType(URI.create("https://penguinmails.dev/problems/" + problem.type()));
		body.setTitle(problem.status().getReasonPhrase());
		body.setInstance(URI.create(request.getRequestURI()));
		problem.properties().forEach(body::setProperty);
		return ResponseEntity.status(problem.status()).body(body);
	}

	static ContactOption option(Contact contact) {
		String name = ((contact.firstName() == null ? "" : contact.firstName()) + " "
				+ (contact.lastName() == null ? "" : contact.lastName()))
			.strip();
		return new ContactOption(contact.id(), name.isEmpty() ? contact.email() : name + " · " + contact.email());
	}

}
