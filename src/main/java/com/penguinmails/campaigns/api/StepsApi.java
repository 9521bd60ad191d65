package com.penguinmails.campaigns.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Sequences;
import com.penguinmails.campaigns.StepFormat;
import com.penguinmails.campaigns.StepLint;
import com.penguinmails.campaigns.StepLint.VariantLint;
import com.penguinmails.shared.Tenancy;

/**
 * A campaign's sequence one step at a time. Steps ({@code n}) and variants ({@code v})
 * are numbered from 1; each operation returns the whole campaign as changed. 404 for an
 * unknown campaign, step or variant; 409 once the campaign is completed or archived; 422
 * for a step without a body in a campaign that is not a draft. Removing or reordering the
 * steps of a running campaign is allowed: recipients in the middle of the sequence keep
 * their next position and continue with the step now there.
 */
@RestController
@RequestMapping(path = "/api/v1/campaigns/{id}/steps", produces = "application/json")
@Tag(name = "Campaign steps", description = "Edit a campaign's sequence one step at a time")
@SecurityRequirement(name = "apiKey")
class StepsApi {

	/**
	 * Where to add a step (1 to steps + 1; null: at the end) and the step (null: blank).
	 */
	record NewStep(Integer position, Step step) {
	}

	/** Where a step moves to (1 to the number of steps). */
	record Move(Integer to) {
	}

	/**
	 * A variant to add: {@code variant} as given, or template {@code templateId}'s
	 * content (copied, or {@code linked}); both null: an empty variant.
	 */
	record NewVariant(Variant variant, UUID templateId, boolean linked) {
	}

	/**
	 * A template to use: copied in, or {@code linked} (every send renders its latest
	 * version).
	 */
	record UseTemplate(UUID templateId, boolean linked) {
	}

	/**
	 * A step's content to check before it is saved: its format ({@code text}, the
	 * default, or {@code html}) and its variants.
	 */
	record StepContent(StepFormat format, List<Variant> variants) {

		/**
		 * The step to check: this content, or null (the saved step) when none was given.
		 */
		static Step toStep(StepContent content) {
			return content == null ? null : new Step(0, null, null, false, content.format(),
					content.variants() == null ? List.of() : content.variants(), null, null, null, null);
		}

	}

	/** The name of the new template. */
	record NewTemplate(String name) {
	}

	private final Sequences sequences;

	private final StepLint stepLint;

	private final Tenancy tenancy;

	StepsApi(Sequences sequences, StepLint stepLint, Tenancy tenancy) {
		this.sequences = sequences;
		this.stepLint = stepLint;
		this.tenancy = tenancy;
	}

	@PostMapping
	@Operation(summary = "Add a step (blank when no step is given) at a position (default: the end)")
	@ApiResponse(responseCode = "409", description = "The campaign has ended")
	@ApiResponse(responseCode = "422", description = "An empty step in a campaign that is not a draft")
	@ResponseStatus(HttpStatus.CREATED)
	Campaign add(@PathVariable UUID id, @RequestBody(required = false) NewStep body) {
		return sequences.add(tenancy.current(), id, body == null ? null : body.step(),
				body == null ? null : body.position());
	}

	@PutMapping("/{n}")
	@Operation(summary = "Replace step n (delay, delayUnit, format, thread, variants); clears its draft")
	@ApiResponse(responseCode = "404", description = "No such step")
	@ApiResponse(responseCode = "422", description = "An empty step in a campaign that is not a draft")
	Campaign replace(@PathVariable UUID id, @PathVariable int n, @RequestBody Step step) {
		return sequences.replace(tenancy.current(), id, n, step);
	}

	@DeleteMapping("/{n}")
	@Operation(summary = "Remove step n; the later steps move up")
	@ApiResponse(responseCode = "404", description = "No such step")
	Campaign remove(@PathVariable UUID id, @PathVariable int n) {
		return sequences.remove(tenancy.current(), id, n);
	}

	@PostMapping("/{n}/duplicate")
	@Operation(summary = "Insert a copy of step n after it")
	@ApiResponse(responseCode = "404", description = "No such step")
	Campaign duplicate(@PathVariable UUID id, @PathVariable int n) {
		return sequences.duplicate(tenancy.current(), id, n);
	}

	@PostMapping("/{n}/move")
	@Operation(summary = "Move step n to position {to}")
	@ApiResponse(responseCode = "404", description = "No such step")
	Campaign move(@PathVariable UUID id, @PathVariable int n, @RequestBody Move move) {
		return sequences.move(tenancy.current(), id, n, move.to());
	}

	@PostMapping("/{n}/variants")
	@Operation(summary = "Add a variant (at most 5): written, or from a template (copied or linked)")
	@ApiResponse(responseCode = "404", description = "No such step or template")
	Campaign addVariant(@PathVariable UUID id, @PathVariable int n, @RequestBody(required = false) NewVariant body) {
		NewVariant given = body == null ? new NewVariant(null, null, false) : body;
		return sequences.addVariant(tenancy.current(), id, n, given.variant(), given.templateId(), given.linked());
	}

	@DeleteMapping("/{n}/variants/{v}")
	@Operation(summary = "Remove variant v of step n (a step keeps one)")
	@ApiResponse(responseCode = "404", description = "No such step or variant")
	Campaign removeVariant(@PathVariable UUID id, @PathVariable int n, @PathVariable int v) {
		return sequences.removeVariant(tenancy.current(), id, n, v);
	}

	@PostMapping("/{n}/variants/{v}/template")
	@Operation(summary = "Use a template for variant v: its latest version copied in, or linked "
			+ "(each send renders the template's latest version); linked false also unlinks, keeping a copy")
	@ApiResponse(responseCode = "404", description = "No such step, variant or template")
	Campaign useTemplate(@PathVariable UUID id, @PathVariable int n, @PathVariable int v,
			@RequestBody UseTemplate body) {
		return sequences.useTemplate(tenancy.current(), id, n, v, body.templateId(), body.linked());
	}

	@PostMapping("/{n}/variants/{v}/save-as-template")
	@Operation(summary = "Save variant v as a new template; returns {templateId}")
	@ApiResponse(responseCode = "409", description = "A template of that name exists")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, UUID> saveAsTemplate(@PathVariable UUID id, @PathVariable int n, @PathVariable int v,
			@RequestBody NewTemplate body) {
		return Map.of("templateId", sequences.saveAsTemplate(tenancy.current(), id, n, v, body.name()));
	}

	@PutMapping("/{n}/draft")
	@Operation(summary = "Autosave an unsaved edit of step n as its draft (not sent; GET shows it as steps[n-1].draft)")
	@ApiResponse(responseCode = "404", description = "No such step")
	Campaign saveDraft(@PathVariable UUID id, @PathVariable int n, @RequestBody Step edit) {
		return sequences.saveDraft(tenancy.current(), id, n, edit);
	}

	@DeleteMapping("/{n}/draft")
	@Operation(summary = "Discard step n's draft")
	@ApiResponse(responseCode = "404", description = "No such step")
	Campaign discardDraft(@PathVariable UUID id, @PathVariable int n) {
		return sequences.discardDraft(tenancy.current(), id, n);
	}

	@PostMapping("/{n}/lint")
	@Operation(summary = "The deliverability lint of step n, per variant: as saved, or as the body gives it "
			+ "(unsaved); rendered for a sample contact from the pool's first mailbox. links=true also fetches every "
			+ "link; spamAssassin=true adds SpamAssassin's score where installed. Needs campaigns:read, mailboxes:read, templates:read and "
			+ "contacts:read (it renders as a preview does)")
	@ApiResponse(responseCode = "404", description = "No such step")
	List<VariantLint> lint(@PathVariable UUID id, @PathVariable int n,
			@RequestBody(required = false) StepContent edited, @RequestParam(defaultValue = "false") boolean links,
			@RequestParam(defaultValue = "false") boolean spamAssassin) {
		Step step = StepContent.toStep(edited);
		return stepLint.lint(tenancy.current(), id, n, step, new StepLint.Checks(links, spamAssassin));
	}

	@PostMapping("/{n}/missing")
	@Operation(summary = "The strict check of step n over the campaign's active recipients (the first 200), per "
			+ "variant: who lacks which value; as saved, or as the body gives it. Needs campaigns:read, mailboxes:read, "
			+ "templates:read and contacts:read")
	@ApiResponse(responseCode = "404", description = "No such step")
	List<StepLint.VariantMissing> missing(@PathVariable UUID id, @PathVariable int n,
			@RequestBody(required = false) StepContent edited) {
		Step step = StepContent.toStep(edited);
		return stepLint.missing(tenancy.current(), id, n, step);
	}

}
