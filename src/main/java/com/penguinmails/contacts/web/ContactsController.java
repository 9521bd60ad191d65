package com.penguinmails.contacts.web;

import java.io.IOException;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.ContactImports;
import com.penguinmails.contacts.ContactImports.StagedUpload;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.CustomFields;
import com.penguinmails.contacts.Segments;
import com.penguinmails.contacts.internal.ContactFields;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;

/** The contacts list and the import: upload, map the columns, watch the progress. */
@Controller
class ContactsController {

	private final Contacts contacts;

	private final ContactImports imports;

	private final CustomFields customFields;

	private final Segments segments;

	private final Tenancy tenancy;

	ContactsController(Contacts contacts, ContactImports imports, CustomFields customFields, Segments segments,
			Tenancy tenancy) {
		this.contacts = contacts;
		this.imports = imports;
		this.customFields = customFields;
		this.segments = segments;
		this.tenancy = tenancy;
	}

	@GetMapping("/contacts")
	String list(@RequestParam(required = false) String cursor, @RequestParam(required = false) String q, Model model) {
		Tenant tenant = tenancy.current();
		if (q != null && !q.isBlank()) {
			model.addAttribute("page", CursorPage.of(contacts.search(tenant, q)));
			model.addAttribute("q", q);
		}
		else {
			model.addAttribute("page", contacts.list(tenant, cursor, 100));
		}
		model.addAttribute("total", contacts.count(tenant));
		model.addAttribute("customFields", customFields.list(tenant));
		model.addAttribute("types", ContactFields.TYPES);
		return "contacts/list";
	}

	@PostMapping("/contacts")
	String create(@RequestParam String email, @RequestParam(defaultValue = "") String firstName,
			@RequestParam(defaultValue = "") String lastName, @RequestParam(defaultValue = "") String company,
			RedirectAttributes redirect) {
		try {
			Contact contact = contacts.create(tenancy.current(), new Contacts.NewContact(email, firstName, lastName,
					company, "", "", "", "", "", "", Map.of(), List.of()));
			return "redirect:/contacts/" + contact.id();
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
			return "redirect:/contacts";
		}
	}

	@PostMapping("/contacts/fields")
	String defineField(@RequestParam String key, @RequestParam String type, RedirectAttributes redirect) {
		try {
			CustomFields.Field field = customFields.define(tenancy.current(), key, type);
			redirect.addFlashAttribute("notice", "Custom field " + field.key() + " (" + field.type() + ") added.");
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
		}
		return "redirect:/contacts";
	}

	@GetMapping("/contacts/{id}")
	String show(@PathVariable UUID id, Model model) {
		Tenant tenant = tenancy.current();
		Contact contact = contacts.get(tenant, id);
		model.addAttribute("contact", contact);
		model.addAttribute("customFields", customFields.list(tenant));
		model.addAttribute("memberOf", segments.listsOf(tenant, id));
		model.addAttribute("lists", segments.lists(tenant));
		model.addAttribute("statuses", Contacts.STATUSES);
		return "contacts/show";
	}

	/**
	 * The edit form: standard fields, each custom field (typed), tags (comma separated)
	 * and status.
	 */
	@PostMapping("/contacts/{id}")
	String update(@PathVariable UUID id, @RequestParam Map<String, String> params, Model model) {
		Map<String, Object> patch = new LinkedHashMap<>();
		for (String field : List.of("email", "firstName", "lastName", "company", "title", "phone", "website",
				"linkedinUrl", "timeZone", "country", "status")) {
			if (params.containsKey(field)) {
				patch.put(field, params.get(field));
			}
		}
		Map<String, Object> custom = new LinkedHashMap<>();
		params.forEach((key, value) -> {
			if (key.startsWith("custom:")) {
				custom.put(key.substring(7), value.isBlank() ? null : value);
			}
		});
		if (!custom.isEmpty()) {
			patch.put("custom", custom);
		}
		if (params.containsKey("tags")) {
			patch.put("tags", List.of(params.get("tags").split(",")));
		}
		try {
			contacts.update(tenancy.current(), id, patch);
			model.addAttribute("notice", "Saved.");
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
		}
		return show(id, model);
	}

	@PostMapping("/contacts/{id}/lists")
	String addToList(@PathVariable UUID id, @RequestParam UUID listId, RedirectAttributes redirect) {
		try {
			segments.addToList(tenancy.current(), listId, List.of(id));
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
		}
		return "redirect:/contacts/" + id;
	}

	@PostMapping("/contacts/{id}/lists/{listId}/remove")
	String removeFromList(@PathVariable UUID id, @PathVariable UUID listId, RedirectAttributes redirect) {
		try {
			segments.removeFromList(tenancy.current(), listId, List.of(id));
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
		}
		return "redirect:/contacts/" + id;
	}

	@PostMapping("/contacts/{id}/delete")
	String delete(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			contacts.delete(tenancy.current(), id);
			redirect.addFlashAttribute("notice", "Contact deleted.");
			return "redirect:/contacts";
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
			return "redirect:/contacts/" + id;
		}
	}

	@PostMapping("/contacts/import/upload")
	String upload(@RequestParam(required = false) MultipartFile file,
			@RequestParam(defaultValue = "auto") String delimiter, @RequestParam(required = false) String encoding,
			Model model) throws IOException {
		if (file == null || file.isEmpty()) {
			model.addAttribute("error", "Choose a CSV file.");
			return list(null, null, model);
		}
		try {
			StagedUpload upload = imports.stage(tenancy.current(), file.getInputStream(), separator(delimiter),
					encoding);
			model.addAttribute("upload", upload);
			model.addAttribute("fields", fieldChoices(upload));
			model.addAttribute("lists", segments.lists(tenancy.current()));
			return "contacts/mapping";
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			return list(null, null, model);
		}
	}

	@PostMapping("/contacts/import/start")
	String start(@RequestParam String token, @RequestParam(defaultValue = "auto") String delimiter,
			@RequestParam(required = false) String encoding, @RequestParam(required = false) String detectedEncoding,
			@RequestParam(defaultValue = "update") String duplicates, @RequestParam(required = false) String listId,
			@RequestParam(required = false) String newList, @RequestParam(defaultValue = "false") boolean checkMx,
			@RequestParam Map<String, String> params, Model model) throws IOException {
		Map<String, String> mapping = new LinkedHashMap<>();
		params.forEach((key, value) -> {
			if (key.startsWith("map:")) {
				mapping.put(key.substring(4), value);
			}
		});
		try {
			Tenant tenant = tenancy.current();
			UUID list = null;
			if (newList != null && !newList.isBlank()) {
				list = segments.createList(tenant, newList).id();
			}
			else if (listId != null && !listId.isBlank()) {
				try {
					list = UUID.fromString(listId);
				}
				catch (IllegalArgumentException ex) {
					throw new com.penguinmails.shared.NotFoundProblem("List");
				}
			}
			// The detected encoding posted back unchanged is still detected, not named.
			String named = (encoding != null && encoding.strip().equalsIgnoreCase(detectedEncoding)) ? null : encoding;
			var job = imports.startStaged(tenant, token, new ContactImports.Options(separator(delimiter),
					!"skip".equals(duplicates), mapping, list, checkMx, named));
			return "redirect:/contacts/imports/" + job.id();
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			return list(null, null, model);
		}
	}

	@GetMapping("/contacts/imports/{id}")
	String job(@PathVariable UUID id, Model model) {
		model.addAttribute("job", imports.get(tenancy.current(), id));
		return "contacts/import";
	}

	/** The progress fragment, polled by htmx every second while the import runs. */
	@GetMapping("/contacts/imports/{id}/progress")
	String progress(@PathVariable UUID id, Model model) {
		model.addAttribute("job", imports.get(tenancy.current(), id));
		return "contacts/import :: progress";
	}

	private List<String> fieldChoices(StagedUpload upload) {
		List<String> fields = new java.util.ArrayList<>(ContactFields.STANDARD);
		for (CustomFields.Field field : customFields.list(tenancy.current())) {
			fields.add("custom." + field.key());
		}
		for (String guess : upload.guesses()) {
			if (guess.startsWith("custom.") && !fields.contains(guess)) {
				fields.add(guess);
			}
		}
		fields.add("ignore");
		return fields;
	}

	/** A delimiter from the form: one character, {@code tab}, or null to guess it. */
	private static Character separator(String delimiter) {
		if (delimiter == null || delimiter.isEmpty() || delimiter.equalsIgnoreCase("auto")) {
			return null;
		}
		return delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? '\t' : delimiter.charAt(0);
	}

}
