package com.penguinmails.library.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.library.Library;
import com.penguinmails.library.LibraryCategory;
import com.penguinmails.library.LibraryEntry;
import com.penguinmails.library.LibraryKind;
import com.penguinmails.library.LibraryStep;
import com.penguinmails.campaigns.StepFormat;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.templates.Rendered;

@RestController
@RequestMapping(path = "/api/v1/library", produces = "application/json")
@Tag(name = "Library", description = "Shipped and own templates and sequences: search, preview, use in a campaign")
@SecurityRequirement(name = "apiKey")
class LibraryApi {

	/** An own template to save; {@code html} only with {@code format} {@code html}. */
	record NewTemplate(String slug, String name, LibraryCategory category, List<String> tags, String language,
			String description, String subject, String text, String html, StepFormat format) {
	}

	/** An own sequence to save: 1 to 20 steps. */
	record NewSequence(String slug, String name, LibraryCategory category, List<String> tags, String language,
			String description, List<LibraryStep> steps) {
	}

	record Used(UUID campaignId) {
	}

	/**
	 * Where to use an entry: an existing campaign (its steps appended), or null for a new
	 * draft.
	 */
	record UseIn(UUID campaignId) {
	}

	record Copied(UUID templateId) {
	}

	private final Library library;

	private final Tenancy tenancy;

	LibraryApi(Library library, Tenancy tenancy) {
		this.library = library;
		this.tenancy = tenancy;
	}

	@GetMapping
	@Operation(summary = "Search the library (shipped and own entries, sorted by name); every filter is optional")
	@ApiResponse(responseCode = "400", description = "An unknown kind or category, or a malformed language")
	@ResponseStatus(HttpStatus.OK)
	CursorPage<LibraryEntry> list(
			@Parameter(description = "Words in the name, description, tags or a subject") @RequestParam(
					required = false) String q,
			@Parameter(description = "template or sequence") @RequestParam(required = false) String kind,
			@Parameter(description = "A category, e.g. cold-outreach") @RequestParam(required = false) String category,
			@RequestParam(required = false) String tag,
			@Parameter(description = "A language tag, e.g. en") @RequestParam(required = false) String language) {
		return CursorPage.of(library.search(tenancy.current(), new Library.Query(q, kind, category, tag, language)));
	}

	@GetMapping("/{kinds}/{slug}")
	@Operation(summary = "One entry; {kinds} is templates or sequences")
	@ApiResponse(responseCode = "404", description = "No entry of that kind and slug")
	@ResponseStatus(HttpStatus.OK)
	LibraryEntry get(@PathVariable String kinds, @PathVariable String slug) {
		return library.get(tenancy.current(), kind(kinds), slug);
	}

	@GetMapping("/{kinds}/{slug}/preview")
	@Operation(summary = "Each step rendered for a sample contact (Liquid and spintax, as campaigns render)")
	List<Rendered> preview(@PathVariable String kinds, @PathVariable String slug) {
		return library.preview(library.get(tenancy.current(), kind(kinds), slug));
	}

	@PostMapping("/{kinds}/{slug}/use")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Use in a campaign: a new draft campaign with the entry's steps, or (with campaignId) "
			+ "the steps appended to that campaign's sequence")
	ResponseEntity<Used> use(@PathVariable String kinds, @PathVariable String slug,
			@RequestBody(required = false) UseIn in) {
		UUID id = library.use(tenancy.current(), kind(kinds), slug, in == null ? null : in.campaignId());
		return ResponseEntity.created(URI.create("/api/v1/campaigns/" + id)).body(new Used(id));
	}

	@PostMapping("/templates/{slug}/copy-to-templates")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Copy a library template to the workspace's templates (renamed 'Name (2)' when taken)")
	ResponseEntity<Copied> copy(@PathVariable String slug) {
		UUID id = library.copyToTemplates(tenancy.current(), slug).id();
		return ResponseEntity.created(URI.create("/api/v1/templates/" + id)).body(new Copied(id));
	}

	@PostMapping("/templates")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Save an own template")
	@ApiResponse(responseCode = "409", description = "The library has a template with that slug")
	ResponseEntity<LibraryEntry> saveTemplate(@RequestBody NewTemplate body) {
		LibraryStep step = new LibraryStep(LibraryStep.Delay.NONE, true, body.subject(), body.text(), body.html(),
				body.format());
		return created(library.save(tenancy.current(), new LibraryEntry(LibraryKind.TEMPLATE, body.slug(), body.name(),
				body.category(), body.tags(), body.language(), body.description(), true, List.of(step))));
	}

	@PostMapping("/sequences")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Save an own sequence")
	@ApiResponse(responseCode = "409", description = "The library has a sequence with that slug")
	ResponseEntity<LibraryEntry> saveSequence(@RequestBody NewSequence body) {
		return created(library.save(tenancy.current(), new LibraryEntry(LibraryKind.SEQUENCE, body.slug(), body.name(),
				body.category(), body.tags(), body.language(), body.description(), true, body.steps())));
	}

	@PostMapping("/templates/from-template/{templateId}")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Save to library: a workspace template's latest version as an own library template")
	@ApiResponse(responseCode = "409", description = "The library has a template with that slug")
	ResponseEntity<LibraryEntry> saveFromTemplate(@PathVariable UUID templateId,
			@RequestBody(required = false) Library.Details details) {
		return created(library.saveTemplate(tenancy.current(), templateId,
				details == null ? new Library.Details(null, null, null, null) : details));
	}

	@DeleteMapping("/{kinds}/{slug}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete an own entry (shipped entries cannot be deleted)")
	ResponseEntity<Void> delete(@PathVariable String kinds, @PathVariable String slug) {
		library.delete(tenancy.current(), kind(kinds), slug);
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<LibraryEntry> created(LibraryEntry entry) {
		return ResponseEntity.created(URI.create("/api/v1/library/" + entry.kind().value() + "s/" + entry.slug()))
			.body(entry);
	}

	/** {@code templates} or {@code sequences}; anything else is no entry. */
	static LibraryKind kind(String kinds) {
		return switch (kinds) {
			case "templates" -> LibraryKind.TEMPLATE;
			case "sequences" -> LibraryKind.SEQUENCE;
			default -> throw new NotFoundProblem("Library entry");
		};
	}

}
