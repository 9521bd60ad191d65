package com.penguinmails.campaigns;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.StepDraft;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.internal.CampaignRepository;
import com.penguinmails.campaigns.internal.CampaignRules;
import com.penguinmails.campaigns.internal.StepRenderer;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.templates.EmailTemplate;
import com.penguinmails.templates.Templates;
import com.penguinmails.templates.TextHtml;

/**
 * A campaign's sequence edited one step at a time (the step editor and
 * {@code /api/v1/campaigns/{id}/steps}). Steps ({@code n}) and variants ({@code v}) are
 * numbered from 1, as people read them; each change returns the whole campaign.
 * <p>
 * A draft campaign may hold unwritten steps (its launch check names them); in a running,
 * scheduled or paused campaign a step without a body is refused (422). Removing or
 * reordering steps of a running campaign is allowed: an enrolment keeps its next
 * <em>position</em>, so a recipient in the middle of the sequence continues with whatever
 * step is now at that position (after removing step 2, someone waiting for step 3 gets
 * the former step 4; messages already queued stay as rendered). A completed or archived
 * campaign cannot change (409). Unknown steps or variants are 404.
 */
@Service
public class Sequences {

	private final Campaigns campaigns;

	private final CampaignRepository repository;

	private final StepRenderer renderer;

	private final Templates templates;

	private final Clock clock;

	Sequences(Campaigns campaigns, CampaignRepository repository, StepRenderer renderer, Templates templates,
			Clock clock) {
		this.campaigns = campaigns;
		this.repository = repository;
		this.renderer = renderer;
		this.templates = templates;
		this.clock = clock;
	}

	/**
	 * A blank step to add: one empty variant, plain text, 2 days after the previous step
	 * (the first: at the start), in the same thread.
	 */
	public static Step blank(int position) {
		DelayUnit days = DelayUnit.DAYS;
		int delay = position <= 1 ? 0 : 2;
		return new Step(delay * days.minutes(), days, delay, false, StepFormat.TEXT, List.of(new Variant("", "", null)),
				null, null, null, null);
	}

	/**
	 * Adds {@code step} (null: {@link #blank(int)}) at {@code position} (1 to steps + 1;
	 * null: at the end).
	 */
	@Transactional
	public Campaign add(Tenant tenant, UUID id, Step step, Integer position) {
		Campaign campaign = editable(tenant, id);
		List<Step> steps = new ArrayList<>(campaign.steps());
		int at = position == null ? steps.size() + 1 : position;
		if (at < 1 || at > steps.size() + 1) {
			throw new InvalidInputProblem("invalid-position",
					"A new step goes at position 1 to " + (steps.size() + 1) + ".");
		}
		steps.add(at - 1, step == null ? blank(at) : step.withDraft(null).withoutWinner());
		return write(tenant, campaign, steps, at);
	}

	/**
	 * Replaces step {@code n} with {@code step} and clears its draft; its A/B decision
	 * stays while it has as many variants.
	 */
	@Transactional
	public Campaign replace(Tenant tenant, UUID id, int n, Step step) {
		Campaign campaign = editable(tenant, id);
		Step current = step(campaign, n);
		if (step == null) {
			throw new InvalidInputProblem("invalid-step", "Give the step.");
		}
		boolean sameTest = step.variants() != null && step.variants().size() == current.variants().size();
		Step saved = new Step(step.delayMinutes(), step.delayUnit(), step.delay(), step.newThread(), step.format(),
				step.variants(), step.winnerMetric(), step.minSample(), sameTest ? current.winner() : null, null);
		List<Step> steps = new ArrayList<>(campaign.steps());
		steps.set(n - 1, saved);
		return write(tenant, campaign, steps, n);
	}

	/** Removes step {@code n}; the steps after it move up one position. */
	@Transactional
	public Campaign remove(Tenant tenant, UUID id, int n) {
		Campaign campaign = editable(tenant, id);
		step(campaign, n);
		List<Step> steps = new ArrayList<>(campaign.steps());
		steps.remove(n - 1);
		return write(tenant, campaign, steps, 0);
	}

	/** Inserts a copy of step {@code n} (without its draft or A/B decision) after it. */
	@Transactional
	public Campaign duplicate(Tenant tenant, UUID id, int n) {
		Campaign campaign = editable(tenant, id);
		Step original = step(campaign, n).withDraft(null).withoutWinner();
		// A copy sent with no delay would arrive with the original: it follows 2 days
		// later,
		// in the same thread, as an added step does.
		Step copy = original.delayMinutes() > 0 ? original
				: new Step(blank(2).delayMinutes(), blank(2).delayUnit(), blank(2).delay(), false, original.format(),
						original.variants(), original.winnerMetric(), original.minSample(), null, null);
		List<Step> steps = new ArrayList<>(campaign.steps());
		steps.add(n, copy);
		return write(tenant, campaign, steps, 0);
	}

	/** Moves step {@code n} to position {@code to} (1 to the number of steps). */
	@Transactional
	public Campaign move(Tenant tenant, UUID id, int n, Integer to) {
		Campaign campaign = editable(tenant, id);
		Step moved = step(campaign, n);
		if (to == null || to < 1 || to > campaign.steps().size()) {
			throw new InvalidInputProblem("invalid-position",
					"Move the step to a position of 1 to " + campaign.steps().size() + ".");
		}
		List<Step> steps = new ArrayList<>(campaign.steps());
		steps.remove(n - 1);
		steps.add(to - 1, moved);
		return write(tenant, campaign, steps, 0);
	}

	/**
	 * Adds a variant to step {@code n}: {@code variant} as given, or the content of
	 * template {@code templateId} (copied, or {@code linked}), or an empty one.
	 */
	@Transactional
	public Campaign addVariant(Tenant tenant, UUID id, int n, Variant variant, UUID templateId, boolean linked) {
		Campaign campaign = editable(tenant, id);
		Step step = step(campaign, n);
		Variant added = templateId != null ? fromTemplate(tenant, templateId, linked)
				: variant == null ? new Variant(step.variants().get(0).subject(), "", null) : variant;
		List<Variant> variants = new ArrayList<>(step.variants());
		variants.add(added);
		return withStep(tenant, campaign, n, step.withVariants(variants).withoutWinner());
	}

	/** Removes variant {@code v} of step {@code n} (a step keeps at least one). */
	@Transactional
	public Campaign removeVariant(Tenant tenant, UUID id, int n, int v) {
		Campaign campaign = editable(tenant, id);
		Step step = step(campaign, n);
		variant(step, v);
		if (step.variants().size() == 1) {
			throw new InvalidInputProblem("last-variant", "A step keeps at least one variant.");
		}
		List<Variant> variants = new ArrayList<>(step.variants());
		variants.remove(v - 1);
		return withStep(tenant, campaign, n, step.withVariants(variants).withoutWinner());
	}

	/**
	 * Variant {@code v} of step {@code n} takes template {@code templateId}: its latest
	 * subject, HTML and text copied in ("copied from" the template), or {@code linked} so
	 * that every send renders the template's latest version. Using a template with
	 * {@code linked} false is also how a linked variant is unlinked, keeping a copy.
	 */
	@Transactional
	public Campaign useTemplate(Tenant tenant, UUID id, int n, int v, UUID templateId, boolean linked) {
		Campaign campaign = editable(tenant, id);
		Step step = step(campaign, n);
		variant(step, v);
		if (templateId == null) {
			throw new InvalidInputProblem("template-required", "Choose a template (templateId).");
		}
		List<Variant> variants = new ArrayList<>(step.variants());
		variants.set(v - 1, fromTemplate(tenant, templateId, linked));
		return withStep(tenant, campaign, n, step.withVariants(variants));
	}

	/**
	 * Saves variant {@code v} of step {@code n} as a new template named {@code name};
	 * returns its id (409 when the workspace has a template of that name).
	 */
	@Transactional
	public UUID saveAsTemplate(Tenant tenant, UUID id, int n, int v, String name) {
		Campaign campaign = campaigns.get(tenant, id);
		Variant variant = variant(step(campaign, n), v);
		Variant content = renderer.resolve(tenant.workspaceId(), variant).orElse(variant);
		String html = content.html() == null || content.html().isBlank() ? TextHtml.of(content.text()) : content.html();
		return templates.create(tenant, new Templates.Draft(name, content.subject(), html, content.text())).id();
	}

	/**
	 * Keeps {@code edit} as step {@code n}'s autosaved draft, with the time; what is sent
	 * does not change until the step is saved ({@link #replace}).
	 */
	@Transactional
	public Campaign saveDraft(Tenant tenant, UUID id, int n, Step edit) {
		Campaign campaign = editable(tenant, id);
		step(campaign, n);
		if (edit == null || edit.variants() == null || edit.variants().isEmpty() || edit.variants().size() > 5) {
			throw new InvalidInputProblem("invalid-step", "Step " + n + ": a draft has 1 to 5 variants.");
		}
		repository.writeDraft(tenant.workspaceId(), id, n - 1,
				new StepDraft(edit.withDraft(null).withoutWinner(), clock.instant()));
		return campaigns.get(tenant, id);
	}

	/** Discards step {@code n}'s draft. */
	@Transactional
	public Campaign discardDraft(Tenant tenant, UUID id, int n) {
		Campaign campaign = editable(tenant, id);
		step(campaign, n);
		repository.writeDraft(tenant.workspaceId(), id, n - 1, null);
		return campaigns.get(tenant, id);
	}

	private Variant fromTemplate(Tenant tenant, UUID templateId, boolean linked) {
		EmailTemplate template = templates.get(tenant, templateId);
		return new Variant(template.subject(), template.html(), template.text(), template.id(), linked, null);
	}

	private Campaign withStep(Tenant tenant, Campaign campaign, int n, Step step) {
		List<Step> steps = new ArrayList<>(campaign.steps());
		steps.set(n - 1, step);
		return write(tenant, campaign, steps, n);
	}

	/**
	 * Checks and writes the sequence; {@code changed} (1-based, 0: none) is the step
	 * written or added, refused (422) when empty outside a draft.
	 */
	private Campaign write(Tenant tenant, Campaign campaign, List<Step> steps, int changed) {
		boolean draft = campaign.status() == CampaignStatus.DRAFT;
		if (!draft && changed > 0 && steps.get(changed - 1).variants() != null
				&& steps.get(changed - 1).variants().stream().anyMatch(v -> v == null || v.empty())) {
			throw new InvalidInputProblem(HttpStatus.UNPROCESSABLE_ENTITY, "step-empty",
					"Step " + changed + " has no body: a " + campaign.status().label().toLowerCase()
							+ " campaign sends every step, so write it before saving.");
		}
		campaigns.writeSequence(tenant.workspaceId(), campaign.id(), CampaignRules.steps(steps, draft));
		return campaigns.get(tenant, campaign.id());
	}

	private Campaign editable(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		Campaign campaign = campaigns.get(tenant, id);
		if (campaign.status().ended()) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "campaign-ended",
					"A " + campaign.status() + " campaign cannot be changed.");
		}
		return campaign;
	}

	private static Step step(Campaign campaign, int n) {
		if (n < 1 || n > campaign.steps().size()) {
			throw new NotFoundProblem("Step " + n);
		}
		return campaign.steps().get(n - 1);
	}

	private static Variant variant(Step step, int v) {
		if (v < 1 || v > step.variants().size()) {
			throw new NotFoundProblem("Variant " + v);
		}
		return step.variants().get(v - 1);
	}

}
