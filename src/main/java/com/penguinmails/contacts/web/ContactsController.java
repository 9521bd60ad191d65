package com.penguinmails.contacts.web;

import java.io.IOException;
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
import com.penguinmails.contacts.ContactImport;
import com.penguinmails.contacts.ContactImports;
import com.penguinmails.contacts.ContactImports.StagedUpload;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.CustomFields;
import com.penguinmails.contacts.Segments;
import com.penguinmails.contacts.internal.ContactFields;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;

/**
 * A contact's page, adding one, the custom fields, and the import: upload, map the
 * columns, watch the progress. The table itself is {@link ContactsTableController}'s.
 */
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

	/** The form to add one contact (it posts to {@code /contacts}). */
	@GetMapping("/contacts/new")
	String newContact() {
		return "contacts/new";
	}

	/** The upload step of an import; the mapping and progress pages follow. */
	@GetMapping("/contacts/import")
	String importForm() {
		return "contacts/upload";
	}

	/** The custom fields and the form to add one. */
	@GetMapping("/contacts/fields")
	String fields(Model model) {
		model.addAttribute("customFields", customFields.list(tenancy.current()));
		model.addAttribute("types", ContactFields.TYPES);
		return "contacts/fields";
	}

	@PostMapping("/contacts")
	String create(NewContactForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/contacts/new", () -> {
			Contact contact = contacts.create(tenancy.current(), form.contact());
			return FormAction.Done.to("/contacts/" + contact.id(), null);
		}, problem -> redirect.addFlashAttribute("form", form));
	}

	@PostMapping("/contacts/fields")
	String defineField(@RequestParam String key, @RequestParam String type, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/contacts/fields", () -> {
			CustomFields.Field field = customFields.define(tenancy.current(), key, type);
			return FormAction.Done.notice("Custom field " + field.key() + " (" + field.type() + ") added.");
		});
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
	 * The edit form ({@link ContactForm}): standard fields, each custom field (typed),
	 * tags (comma separated) and status. The page shows again with what happened (a
	 * refused value names its field, and nothing is changed).
	 */
	@PostMapping("/contacts/{id}")
	String update(@PathVariable UUID id, ContactForm form, @RequestParam Map<String, String> params, Model model) {
		FormAction.inPage(model, () -> {
			contacts.update(tenancy.current(), id, form.patch(params));
			return FormAction.Done.notice("Saved.");
		});
		return show(id, model);
	}

	@PostMapping("/contacts/{id}/lists")
	String addToList(@PathVariable UUID id, @RequestParam UUID listId, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/contacts/" + id, () -> {
			segments.addToList(tenancy.current(), listId, List.of(id));
			return FormAction.Done.notice(null);
		});
	}

	@PostMapping("/contacts/{id}/lists/{listId}/remove")
	String removeFromList(@PathVariable UUID id, @PathVariable UUID listId, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/contacts/" + id, () -> {
			segments.removeFromList(tenancy.current(), listId, List.of(id));
			return FormAction.Done.notice(null);
		});
	}

	@PostMapping("/contacts/{id}/delete")
	String delete(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/contacts/" + id, () -> {
			contacts.delete(tenancy.current(), id);
			return FormAction.Done.to("/contacts", "Contact deleted.");
		});
	}

	@PostMapping("/contacts/import/upload")
	String upload(@RequestParam(required = false) MultipartFile file,
			@RequestParam(defaultValue = "auto") String delimiter, @RequestParam(required = false) String encoding,
			Model model) throws IOException {
		if (file == null || file.isEmpty()) {
			model.addAttribute("error", "Choose a CSV file.");
			return importForm();
		}
		try {
			StagedUpload upload = imports.stage(tenancy.current(), file.getInputStream(), separator(delimiter),
					encoding);
			model.addAttribute("upload", upload);
			List<String> fields = fieldChoices(upload);
			model.addAttribute("fields", fields);
			model.addAttribute("fieldLabels", fieldLabels(fields));
			model.addAttribute("lists", segments.lists(tenancy.current()));
			return "contacts/mapping";
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			return importForm();
		}
	}

	/**
	 * The mapping step's form ({@link ImportForm}): creates the new list if one is named,
	 * starts the import and shows its progress; a problem shows on the upload page.
	 */
	@PostMapping("/contacts/import/start")
	String start(ImportForm form, @RequestParam Map<String, String> params, Model model) throws IOException {
		try {
			Tenant tenant = tenancy.current();
			UUID list = form.newListName() != null ? segments.createList(tenant, form.newListName()).id()
					: form.existingList();
			var job = imports.startStaged(tenant, form.token(), form.options(params, list));
			return "redirect:/contacts/imports/" + job.id();
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			return importForm();
		}
	}

	@GetMapping("/contacts/imports/{id}")
	String job(@PathVariable UUID id, Model model) {
		importJob(id, model);
		return "contacts/import";
	}

	/** The progress fragment, polled by htmx every second while the import runs. */
	@GetMapping("/contacts/imports/{id}/progress")
	String progress(@PathVariable UUID id, Model model) {
		importJob(id, model);
		return "contacts/import :: progress";
	}

	/**
	 * The import and the name of the list its rows join (null: none, or deleted since).
	 */
	private void importJob(UUID id, Model model) {
		Tenant tenant = tenancy.current();
		ContactImport job = imports.get(tenant, id);
		model.addAttribute("job", job);
		model.addAttribute("listName",
				job.listId() == null ? null
						: segments.listNames(tenant)
							.stream()
							.filter(l -> l.id().equals(job.listId()))
							.map(Segments.ListName::name)
							.findFirst()
							.orElse(null));
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

	/**
	 * What the mapping's choices read as: "First name", "LinkedIn URL", "Seats (custom
	 * field)", "Skip this column"; the keys stay the options' values.
	 */
	private static Map<String, String> fieldLabels(List<String> fields) {
		Map<String, String> labels = new java.util.HashMap<>();
		for (String field : fields) {
			labels.put(field, switch (field) {
				case "linkedin_url" -> "LinkedIn URL";
				case "ignore" -> "Skip this column";
				default ->
					field.startsWith("custom.") ? CustomFields.Field.label(field.substring(7)) + " (custom field)"
							: CustomFields.Field.label(field);
			});
		}
		return labels;
	}

	/** A delimiter from the form: one character, {@code tab}, or null to guess it. */
	static Character separator(String delimiter) {
		if (delimiter == null || delimiter.isEmpty() || delimiter.equalsIgnoreCase("auto")) {
			return null;
		}
		return delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? '\t' : delimiter.charAt(0);
	}

}
