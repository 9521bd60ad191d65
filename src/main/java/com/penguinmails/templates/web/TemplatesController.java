package com.penguinmails.templates.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.templates.EmailTemplate;
import com.penguinmails.templates.Templates;
import com.penguinmails.templates.Templates.Draft;

@Controller
class TemplatesController {

	/** How many recent contacts the preview's contact picker offers. */
	static final int PICKER_CONTACTS = 100;

	private final Templates templates;

	private final Mailboxes mailboxes;

	private final Contacts contacts;

	private final Tenancy tenancy;

	TemplatesController(Templates templates, Mailboxes mailboxes, Contacts contacts, Tenancy tenancy) {
		this.templates = templates;
		this.mailboxes = mailboxes;
		this.contacts = contacts;
		this.tenancy = tenancy;
	}

	@GetMapping("/templates")
	String list(Model model) {
		model.addAttribute("templates", templates.list(tenancy.current()));
		return "templates/list";
	}

	@PostMapping("/templates")
	String create(Draft draft, RedirectAttributes redirect) {
		try {
			EmailTemplate created = templates.create(tenancy.current(), draft);
			return "redirect:/templates/" + created.id();
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
			return "redirect:/templates";
		}
	}

	@GetMapping("/templates/{id}")
	String show(@PathVariable UUID id, Model model) {
		Tenant tenant = tenancy.current();
		model.addAttribute("template", templates.get(tenant, id));
		model.addAttribute("versions", templates.versions(tenant, id));
		model.addAttribute("mailboxes", mailboxes.list(tenant));
		model.addAttribute("contacts", contacts.list(tenant, null, PICKER_CONTACTS).data());
		if (!model.containsAttribute("sample")) {
			model.addAttribute("sample", sample("Ada", "Lovelace", "Analytical Engines", "ada@example.com", "Sam"));
		}
		return "templates/show";
	}

	@PostMapping("/templates/{id}")
	String update(@PathVariable UUID id, Draft draft, RedirectAttributes redirect) {
		try {
			EmailTemplate saved = templates.update(tenancy.current(), id, draft);
			redirect.addFlashAttribute("notice", "Saved as version " + saved.version() + ".");
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
		}
		return "redirect:/templates/" + id;
	}

	/**
	 * Renders for the chosen contact (with the typed sender name) or, when none is
	 * chosen, for the typed sample values.
	 */
	@PostMapping("/templates/{id}/preview")
	String preview(@PathVariable UUID id, @RequestParam Map<String, String> params, Model model) {
		Map<String, Object> sample = contact(params);
		model.addAttribute("sample", sample);
		model.addAttribute("timeZone", params.getOrDefault("timeZone", ""));
		UUID contactId;
		try {
			contactId = contactId(params);
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", "Choose a contact from the list.");
			return show(id, model);
		}
		model.addAttribute("contactId", contactId);
		try {
			model.addAttribute("rendered", templates.preview(tenancy.current(), id, contactId,
					fields(contactId, sample), params.get("timeZone")));
		}
		catch (InvalidInputProblem problem) {
			model.addAttribute("error", problem.getMessage());
		}
		return show(id, model);
	}

	@PostMapping("/templates/{id}/send-test")
	String sendTest(@PathVariable UUID id, @RequestParam Map<String, String> params, Model model) {
		Map<String, Object> sample = contact(params);
		model.addAttribute("sample", sample);
		model.addAttribute("timeZone", params.getOrDefault("timeZone", ""));
		UUID contactId;
		try {
			contactId = contactId(params);
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", "Choose a contact from the list.");
			return show(id, model);
		}
		model.addAttribute("contactId", contactId);
		UUID mailboxId;
		try {
			mailboxId = UUID.fromString(params.getOrDefault("mailboxId", ""));
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", "Choose a mailbox to send from.");
			return show(id, model);
		}
		try {
			model.addAttribute("rendered", templates.sendTest(tenancy.current(), id, mailboxId, params.get("to"),
					contactId, fields(contactId, sample), params.get("timeZone")));
			model.addAttribute("notice", "Test sent to " + params.get("to") + ".");
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
		}
		return show(id, model);
	}

	private static UUID contactId(Map<String, String> params) {
		String value = params.getOrDefault("contactId", "");
		return value.isBlank() ? null : UUID.fromString(value.strip());
	}

	/**
	 * With a stored contact, only the sender comes from the form: the typed sample values
	 * are for previews without one.
	 */
	private static Map<String, Object> fields(UUID contactId, Map<String, Object> sample) {
		return contactId == null ? sample : Map.of("sender", sample.get("sender"));
	}

	private static Map<String, Object> contact(Map<String, String> params) {
		Map<String, Object> contact = sample(params.get("first_name"), params.get("last_name"), params.get("company"),
				params.get("email"), params.get("sender_first_name"));
		return contact;
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
