package com.penguinmails.campaigns;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Stops;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.internal.AbTest;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Segments;
import com.penguinmails.domains.DomainStatus;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.UnknownIdsProblem;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.templates.EmailTemplate;
import com.penguinmails.templates.Rendered;
import com.penguinmails.templates.Templates;

/**
 * Campaigns and their lifecycle: draft → scheduled → running ⇄ paused → completed, and
 * archived. Edits of a running campaign apply to sends still to come (messages are
 * rendered when they are scheduled). Recipients can be added at any time.
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

	private static final int MAX_STEPS = 20;

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final Clock clock;

	private final Mailboxes mailboxes;

	private final Contacts contacts;

	private final Segments segments;

	private final Templates templates;

	Campaigns(JdbcClient jdbc, ObjectMapper json, Clock clock, Mailboxes mailboxes, Contacts contacts,
			Segments segments, Templates templates) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.mailboxes = mailboxes;
		this.contacts = contacts;
		this.segments = segments;
		this.templates = templates;
	}

	@Transactional
	public Campaign create(Tenant tenant, Draft draft) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		UUID id = UUID.randomUUID();
		String name = name(draft.name());
		Schedule schedule = checked(draft.schedule() == null ? Schedule.defaults() : draft.schedule());
		Stops stops = draft.stops() == null ? Stops.defaults() : draft.stops();
		jdbc.sql("INSERT INTO campaigns (id, workspace_id, name, created_at) VALUES (?, ?, ?, ?)")
			.params(id, tenant.workspaceId(), name, Timestamp.from(clock.instant()))
			.update();
		writeSchedule(tenant.workspaceId(), id, schedule, stops);
		writeMailboxes(tenant, id, draft.mailboxIds() == null ? List.of() : draft.mailboxIds());
		writeSteps(tenant.workspaceId(), id, draft.steps() == null ? List.of() : draft.steps());
		writeTracking(tenant.workspaceId(), id, draft.tracking() == null ? Campaign.Tracking.off() : draft.tracking());
		return get(tenant, id);
	}

	private void writeTracking(UUID workspaceId, UUID id, Campaign.Tracking tracking) {
		jdbc.sql(
				"UPDATE campaigns SET track_opens = ?, track_clicks = ?, plain_text = ? WHERE workspace_id = ? AND id = ?")
			.params(tracking.opens(), tracking.clicks(), tracking.plainText(), workspaceId, id)
			.update();
	}

	/**
	 * Changes what the draft gives; a running campaign's next sends use the new steps.
	 */
	@Transactional
	public Campaign update(Tenant tenant, UUID id, Draft draft) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		Campaign current = get(tenant, id);
		if (current.status().equals("completed") || current.status().equals("archived")) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "campaign-ended",
					"A " + current.status() + " campaign cannot be changed.");
		}
		if (draft.name() != null) {
			jdbc.sql("UPDATE campaigns SET name = ? WHERE workspace_id = ? AND id = ?")
				.params(name(draft.name()), tenant.workspaceId(), id)
				.update();
		}
		if (draft.schedule() != null || draft.stops() != null) {
			writeSchedule(tenant.workspaceId(), id,
					checked(draft.schedule() == null ? current.schedule() : draft.schedule()),
					draft.stops() == null ? current.stops() : draft.stops());
		}
		if (draft.mailboxIds() != null) {
			writeMailboxes(tenant, id, draft.mailboxIds());
		}
		if (draft.steps() != null) {
			writeSteps(tenant.workspaceId(), id, draft.steps());
		}
		if (draft.tracking() != null) {
			writeTracking(tenant.workspaceId(), id, draft.tracking());
		}
		return get(tenant, id);
	}

	public Campaign get(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "campaigns:read");
		return find(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("Campaign"));
	}

	public List<Campaign> list(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "campaigns:read");
		return jdbc.sql("SELECT id FROM campaigns WHERE workspace_id = ? ORDER BY created_at DESC")
			.param(tenant.workspaceId())
			.query(UUID.class)
			.list()
			.stream()
			.map(id -> find(tenant.workspaceId(), id).orElseThrow())
			.toList();
	}

	java.util.Optional<Campaign> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM campaigns WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query((rs, i) -> map(rs, mailboxIds(id), steps(id)))
			.optional();
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
		if (campaign.status().equals("archived")) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "campaign-ended",
					"An archived campaign takes no more recipients.");
		}
		for (List<UUID> given : java.util.Arrays.asList(contactIds, listIds, segmentIds)) {
			if (given != null && given.stream().anyMatch(java.util.Objects::isNull)) {
				throw new InvalidInputProblem("invalid-ids",
						"contactIds, listIds and segmentIds hold ids, never null.");
			}
		}
		Set<UUID> ids = new LinkedHashSet<>(contactIds == null ? List.of() : contactIds);
		List<UUID> unknown = contacts.missing(tenant.workspaceId(), ids);
		if (!unknown.isEmpty()) {
			throw new UnknownIdsProblem("Contacts", unknown);
		}
		Tenant workspace = Tenant.system(tenant.workspaceId());
		Set<UUID> lists = segments.lists(workspace).stream().map(Segments.ContactList::id).collect(Collectors.toSet());
		List<UUID> unknownLists = (listIds == null ? List.<UUID>of() : listIds).stream()
			.filter(list -> !lists.contains(list))
			.distinct()
			.toList();
		if (!unknownLists.isEmpty()) {
			throw new UnknownIdsProblem("Lists", unknownLists);
		}
		List<UUID> unknownSegments = (segmentIds == null ? List.<UUID>of() : segmentIds).stream()
			.filter(segment -> !segmentExists(workspace, segment))
			.distinct()
			.toList();
		if (!unknownSegments.isEmpty()) {
			throw new UnknownIdsProblem("Segments", unknownSegments);
		}
		for (UUID list : listIds == null ? List.<UUID>of() : listIds) {
			ids.addAll(segments.listMemberIds(Tenant.system(tenant.workspaceId()), list));
		}
		for (UUID segment : segmentIds == null ? List.<UUID>of() : segmentIds) {
			ids.addAll(segments.segmentContactIds(Tenant.system(tenant.workspaceId()), segment));
		}
		if (ids.isEmpty()) {
			return 0;
		}
		Instant now = clock.instant();
		// A launched campaign schedules newcomers at once (a completed one runs again for
		// them); a draft's are scheduled by its launch.
		Instant due = switch (campaign.status()) {
			case "draft" -> null;
			case "scheduled" -> campaign.schedule().startAt() == null ? now : campaign.schedule().startAt();
			default -> now;
		};
		if (campaign.status().equals("completed")) {
			jdbc.sql("UPDATE campaigns SET status = 'running', completed_at = NULL WHERE workspace_id = ? AND id = ?")
				.params(tenant.workspaceId(), id)
				.update();
		}
		return jdbc.sql("""
				INSERT INTO enrolments (id, workspace_id, campaign_id, contact_id, next_send_at, created_at, updated_at)
				SELECT gen_random_uuid(), c.workspace_id, ?, c.id, ?, ?, ?
				FROM contacts c WHERE c.workspace_id = ? AND c.id = ANY (?)
				ON CONFLICT (campaign_id, contact_id) DO NOTHING""")
			.params(id, due == null ? null : Timestamp.from(due), Timestamp.from(now), Timestamp.from(now),
					tenant.workspaceId(), ids.toArray(UUID[]::new))
			.update();
	}

	public Recipients recipients(Tenant tenant, UUID id) {
		get(tenant, id);
		return jdbc.sql("""
				SELECT count(*) FILTER (WHERE state = 'active'), count(*) FILTER (WHERE state = 'completed'),
				    count(*) FILTER (WHERE state = 'stopped')
				FROM enrolments WHERE workspace_id = ? AND campaign_id = ?""")
			.params(tenant.workspaceId(), id)
			.query((rs, i) -> new Recipients(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}

	/**
	 * Starts the campaign, or refuses with every reason: no steps, no mailboxes, a
	 * mailbox paused or in error, a sending domain not verified, no recipients, a
	 * template variable without a value for a recipient.
	 */
	@Transactional
	public Campaign launch(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		Campaign campaign = get(tenant, id);
		if (!campaign.status().equals("draft")) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "not-a-draft",
					"Only a draft is launched; this campaign is " + campaign.status() + ".");
		}
		List<String> reasons = launchProblems(tenant, campaign);
		if (!reasons.isEmpty()) {
			throw new LaunchRefused(reasons);
		}
		Instant now = clock.instant();
		Instant start = campaign.schedule().startAt() != null && campaign.schedule().startAt().isAfter(now)
				? campaign.schedule().startAt() : now;
		jdbc.sql("UPDATE campaigns SET status = ?, launched_at = ? WHERE workspace_id = ? AND id = ?")
			.params(start.isAfter(now) ? "scheduled" : "running", Timestamp.from(now), tenant.workspaceId(), id)
			.update();
		jdbc.sql("""
				UPDATE enrolments SET next_send_at = ?, updated_at = ?
				WHERE workspace_id = ? AND campaign_id = ? AND state = 'active' AND next_send_at IS NULL""")
			.params(Timestamp.from(start), Timestamp.from(now), tenant.workspaceId(), id)
			.update();
		return get(tenant, id);
	}

	@Transactional
	public Campaign pause(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		Campaign campaign = get(tenant, id);
		if (!campaign.status().equals("running") && !campaign.status().equals("scheduled")) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "not-running",
					"Only a running or scheduled campaign is paused; this one is " + campaign.status() + ".");
		}
		setStatus(tenant.workspaceId(), id, "paused");
		return get(tenant, id);
	}

	@Transactional
	public Campaign resume(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		Campaign campaign = get(tenant, id);
		if (!campaign.status().equals("paused")) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "not-paused",
					"Only a paused campaign is resumed; this one is " + campaign.status() + ".");
		}
		List<String> reasons = launchProblems(tenant, campaign).stream()
			.filter(reason -> !reason.startsWith("no recipients"))
			.toList();
		if (!reasons.isEmpty()) {
			throw new LaunchRefused(reasons);
		}
		setStatus(tenant.workspaceId(), id, "running");
		return get(tenant, id);
	}

	@Transactional
	public Campaign archive(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		get(tenant, id);
		setStatus(tenant.workspaceId(), id, "archived");
		jdbc.sql("""
				UPDATE enrolments SET state = 'stopped', stop_reason = 'campaign archived', updated_at = ?
				WHERE workspace_id = ? AND campaign_id = ? AND state = 'active'""")
			.params(Timestamp.from(clock.instant()), tenant.workspaceId(), id)
			.update();
		return get(tenant, id);
	}

	/**
	 * Records what a recipient did with one message of a campaign (tracking and inbound
	 * call it): {@code opened}, {@code clicked} or {@code replied}; each counts once per
	 * message for the A/B decisions.
	 */
	public void recordEngagement(UUID workspaceId, UUID campaignId, int step, int variant, UUID outboxId, String kind) {
		recordEngagements(List.of(new Engagement(workspaceId, campaignId, step, variant, outboxId, kind)));
	}

	/** One engagement to record: see {@link #recordEngagement}. */
	public record Engagement(UUID workspaceId, UUID campaignId, int step, int variant, UUID outboxId, String kind) {
	}

	/**
	 * Records many engagements in one statement per kind (tracking writes its events in
	 * batches).
	 */
	public void recordEngagements(List<Engagement> engagements) {
		List<String> kinds = List.of("opened", "clicked", "replied");
		engagements.stream().filter(e -> !kinds.contains(e.kind())).findFirst().ifPresent(e -> {
			throw new IllegalArgumentException("Unknown engagement " + e.kind());
		});
		for (String kind : kinds) {
			List<Engagement> ofKind = engagements.stream().filter(e -> e.kind().equals(kind)).toList();
			if (ofKind.isEmpty()) {
				continue;
			}
			jdbc.sql("INSERT INTO campaign_engagements (outbox_id, workspace_id, campaign_id, step, variant, " + kind
					+ ", updated_at) SELECT DISTINCT ON (o) o, w, c, s, v, true, ? "
					+ "FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::int[], ?::int[]) AS t (o, w, c, s, v) "
					+ "ON CONFLICT (outbox_id) DO UPDATE SET " + kind + " = true, updated_at = EXCLUDED.updated_at")
				.params(Timestamp.from(clock.instant()), ofKind.stream().map(Engagement::outboxId).toArray(UUID[]::new),
						ofKind.stream().map(Engagement::workspaceId).toArray(UUID[]::new),
						ofKind.stream().map(Engagement::campaignId).toArray(UUID[]::new),
						ofKind.stream().map(Engagement::step).toArray(Integer[]::new),
						ofKind.stream().map(Engagement::variant).toArray(Integer[]::new))
				.update();
		}
	}

	/**
	 * Decides the A/B steps of a campaign that have waited for their sample: for each
	 * step with a metric and no winner yet, a two-proportion test of the best variant
	 * against the second; a significant difference (95%) makes the best the winner.
	 * @param sent messages sent per step and variant
	 */
	void decideWinners(UUID campaignId, Map<Integer, Map<Integer, Long>> sent, Instant now) {
		List<Step> steps = steps(campaignId);
		for (int position = 0; position < steps.size(); position++) {
			Step step = steps.get(position);
			if (step.winnerMetric() == null || step.winner() != null || step.variants().size() < 2) {
				continue;
			}
			String column = switch (step.winnerMetric()) {
				case "clicks" -> "clicked";
				case "replies" -> "replied";
				default -> "opened";
			};
			Map<Integer, Long> engaged = new java.util.HashMap<>();
			jdbc.sql("SELECT variant, count(*) FROM campaign_engagements WHERE campaign_id = ? AND step = ? AND "
					+ column + " GROUP BY variant")
				.params(campaignId, position)
				.query(rs -> {
					engaged.put(rs.getInt(1), rs.getLong(2));
				});
			List<AbTest.Arm> arms = new ArrayList<>();
			for (int v = 0; v < step.variants().size(); v++) {
				arms.add(new AbTest.Arm(v, sent.getOrDefault(position, Map.of()).getOrDefault(v, 0L),
						engaged.getOrDefault(v, 0L)));
			}
			var outcome = AbTest.decide(arms, step.minSample() == null ? 100 : step.minSample());
			if (outcome.isEmpty() || outcome.get().winner() == null) {
				continue;
			}
			Campaign.Winner winner = new Campaign.Winner(outcome.get().winner(), step.winnerMetric(), outcome.get().z(),
					outcome.get().pValue(),
					arms.stream()
						.map(arm -> new Campaign.VariantResult(arm.variant(), arm.sent(), arm.engaged(), arm.rate()))
						.toList(),
					now);
			try {
				jdbc.sql("""
						UPDATE campaign_steps SET winner = ?, decision = ?::jsonb
						WHERE campaign_id = ? AND position = ? AND winner IS NULL""")
					.params(winner.variant(), json.writeValueAsString(winner), campaignId, position)
					.update();
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	/**
	 * Free mail providers: a reply from one of their users says nothing of the others.
	 */
	private static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "ymail.com",
			"hotmail.com", "outlook.com", "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "gmx.com", "gmx.de",
			"gmx.net", "web.de", "mail.ru", "yandex.ru", "yandex.com", "proton.me", "protonmail.com", "zoho.com",
			"fastmail.com", "hey.com", "qq.com", "163.com");

	/**
	 * What tracking and inbound report about one enrolment: {@code replied},
	 * {@code auto_replied} (an out-of-office; stops only when the campaign says so),
	 * {@code clicked}, {@code unsubscribed}, {@code complained} or {@code bounced}. The
	 * enrolment stops when its campaign stops on that event (a reply, by default); on a
	 * reply with "stop the whole company" on, every other active enrolment of the
	 * campaign at the same company domain stops too (free mail providers excepted).
	 * Returns how many enrolments stopped.
	 */
	public int stopOn(UUID workspaceId, UUID enrolmentId, String event) {
		var row = jdbc.sql("""
				SELECT e.campaign_id, c.email, k.stop_on_reply, k.stop_on_click, k.stop_on_unsubscribe,
				    k.stop_on_complaint, k.stop_on_bounce, k.stop_company_on_reply, k.stop_on_auto_reply
				FROM enrolments e JOIN contacts c ON c.id = e.contact_id JOIN campaigns k ON k.id = e.campaign_id
				WHERE e.workspace_id = ? AND e.id = ?""")
			.params(workspaceId, enrolmentId)
			.query((rs,
					i) -> new Object[] { rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3),
							rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8),
							rs.getBoolean(9) })
			.optional();
		if (row.isEmpty()) {
			return 0;
		}
		Object[] found = row.get();
		boolean stops = switch (event) {
			case "replied" -> (Boolean) found[2];
			case "clicked" -> (Boolean) found[3];
			case "unsubscribed" -> (Boolean) found[4];
			case "complained" -> (Boolean) found[5];
			case "bounced" -> (Boolean) found[6];
			case "auto_replied" -> (Boolean) found[8];
			default -> throw new IllegalArgumentException("Unknown event " + event);
		};
		int stopped = stops && stop(workspaceId, enrolmentId, event) ? 1 : 0;
		String email = (String) found[1];
		String domain = email.substring(email.indexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
		if (event.equals("replied") && (Boolean) found[7] && !FREE_MAIL.contains(domain)) {
			stopped += jdbc.sql("""
					UPDATE enrolments e SET state = 'stopped', stop_reason = 'a colleague replied', updated_at = ?
					FROM contacts c
					WHERE c.id = e.contact_id AND e.workspace_id = ? AND e.campaign_id = ? AND e.state = 'active'
					    AND e.id <> ? AND lower(split_part(c.email, '@', 2)) = ?""")
				.params(Timestamp.from(clock.instant()), workspaceId, found[0], enrolmentId, domain)
				.update();
		}
		return stopped;
	}

	/** Stops one enrolment (a reply, a bounce, an unsubscribe...), keeping the reason. */
	public boolean stop(UUID workspaceId, UUID enrolmentId, String reason) {
		return jdbc.sql("""
				UPDATE enrolments SET state = 'stopped', stop_reason = ?, updated_at = ?
				WHERE workspace_id = ? AND id = ? AND state = 'active'""")
			.params(reason, Timestamp.from(clock.instant()), workspaceId, enrolmentId)
			.update() == 1;
	}

	private List<String> launchProblems(Tenant tenant, Campaign campaign) {
		// Reads on the campaign's behalf: the caller may use campaigns without the
		// mailboxes or contacts scopes; the workspace stays the caller's.
		Tenant inside = Tenant.system(tenant.workspaceId());
		List<String> reasons = new ArrayList<>();
		Map<String, Object> sender = Map.of();
		if (campaign.steps().isEmpty()) {
			reasons.add("it has no steps");
		}
		if (campaign.mailboxIds().isEmpty()) {
			reasons.add("it has no mailboxes");
		}
		for (UUID mailboxId : campaign.mailboxIds()) {
			Mailbox mailbox;
			try {
				mailbox = mailboxes.get(inside, mailboxId);
			}
			catch (NotFoundProblem ex) {
				reasons.add("a mailbox of the campaign was deleted");
				continue;
			}
			if (sender.isEmpty()) {
				sender = sender(mailbox);
			}
			if (mailbox.status() == MailboxStatus.ERROR) {
				reasons.add("mailbox " + mailbox.email() + " is in error ("
						+ (mailbox.lastError() == null ? "test it again" : mailbox.lastError()) + ")");
			}
			else if (mailbox.status() == MailboxStatus.PAUSED) {
				reasons.add("mailbox " + mailbox.email() + " is paused");
			}
			if (mailboxes.catchesAll(mailbox)) {
				// The sandbox catches its mail: nothing leaves, no DNS authentication
				// needed.
				continue;
			}
			var domain = mailboxes.domainOf(inside, mailbox);
			String domainName = mailbox.email().substring(mailbox.email().indexOf('@') + 1);
			if (domain.isEmpty()) {
				reasons.add("the domain " + domainName + " of " + mailbox.email()
						+ " is not a domain of this workspace (add and verify it)");
			}
			else if (domain.get().status() != DomainStatus.VERIFIED) {
				reasons.add("the domain " + domainName + " is not verified (" + domain.get().status().value() + ")");
			}
		}
		List<UUID> sample = jdbc.sql("""
				SELECT contact_id FROM enrolments WHERE workspace_id = ? AND campaign_id = ? AND state = 'active'
				ORDER BY created_at LIMIT 200""").params(tenant.workspaceId(), campaign.id()).query(UUID.class).list();
		if (sample.isEmpty()) {
			reasons.add("no recipients: add contacts, a list or a segment");
		}
		Map<String, List<String>> missing = new LinkedHashMap<>();
		Map<UUID, Contact> recipients = contacts.byIds(inside, sample);
		for (Contact contact : recipients.values()) {
			for (int s = 0; s < campaign.steps().size(); s++) {
				List<Variant> variants = campaign.steps().get(s).variants();
				for (int v = 0; v < variants.size(); v++) {
					Rendered rendered = render(variants.get(v), contact, sender, "UTC", null);
					for (String variable : rendered.missing()) {
						missing
							.computeIfAbsent(
									"step " + (s + 1) + (variants.size() > 1 ? " variant " + (char) ('A' + v) : "")
											+ ": no value for " + variable,
									key -> new ArrayList<>())
							.add(contact.email());
					}
				}
			}
		}
		missing.forEach((problem, emails) -> reasons.add(problem + " for " + emails.size() + " recipient"
				+ (emails.size() == 1 ? "" : "s") + " (e.g. " + emails.get(0) + "; give it a default)"));
		return reasons;
	}

	/** A mailbox as the template's {@code sender}: name, first_name, last_name, email. */
	static Map<String, Object> sender(Mailbox mailbox) {
		return Templates.sender(mailbox);
	}

	/** Renders one variant for one contact, with the sender's fields. */
	Rendered render(Variant variant, Contact contact, Map<String, Object> sender, String timeZone,
			String unsubscribeUrl) {
		Map<String, Object> fields = new LinkedHashMap<>(contact.mergeFields());
		fields.put("sender", sender);
		// {{ unsubscribe_url }}: the message's own signed link; without one (launch
		// checks) templates put their preview placeholder.
		if (unsubscribeUrl != null) {
			fields.put("unsubscribe_url", unsubscribeUrl);
		}
		EmailTemplate template = new EmailTemplate(null, "", 0, variant.subject(), variant.html(), variant.text(),
				null);
		return templates.render(template, fields, timeZone);
	}

	private void setStatus(UUID workspaceId, UUID id, String status) {
		jdbc.sql("UPDATE campaigns SET status = ? WHERE workspace_id = ? AND id = ?")
			.params(status, workspaceId, id)
			.update();
	}

	private static String name(String name) {
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > 200) {
			throw new InvalidInputProblem("invalid-name", "Give the campaign a name of 1 to 200 characters.");
		}
		return trimmed;
	}

	private static Schedule checked(Schedule schedule) {
		try {
			ZoneId.of(schedule.timeZone() == null ? "" : schedule.timeZone());
		}
		catch (DateTimeException ex) {
			throw new InvalidInputProblem("invalid-time-zone",
					"Unknown time zone: " + schedule.timeZone() + " (use an IANA name such as Europe/Paris).");
		}
		List<Integer> days = schedule.days() == null ? List.of() : schedule.days();
		if (days.isEmpty() || days.stream().anyMatch(d -> d == null || d < 1 || d > 7)) {
			throw new InvalidInputProblem("invalid-days",
					"Sending days are 1 (Monday) to 7 (Sunday), at least one of them.");
		}
		LocalTime start = schedule.windowStart() == null ? LocalTime.of(9, 0) : schedule.windowStart();
		LocalTime end = schedule.windowEnd() == null ? LocalTime.of(17, 0) : schedule.windowEnd();
		if (!start.isBefore(end)) {
			throw new InvalidInputProblem("invalid-window", "The sending window must start before it ends.");
		}
		if (schedule.dailyLimit() != null && schedule.dailyLimit() < 1) {
			throw new InvalidInputProblem("invalid-daily-limit", "The daily limit is at least 1 (or none).");
		}
		int pace = schedule.domainPacePerHour() <= 0 ? 20 : schedule.domainPacePerHour();
		return new Schedule(schedule.timeZone(), schedule.contactTimeZone(), List.copyOf(new LinkedHashSet<>(days)),
				start, end, schedule.startAt(), schedule.dailyLimit(), pace);
	}

	private void writeSchedule(UUID workspaceId, UUID id, Schedule schedule, Stops stops) {
		jdbc.sql("""
				UPDATE campaigns SET time_zone = ?, contact_time_zone = ?, send_days = ?, window_start = ?,
				    window_end = ?, start_at = ?, daily_limit = ?, domain_pace_per_hour = ?, stop_on_reply = ?,
				    stop_on_click = ?, stop_on_bounce = ?, stop_on_unsubscribe = ?, stop_on_complaint = ?,
				    stop_company_on_reply = ?, stop_on_auto_reply = ?
				WHERE workspace_id = ? AND id = ?""")
			.params(schedule.timeZone(), schedule.contactTimeZone(),
					schedule.days().stream().map(Integer::shortValue).toArray(Short[]::new),
					java.sql.Time.valueOf(schedule.windowStart()), java.sql.Time.valueOf(schedule.windowEnd()),
					schedule.startAt() == null ? null : Timestamp.from(schedule.startAt()), schedule.dailyLimit(),
					schedule.domainPacePerHour(), stops.onReply(), stops.onClick(), stops.onBounce(),
					stops.onUnsubscribe(), stops.onComplaint(), stops.companyOnReply(), stops.onAutoReply(),
					workspaceId, id)
			.update();
	}

	private boolean segmentExists(Tenant workspace, UUID segmentId) {
		try {
			segments.segment(workspace, segmentId);
			return true;
		}
		catch (NotFoundProblem ex) {
			return false;
		}
	}

	private void writeMailboxes(Tenant tenant, UUID id, List<UUID> mailboxIds) {
		if (mailboxIds.stream().anyMatch(java.util.Objects::isNull)) {
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
		jdbc.sql("DELETE FROM campaign_mailboxes WHERE workspace_id = ? AND campaign_id = ?")
			.params(tenant.workspaceId(), id)
			.update();
		for (UUID mailboxId : new LinkedHashSet<>(mailboxIds)) {
			jdbc.sql("INSERT INTO campaign_mailboxes (campaign_id, mailbox_id, workspace_id) VALUES (?, ?, ?)")
				.params(id, mailboxId, tenant.workspaceId())
				.update();
		}
	}

	private void writeSteps(UUID workspaceId, UUID id, List<Step> steps) {
		if (steps.size() > MAX_STEPS) {
			throw new InvalidInputProblem("invalid-steps", "A sequence has at most " + MAX_STEPS + " steps.");
		}
		for (int i = 0; i < steps.size(); i++) {
			Step step = steps.get(i);
			String where = "Step " + (i + 1) + ": ";
			if (step == null || step.variants() == null || step.variants().isEmpty() || step.variants().size() > 5) {
				throw new InvalidInputProblem("invalid-step", where + "give 1 to 5 variants.");
			}
			if (step.delayMinutes() < 0 || step.delayMinutes() > 365 * 24 * 60) {
				throw new InvalidInputProblem("invalid-step", where + "the delay is 0 minutes to a year.");
			}
			for (Variant variant : step.variants()) {
				if (variant == null) {
					throw new InvalidInputProblem("invalid-step", where + "a variant is null.");
				}
				boolean followUp = i > 0 && !step.newThread();
				if (!followUp && (variant.subject() == null || variant.subject().isBlank())) {
					throw new InvalidInputProblem("invalid-step", where + "every variant needs a subject.");
				}
				if (variant.html() == null || variant.html().isBlank()) {
					throw new InvalidInputProblem("invalid-step", where + "every variant needs a body.");
				}
				if (variant.subject() != null && variant.subject().chars().anyMatch(c -> c == '\r' || c == '\n')) {
					throw new InvalidInputProblem("invalid-step", where + "a subject is one line.");
				}
			}
			if (step.winnerMetric() != null && !List.of("opens", "clicks", "replies").contains(step.winnerMetric())) {
				throw new InvalidInputProblem("invalid-step",
						where + "the winner is chosen by opens, clicks or replies.");
			}
			if (step.minSample() != null && (step.minSample() < 10 || step.minSample() > 100_000)) {
				throw new InvalidInputProblem("invalid-step",
						where + "the minimum sample is 10 to 100,000 per variant.");
			}
		}
		jdbc.sql("DELETE FROM campaign_steps WHERE workspace_id = ? AND campaign_id = ?")
			.params(workspaceId, id)
			.update();
		for (int i = 0; i < steps.size(); i++) {
			Step step = steps.get(i);
			try {
				jdbc.sql(
						"""
								INSERT INTO campaign_steps (campaign_id, workspace_id, position, delay_minutes, new_thread, variants,
								    winner_metric, min_sample)
								VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")
					.params(id, workspaceId, i, step.delayMinutes(), i == 0 || step.newThread(),
							json.writeValueAsString(step.variants()),
							step.variants().size() > 1 ? step.winnerMetric() : null,
							step.minSample() == null ? 100 : step.minSample())
					.update();
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	private List<UUID> mailboxIds(UUID id) {
		return jdbc.sql("SELECT mailbox_id FROM campaign_mailboxes WHERE campaign_id = ? ORDER BY mailbox_id")
			.param(id)
			.query(UUID.class)
			.list();
	}

	List<Step> steps(UUID id) {
		return jdbc.sql("""
				SELECT delay_minutes, new_thread, variants::text, winner_metric, min_sample, decision::text
				FROM campaign_steps WHERE campaign_id = ? ORDER BY position""").param(id).query((rs, i) -> {
			try {
				String decision = rs.getString(6);
				return new Step(rs.getInt(1), rs.getBoolean(2),
						json.readValue(rs.getString(3), new TypeReference<List<Variant>>() {
						}), rs.getString(4), rs.getInt(5),
						decision == null ? null : json.readValue(decision, Campaign.Winner.class));
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException(ex);
			}
		}).list();
	}

	private static Campaign map(ResultSet rs, List<UUID> mailboxIds, List<Step> steps) throws SQLException {
		Array days = rs.getArray("send_days");
		List<Integer> dayList = new ArrayList<>();
		for (Object day : (Object[]) days.getArray()) {
			dayList.add(((Number) day).intValue());
		}
		Timestamp startAt = rs.getTimestamp("start_at");
		Timestamp launchedAt = rs.getTimestamp("launched_at");
		Integer dailyLimit = (Integer) rs.getObject("daily_limit");
		Schedule schedule = new Schedule(rs.getString("time_zone"), rs.getBoolean("contact_time_zone"), dayList,
				rs.getTime("window_start").toLocalTime(), rs.getTime("window_end").toLocalTime(),
				startAt == null ? null : startAt.toInstant(), dailyLimit, rs.getInt("domain_pace_per_hour"));
		Stops stops = new Stops(rs.getBoolean("stop_on_reply"), rs.getBoolean("stop_on_click"),
				rs.getBoolean("stop_on_bounce"), rs.getBoolean("stop_on_unsubscribe"),
				rs.getBoolean("stop_on_complaint"), rs.getBoolean("stop_company_on_reply"),
				rs.getBoolean("stop_on_auto_reply"));
		return new Campaign(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("status"), schedule,
				stops,
				new Campaign.Tracking(rs.getBoolean("track_opens"), rs.getBoolean("track_clicks"),
						rs.getBoolean("plain_text")),
				mailboxIds, steps, rs.getTimestamp("created_at").toInstant(),
				launchedAt == null ? null : launchedAt.toInstant());
	}

}
