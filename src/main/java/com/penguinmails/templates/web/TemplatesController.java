package com.penguinmails.templates.web;

import java.util.Set;

import com.penguinmails.templates.Rendered;

import com.penguinmails.templates.LintReport;

import com.penguinmails.templates.LintInput;

import com.penguinmails.templates.Lint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.templates.EmailTemplate;
import com.penguinmails.templates.TemplateEditor;
import com.penguinmails.templates.TemplateVersions;
import com.penguinmails.templates.Templates;
import com.penguinmails.templates.Templates.Draft;

@Controller
class TemplatesController {

	/** How many recent contacts the preview's contact picker offers. */
	static final int PICKER_CONTACTS = 100;

	private final Templates templates;

	private final TemplateVersions versions;

	private final Mailboxes mailboxes;

	private final Contacts contacts;

	private final Tenancy tenancy;

	private final Lint lint;

	TemplatesController(Templates templates, TemplateVersions versions, Mailboxes mailboxes, Contacts contacts,
			Tenancy tenancy, Lint lint) {
		this.lint = lint;
		this.templates = templates;
		this.versions = versions;
		this.mailboxes = mailboxes;
		this.contacts = contacts;
		this.tenancy = tenancy;
	}

	@GetMapping("/templates")
	String list(Model model) {
		model.addAttribute("templates", templates.list(tenancy.current()));
		model.addAttribute("editors", TemplateEditor.values());
		return "templates/list";
	}

	/**
	 * The template form: {@code editor} is the constant's name ({@code TEXT},
	 * {@code CODE}, {@code VISUAL}); for the visual editor {@code source} is the MJML and
	 * {@code html}/ {@code text} what the browser compiled from it.
	 */
	record TemplateForm(String name, String subject, String html, String text, TemplateEditor editor, String source) {

		Draft draft() {
			return new Draft(name, subject, html, text, editor, source);
		}

	}

	@PostMapping("/templates")
	String create(TemplateForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/templates", () -> {
			EmailTemplate created = templates.create(tenancy.current(), form.draft());
			return FormAction.Done.to("/templates/" + created.id(), null);
		});
	}

	@GetMapping("/templates/{id}")
	String show(@PathVariable UUID id, Model model) {
		Tenant tenant = tenancy.current();
		model.addAttribute("template", templates.get(tenant, id));
		model.addAttribute("versions", versions.list(tenant, id));
		model.addAttribute("editors", TemplateEditor.values());
		model.addAttribute("mailboxes", mailboxes.list(tenant));
		model.addAttribute("contacts", contacts.list(tenant, null, PICKER_CONTACTS).data());
		if (!model.containsAttribute("sample")) {
			model.addAttribute("sample", sample("Ada", "Lovelace", "Analytical Engines", "ada@example.com", "Sam"));
		}
		model.addAttribute("lint", lint(templates.get(tenant, id)));
		return "templates/show";
	}

	@PostMapping("/templates/{id}")
	String update(@PathVariable UUID id, TemplateForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/templates/" + id, () -> {
			EmailTemplate saved = templates.update(tenancy.current(), id, form.draft());
			return FormAction.Done.notice("Saved as version " + saved.version() + ".");
		});
	}

	/**
	 * Two versions side by side: the subject, then the body as it was written (the MJML
	 * of two visual versions, the text of two plain-text ones, else the HTML) and the
	 * plain text when one of them has its own.
	 */
	@GetMapping("/templates/{id}/compare")
	String compare(@PathVariable UUID id, @RequestParam int from, @RequestParam int to, Model model) {
		TemplateVersions.Comparison comparison = versions.compare(tenancy.current(), id, from, to);
		Map<String, List<TemplateVersions.DiffRow>> parts = new LinkedHashMap<>();
		parts.put("Subject", comparison.subject());
		boolean visual = comparison.from().editor() == TemplateEditor.VISUAL
				&& comparison.to().editor() == TemplateEditor.VISUAL;
		boolean text = comparison.from().editor() == TemplateEditor.TEXT
				&& comparison.to().editor() == TemplateEditor.TEXT;
		if (visual) {
			parts.put("MJML source", comparison.source());
		}
		if (!text) {
			parts.put("HTML", comparison.html());
		}
		if (!comparison.text().isEmpty()) {
			parts.put("Plain text", comparison.text());
		}
		model.addAttribute("comparison", comparison);
		model.addAttribute("comparisonParts", parts);
		return show(id, model);
	}

	@PostMapping("/templates/{id}/versions/{version}/restore")
	String restore(@PathVariable UUID id, @PathVariable int version, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/templates/" + id, () -> {
			EmailTemplate saved = versions.restore(tenancy.current(), id, version);
			return FormAction.Done.notice("Version " + version + " restored as version " + saved.version() + ".");
		});
	}

	/**
	 * The preview and send-test form: sample values (or a stored contact), the sender's
	 * first name, a time zone, and for a test the mailbox and the address to send to. The
	 * ids stay text here so that a value that is no id gets the page's own words.
	 */
	record SampleForm(@BindParam("first_name") String firstName, @BindParam("last_name") String lastName,
			String company, String email, @BindParam("sender_first_name") String senderFirstName, String timeZone,
			String contactId, String mailboxId, String to) {

		Map<String, Object> sample() {
			return TemplatesController.sample(firstName, lastName, company, email, senderFirstName);
		}

		/**
		 * The chosen contact, null for none. @throws IllegalArgumentException not an id
		 */
		UUID contact() {
			return contactId == null || contactId.isBlank() ? null : UUID.fromString(contactId.strip());
		}

	}

	/**
	 * Renders for the chosen contact (with the typed sender name) or, when none is
	 * chosen, for the typed sample values.
	 */
	@PostMapping("/templates/{id}/preview")
	String preview(@PathVariable UUID id, SampleForm form, Model model) {
		Map<String, Object> sample = form.sample();
		model.addAttribute("sample", sample);
		model.addAttribute("timeZone", form.timeZone() == null ? "" : form.timeZone());
		UUID contactId;
		try {
			contactId = form.contact();
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", "Choose a contact from the list.");
			return show(id, model);
		}
		model.addAttribute("contactId", contactId);
		try {
			model.addAttribute("rendered",
					templates.preview(tenancy.current(), id, contactId, fields(contactId, sample), form.timeZone()));
		}
		catch (InvalidInputProblem problem) {
			model.addAttribute("error", problem.getMessage());
		}
		return show(id, model);
	}

	@PostMapping("/templates/{id}/send-test")
	String sendTest(@PathVariable UUID id, SampleForm form, Model model) {
		Map<String, Object> sample = form.sample();
		model.addAttribute("sample", sample);
		model.addAttribute("timeZone", form.timeZone() == null ? "" : form.timeZone());
		UUID contactId;
		try {
			contactId = form.contact();
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", "Choose a contact from the list.");
			return show(id, model);
		}
		model.addAttribute("contactId", contactId);
		UUID mailboxId;
		try {
			mailboxId = UUID.fromString(form.mailboxId() == null ? "" : form.mailboxId());
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", "Choose a mailbox to send from.");
			return show(id, model);
		}
		FormAction.inPage(model, () -> {
			model.addAttribute("rendered", templates.sendTest(tenancy.current(), id, mailboxId, form.to(), contactId,
					fields(contactId, sample), form.timeZone()));
			return FormAction.Done.notice("Test sent to " + form.to() + ".");
		});
		return show(id, model);
	}

	/**
	 * The deliverability lint of the saved version, rendered for the sample contact (no
	 * own domains are known here, so links are not judged by domain).
	 */
	private LintReport lint(EmailTemplate template) {
		Rendered rendered = templates.render(template,
				sample("Ada", "Lovelace", "Analytical Engines", "ada@example.com", "Sam"), "UTC");
		return lint.check(new LintInput(rendered.subject(), rendered.html(), rendered.text(),
				template.editor() == TemplateEditor.TEXT, Set.of(), 0));
	}

	/**
	 * With a stored contact, only the sender comes from the form: the typed sample values
	 * are for previews without one.
	 */
	private static Map<String, Object> fields(UUID contactId, Map<String, Object> sample) {
		return contactId == null ? sample : Map.of("sender", sample.get("sender"));
	}

	private static Map<String, Object> sample(String first, String last, String company, String email, String sender) {
		Map<String, Object> contact = new LinkedHashMap<>();
		contact.put("first_name", first == null ? "" : first);
		contact.put("last_name", last == null ? "" : last);
		contact.put("company", company == null ? "" : company);
		contact.put("email", email == null ? "" : email);
		contact.put("sender", Map.of("first_name", sender == null ? "" : sender));
		return contact;
	}

}
