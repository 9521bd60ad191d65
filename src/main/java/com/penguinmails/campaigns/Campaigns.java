package com.penguinmails.campaigns;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Stops;
import com.penguinmails.campaigns.internal.CampaignRepository;
import com.penguinmails.campaigns.internal.CampaignRules;
import com.penguinmails.campaigns.internal.EnrolmentRepository;
import com.penguinmails.campaigns.internal.LaunchChecks;
import com.penguinmails.campaigns.internal.RecipientIds;
import com.penguinmails.campaigns.internal.StepRenderer;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.UnknownIdsProblem;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Campaigns and their lifecycle: draft → scheduled → running ⇄ paused → completed, and
 * archived ({@link CampaignStatus}). Edits of a running campaign apply to sends still to
 * come (messages are rendered when they are scheduled). Recipients can be added at any
 * time. Every method checks the caller's role and scope and stays in its workspace.
 */
@Service
public class Campaigns {

	/** A campaign as a change: null fields stay as they are. */
	public record Draft(String name, Schedule schedule, Stops stops, List<UUID> mailboxIds, List<Step> steps,
			Campaign.Tracking tracking) {

		public Draft(String name, Schedule schedule, Stops stops, List<UUID> mailboxIds, List<Step> steps) {
			this(name, schedule, stops, mailboxIds, steps, null);
		}

	}

	/** Who a campaign has, by enrolment state. */
	public record Recipients(long active, long completed, long stopped) {
	}

	/** Why a launch is refused: every reason, not only the first. */
	public static final class LaunchRefused extends Problem {

		private final List<String> reasons;

		LaunchRefused(List<String> reasons) {
			super(HttpStatus.UNPROCESSABLE_ENTITY, "launch-refused",
					"The campaign cannot start: " + String.join("; ", reasons) + ".");
			this.reasons = List.copyOf(reasons);
		}

		public List<String> reasons() {
			return reasons;
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("reasons", reasons);
		}

	}

	private final CampaignRepository repository;

	private final EnrolmentRepository enrolments;

	private final LaunchChecks launchChecks;

	private final Clock clock;

	private final Mailboxes mailboxes;

	private final RecipientIds recipientIds;

	private final WorkspaceDirectory directory;

	private final StepRenderer renderer;

	private final ApplicationEventPublisher events;

	Campaigns(CampaignRepository repository, EnrolmentRepository enrolments, LaunchChecks launchChecks, Clock clock,
			Mailboxes mailboxes, RecipientIds recipientIds, WorkspaceDirectory directory, StepRenderer renderer,
			ApplicationEventPublisher events) {
		this.directory = directory;
		this.renderer = renderer;
		this.repository = repository;
		this.enrolments = enrolments;
		this.launchChecks = launchChecks;
		this.clock = clock;
		this.mailboxes = mailboxes;
		this.recipientIds = recipientIds;
		this.events = events;
	}

	/**
	 * Creates a draft; missing parts get their defaults (weekdays 09:00–17:00 in the
	 * creator's time zone, widened to contain now; stop on reply, no tracking).
	 * @throws InvalidInputProblem for a bad name, schedule or sequence
	 * @throws UnknownIdsProblem naming mailboxes not of the workspace
	 */
	@Transactional
	public Campaign create(Tenant tenant, Draft draft) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		UUID id = UUID.randomUUID();
		String name = CampaignRules.name(draft.name());
		Schedule schedule = CampaignRules
			.schedule(draft.schedule() == null ? defaultSchedule(tenant) : draft.schedule());
		Stops stops = draft.stops() == null ? Stops.defaults() : draft.stops();
		repository.insert(tenant.workspaceId(), id, name, clock.instant());
		repository.writeSchedule(tenant.workspaceId(), id, schedule, stops);
		writeMailboxes(tenant, id, draft.mailboxIds() == null ? List.of() : draft.mailboxIds());
		writeSequence(tenant.workspaceId(), id,
				CampaignRules.steps(draft.steps() == null ? List.of() : draft.steps(), true));
		repository.writeTracking(tenant.workspaceId(), id,
				draft.tracking() == null ? Campaign.Tracking.off() : draft.tracking());
		return get(tenant, id);
	}

	/**
	 * The creator's time zone (stored at sign-up; the workspace owner's for an API key or
	 * the system), weekdays, a window containing now.
	 */
	private Schedule defaultSchedule(Tenant tenant) {
		java.time.ZoneId zone;
		try {
			zone = java.time.ZoneId.of(directory.timeZone(tenant.workspaceId(), tenant.userId()));
		}
		catch (java.time.DateTimeException ex) {
			zone = java.time.ZoneOffset.UTC;
		}
		return Schedule.defaults(zone, clock.instant());
	}

	/**
	 * Changes what the draft gives; a running campaign's next sends use the new steps.
	 * @throws InvalidInputProblem 409 for a completed or archived campaign
	 */
	@Transactional
	public Campaign update(Tenant tenant, UUID id, Draft draft) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		Campaign current = get(tenant, id);
		if (current.status().ended()) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "campaign-ended",
					"A " + current.status() + " campaign cannot be changed.");
		}
		UUID workspaceId = tenant.workspaceId();
		if (draft.name() != null) {
			repository.rename(workspaceId, id, CampaignRules.name(draft.name()));
		}
		if (draft.schedule() != null || draft.stops() != null) {
			repository.writeSchedule(workspaceId, id,
					CampaignRules.schedule(draft.schedule() == null ? current.schedule() : draft.schedule()),
					draft.stops() == null ? current.stops() : draft.stops());
		}
		if (draft.mailboxIds() != null) {
			writeMailboxes(tenant, id, draft.mailboxIds());
		}
		if (draft.steps() != null) {
			writeSequence(workspaceId, id,
					CampaignRules.steps(draft.steps(), current.status() == CampaignStatus.DRAFT));
		}
		if (draft.tracking() != null) {
			repository.writeTracking(workspaceId, id, draft.tracking());
		}
		return get(tenant, id);
	}

	/**
	 * @throws NotFoundProblem when the workspace has no such campaign
	 */
	public Campaign get(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "campaigns:read");
		return find(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("Campaign"));
	}

	/** The workspace's campaigns, newest first. */
	public List<Campaign> list(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "campaigns:read");
		return repository.ids(tenant.workspaceId())
			.stream()
			.map(id -> find(tenant.workspaceId(), id).orElseThrow())
			.toList();
	}

	Optional<Campaign> find(UUID workspaceId, UUID id) {
		return repository.find(workspaceId, id);
	}

	/**
	 * Enrols contacts (by id, by list, by saved segment); contacts already enrolled are
	 * left out. Ids of contacts, lists or segments that are not the workspace's are an
	 * {@link UnknownIdsProblem} naming them (404), and nobody is enrolled. Returns how
	 * many joined.
	 */
	@Transactional
	public int addRecipients(Tenant tenant, UUID id, List<UUID> contactIds, List<UUID> listIds, List<UUID> segmentIds) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		Campaign campaign = get(tenant, id);
		if (campaign.status() == CampaignStatus.ARCHIVED) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "campaign-ended",
					"An archived campaign takes no more recipients.");
		}
		Set<UUID> ids = recipientIds.of(tenant.workspaceId(), contactIds, listIds, segmentIds);
		if (ids.isEmpty()) {
			return 0;
		}
		Instant now = clock.instant();
		// A launched campaign schedules newcomers at once (a completed one runs again for
		// them); a draft's are scheduled by its launch.
		Instant due = switch (campaign.status()) {
			case DRAFT -> null;
			case SCHEDULED -> campaign.schedule().startAt() == null ? now : campaign.schedule().startAt();
			default -> now;
		};
		if (campaign.status() == CampaignStatus.COMPLETED) {
			repository.reopen(tenant.workspaceId(), id);
		}
		return enrolments.enrol(tenant.workspaceId(), id, ids, due, now);
	}

	public Recipients recipients(Tenant tenant, UUID id) {
		get(tenant, id);
		return enrolments.recipients(tenant.workspaceId(), id);
	}

	/**
	 * Starts the campaign, or refuses with every reason ({@link LaunchRefused}, 422): no
	 * steps, no mailboxes, a mailbox paused or in error, a sending domain not verified,
	 * no recipients, a template variable without a value for a recipient.
	 * @throws InvalidInputProblem 409 when the campaign is not a draft
	 */
	@Transactional
	public Campaign launch(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		Campaign campaign = get(tenant, id);
		if (campaign.status() != CampaignStatus.DRAFT) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "not-a-draft",
					"Only a draft is launched; this campaign is " + campaign.status() + ".");
		}
		List<String> reasons = launchChecks.problems(tenant.workspaceId(), campaign);
		if (!reasons.isEmpty()) {
			throw new LaunchRefused(reasons);
		}
		Instant now = clock.instant();
		Instant start = campaign.schedule().startAt() != null && campaign.schedule().startAt().isAfter(now)
				? campaign.schedule().startAt() : now;
		CampaignStatus status = start.isAfter(now) ? CampaignStatus.SCHEDULED : CampaignStatus.RUNNING;
		repository.launched(tenant.workspaceId(), id, status, now);
		enrolments.scheduleAll(tenant.workspaceId(), id, start, now);
		events.publishEvent(
				new CampaignLaunched(tenant.workspaceId(), id, campaign.name(), status, start, tenant.userId(), now));
		return get(tenant, id);
	}

	/**
	 * Pauses a campaign by hand; publishes one {@link CampaignPaused}.
	 * @throws InvalidInputProblem 409 unless running or scheduled
	 */
	@Transactional
	public Campaign pause(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		Campaign campaign = get(tenant, id);
		if (campaign.status() != CampaignStatus.RUNNING && campaign.status() != CampaignStatus.SCHEDULED) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "not-running",
					"Only a running or scheduled campaign is paused; this one is " + campaign.status() + ".");
		}
		Instant now = clock.instant();
		if (repository.pause(tenant.workspaceId(), id)) {
			events.publishEvent(
					new CampaignPaused(tenant.workspaceId(), id, campaign.name(), false, tenant.userId(), now));
		}
		return get(tenant, id);
	}

	/**
	 * Runs a paused campaign again, after the launch checks (an empty audience aside).
	 * @throws InvalidInputProblem 409 unless paused
	 */
	@Transactional
	public Campaign resume(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		Campaign campaign = get(tenant, id);
		if (campaign.status() != CampaignStatus.PAUSED) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "not-paused",
					"Only a paused campaign is resumed; this one is " + campaign.status() + ".");
		}
		List<String> reasons = launchChecks.problems(tenant.workspaceId(), campaign)
			.stream()
			.filter(reason -> !reason.equals(LaunchChecks.NO_RECIPIENTS))
			.toList();
		if (!reasons.isEmpty()) {
			throw new LaunchRefused(reasons);
		}
		repository.setStatus(tenant.workspaceId(), id, CampaignStatus.RUNNING);
		return get(tenant, id);
	}

	/**
	 * Archives the campaign; its active enrolments stop ("campaign archived"), each
	 * publishing one {@link EnrolmentStopped}.
	 */
	@Transactional
	public Campaign archive(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		get(tenant, id);
		repository.setStatus(tenant.workspaceId(), id, CampaignStatus.ARCHIVED);
		Instant now = clock.instant();
		String reason = "campaign archived";
		for (EnrolmentRepository.Ended ended : enrolments.stopAll(tenant.workspaceId(), id, reason, now)) {
			events.publishEvent(
					EnrolmentStopped.of(tenant.workspaceId(), id, ended.enrolmentId(), ended.contactId(), reason, now));
		}
		return get(tenant, id);
	}

	private void writeMailboxes(Tenant tenant, UUID id, List<UUID> mailboxIds) {
		if (mailboxIds.stream().anyMatch(Objects::isNull)) {
			throw new InvalidInputProblem("invalid-mailboxes", "mailboxIds holds mailbox ids, never null.");
		}
		// Only the workspace's own mailboxes: a 404 naming the others.
		Set<UUID> known = mailboxes.findAll(tenant.workspaceId(), mailboxIds)
			.stream()
			.map(Mailbox::id)
			.collect(Collectors.toSet());
		List<UUID> unknown = mailboxIds.stream().filter(mailbox -> !known.contains(mailbox)).distinct().toList();
		if (!unknown.isEmpty()) {
			throw new UnknownIdsProblem("Mailboxes", unknown);
		}
		repository.writeMailboxes(tenant.workspaceId(), id, mailboxIds);
	}

	/** Writes checked steps; a template a variant names must be the workspace's (404). */
	void writeSequence(UUID workspaceId, UUID id, List<Step> steps) {
		steps.stream()
			.flatMap(step -> step.variants().stream())
			.filter(variant -> variant.templateLinked() && renderer.latest(workspaceId, variant.templateId()).isEmpty())
			.findFirst()
			.ifPresent(variant -> {
				throw new NotFoundProblem("Template " + variant.templateId());
			});
		repository.writeSteps(workspaceId, id, steps);
	}

}
