package com.penguinmails.library.web;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.library.Library;
import com.penguinmails.library.LibraryCategory;
import com.penguinmails.library.LibraryEntry;
import com.penguinmails.library.LibraryKind;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.templates.Templates;

/**
 * The library pages: {@code /library} (search, filters, a card per entry) and
 * {@code /library/{templates|sequences}/{slug}} (every step rendered for a sample
 * contact).
 */
@Controller
class LibraryController {

	/** The filter form: every field optional, as the API's query. */
	record Filters(String q, String kind, String category, String language) {

		Library.Query query() {
			return new Library.Query(q, kind, category, null, language);
		}

	}

	/** "Save to library" of one of the workspace's templates. */
	record SaveForm(String templateId, String category, String slug) {
	}

	private final Library library;

	private final Templates templates;

	private final Tenancy tenancy;

	LibraryController(Library library, Templates templates, Tenancy tenancy) {
		this.library = library;
		this.templates = templates;
		this.tenancy = tenancy;
	}

	@GetMapping("/library")
	String list(Filters filters, Model model) {
		Tenant tenant = tenancy.current();
		List<LibraryEntry> entries;
		try {
			entries = library.search(tenant, filters.query());
		}
		catch (InvalidInputProblem problem) {
			model.addAttribute("error", problem.getMessage());
			entries = library.search(tenant, Library.Query.all());
		}
		model.addAttribute("filters", filters);
		model.addAttribute("entries", entries);
		model.addAttribute("categories", library.categoriesInUse(tenant));
		model.addAttribute("languages", library.languages(tenant));
		model.addAttribute("allCategories", LibraryCategory.values());
		model.addAttribute("ownTemplates",
				tenant.role().atLeast(WorkspaceRole.MEMBER) ? templates.list(tenant) : List.of());
		return "library/list";
	}

	@GetMapping("/library/{kinds}/{slug}")
	String show(@PathVariable String kinds, @PathVariable String slug, Model model) {
		LibraryEntry entry = library.get(tenancy.current(), kind(kinds), slug);
		model.addAttribute("entry", entry);
		model.addAttribute("rendered", library.preview(entry));
		model.addAttribute("sample", Library.SAMPLE_CONTACT);
		model.addAttribute("targets", tenancy.current().role().atLeast(WorkspaceRole.MEMBER)
				? library.campaignsToAddTo(tenancy.current()) : List.of());
		return "library/show";
	}

	@PostMapping("/library/{kinds}/{slug}/use")
	String use(@PathVariable String kinds, @PathVariable String slug, @RequestParam(required = false) UUID campaignId,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, "/library/" + kinds + "/" + slug, () -> {
			LibraryEntry entry = library.get(tenancy.current(), kind(kinds), slug);
			UUID id = library.use(tenancy.current(), entry.kind(), slug, campaignId);
			if (campaignId != null) {
				return FormAction.Done.to("/campaigns/" + id + "#sequence",
						"Added \"" + entry.name() + "\" to the end of the sequence.");
			}
			return FormAction.Done.to("/campaigns/" + id, "Draft campaign made from \"" + entry.name()
					+ "\". Choose its mailboxes and recipients, check the steps, then launch it.");
		});
	}

	@PostMapping("/library/templates/{slug}/copy")
	String copy(@PathVariable String slug, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/library/templates/" + slug, () -> {
			var template = library.copyToTemplates(tenancy.current(), slug);
			return FormAction.Done.to("/templates/" + template.id(),
					"Copied to your templates as \"" + template.name() + "\".");
		});
	}

	@PostMapping("/library/{kinds}/{slug}/delete")
	String delete(@PathVariable String kinds, @PathVariable String slug, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/library/" + kinds + "/" + slug, () -> {
			library.delete(tenancy.current(), kind(kinds), slug);
			return FormAction.Done.to("/library", "Deleted from your library.");
		});
	}

	@PostMapping("/library/saved-templates")
	String save(SaveForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/library", () -> {
			UUID templateId;
			LibraryCategory category;
			try {
				templateId = UUID.fromString(form.templateId() == null ? "" : form.templateId().strip());
				category = LibraryCategory.of(form.category());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputProblem("invalid-input", "Choose one of your templates and a category.");
			}
			LibraryEntry saved = library.saveTemplate(tenancy.current(), templateId,
					new Library.Details(form.slug(), category, List.of(), null));
			return FormAction.Done.to("/library/templates/" + saved.slug(),
					"Saved \"" + saved.name() + "\" to your library.");
		});
	}

	private static LibraryKind kind(String kinds) {
		return switch (kinds) {
			case "templates" -> LibraryKind.TEMPLATE;
			case "sequences" -> LibraryKind.SEQUENCE;
			default -> throw new NotFoundProblem("Library entry");
		};
	}

}
