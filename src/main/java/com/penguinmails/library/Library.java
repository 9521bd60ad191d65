package com.penguinmails.library;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.CampaignStatus;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Sequences;
import com.penguinmails.campaigns.StepFormat;
import com.penguinmails.library.internal.CampaignSteps;
import com.penguinmails.library.internal.EntryRules;
import com.penguinmails.library.internal.LibraryRepository;
import com.penguinmails.library.internal.ShippedEntries;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.templates.EmailTemplate;
import com.penguinmails.templates.Rendered;
import com.penguinmails.templates.Templates;
import com.penguinmails.templates.TextHtml;

/**
 * The library of templates and sequences: the shipped entries and the workspace's own
 * ("Yours"), searched together; an entry becomes a draft campaign or a workspace template
 * in one call. Reading needs the viewer role ({@code library:read}); saving and deleting
 * own entries the member role ({@code library:write}); using an entry also needs what the
 * campaign or template it makes needs.
 */
@Service
public class Library {

	/**
	 * A search; null or blank fields do not filter. Values as the API and the page take
	 * them (strings), checked by {@link Library#search}.
	 *
	 * @param q words in the name, description, tags or a subject (case-insensitive)
	 * @param kind {@code template} or {@code sequence}
	 * @param category a {@link LibraryCategory} value, e.g. {@code cold-outreach}
	 * @param tag one tag, exactly (case-insensitive)
	 * @param language a language tag, e.g. {@code en}
	 */
	public record Query(String q, String kind, String category, String tag, String language) {

		public static Query all() {
			return new Query(null, null, null, null, null);
		}

	}

	/** What a workspace template needs to become a library entry; null fields default. */
	public record Details(String slug, LibraryCategory category, List<String> tags, String description) {
	}

	/** The contact every preview of the library is rendered for. */
	public static final Map<String, Object> SAMPLE_CONTACT = Map.of("first_name", "Ada", "last_name", "Lovelace",
			"company", "Analytical Engines", "title", "Head of Operations", "email", "ada@example.com", "website",
			"example.com", "sender",
			Map.of("first_name", "Sam", "last_name", "Jones", "name", "Sam Jones", "email", "sam@example.com"));

	private final ShippedEntries shipped;

	private final LibraryRepository repository;

	private final Campaigns campaigns;

	private final Sequences sequences;

	private final Templates templates;

	private final Clock clock;

	Library(ShippedEntries shipped, LibraryRepository repository, Campaigns campaigns, Sequences sequences,
			Templates templates, Clock clock) {
		this.sequences = sequences;
		this.shipped = shipped;
		this.repository = repository;
		this.campaigns = campaigns;
		this.templates = templates;
		this.clock = clock;
	}

	/**
	 * The entries matching {@code query}, shipped and own together, sorted by name.
	 * @throws InvalidInputProblem {@code invalid-filter} for an unknown kind, category or
	 * a malformed language
	 */
	public List<LibraryEntry> search(Tenant tenant, Query query) {
		tenant.require(WorkspaceRole.VIEWER, "library:read");
		LibraryKind kind = filter(query.kind(), LibraryKind::of, "kind", "template or sequence");
		LibraryCategory category = filter(query.category(), LibraryCategory::of, "category",
				"one of " + java.util.Arrays.stream(LibraryCategory.values())
					.map(LibraryCategory::value)
					.collect(Collectors.joining(", ")));
		String language = blank(query.language()) ? null : query.language().strip();
		if (language != null && !language.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
			throw new InvalidInputProblem("invalid-filter", "The language is a language tag such as en.");
		}
		String q = blank(query.q()) ? null : query.q().strip().toLowerCase(Locale.ROOT);
		String tag = blank(query.tag()) ? null : query.tag().strip().toLowerCase(Locale.ROOT);
		return all(tenant).stream()
			.filter(e -> kind == null || e.kind() == kind)
			.filter(e -> category == null || e.category() == category)
			.filter(e -> language == null || e.language().equalsIgnoreCase(language))
			.filter(e -> tag == null || e.tags().contains(tag))
			.filter(e -> q == null || e.matches(q))
			.toList();
	}

	/** The categories that have at least one entry for the workspace, in their order. */
	public Set<LibraryCategory> categoriesInUse(Tenant tenant) {
		return all(tenant).stream()
			.map(LibraryEntry::category)
			.collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(LibraryCategory.class)));
	}

	/** The languages of the workspace's entries, sorted. */
	public List<String> languages(Tenant tenant) {
		return all(tenant).stream().map(LibraryEntry::language).distinct().sorted().toList();
	}

	/**
	 * One entry: the workspace's own when it has one of that kind and slug, else the
	 * shipped one. @throws NotFoundProblem when neither exists
	 */
	public LibraryEntry get(Tenant tenant, LibraryKind kind, String slug) {
		tenant.require(WorkspaceRole.VIEWER, "library:read");
		return repository.find(tenant.workspaceId(), kind, slug)
			.or(() -> shipped.all().stream().filter(e -> e.kind() == kind && e.slug().equals(slug)).findFirst())
			.orElseThrow(() -> new NotFoundProblem("Library " + kind.value()));
	}

	/**
	 * Each step rendered with the product's renderer (Liquid, spintax) for
	 * {@link #SAMPLE_CONTACT}, in UTC; {@link Rendered#missing()} lists variables without
	 * value or default.
	 */
	public List<Rendered> preview(LibraryEntry entry) {
		List<Rendered> rendered = new ArrayList<>();
		for (LibraryStep step : entry.steps()) {
			EmailTemplate asTemplate = new EmailTemplate(null, entry.name(), 1, step.subject(),
					step.writtenInHtml() ? step.html() : TextHtml.of(step.text()), step.text(), null);
			rendered.add(templates.render(asTemplate, SAMPLE_CONTACT, "UTC"));
		}
		return rendered;
	}

	/**
	 * "Use in a campaign": a new draft campaign named after the entry, with its steps
	 * (delays and formats as written).
	 * @return the campaign's id
	 */
	@Transactional
	public UUID use(Tenant tenant, LibraryKind kind, String slug) {
		return use(tenant, kind, slug, null);
	}

	/**
	 * "Use in a campaign": the entry's steps appended to the end of campaign
	 * {@code campaignId}'s sequence, or a new draft campaign named after the entry when
	 * {@code campaignId} is null.
	 * @return the campaign's id
	 * @throws NotFoundProblem for an unknown entry or a campaign of another workspace
	 * @throws com.penguinmails.shared.InvalidInputProblem 409 when the campaign has ended
	 */
	@Transactional
	public UUID use(Tenant tenant, LibraryKind kind, String slug, UUID campaignId) {
		LibraryEntry entry = get(tenant, kind, slug);
		List<Campaign.Step> steps = entry.steps().stream().map(CampaignSteps::step).toList();
		if (campaignId == null) {
			return campaigns
				.create(tenant, new Campaigns.Draft(entry.name(), null, null, null, steps, CampaignSteps.tracking()))
				.id();
		}
		boolean first = campaigns.get(tenant, campaignId).steps().isEmpty();
		for (Campaign.Step step : steps) {
			// A step sent with no delay after an earlier one would arrive with it: a
			// follow-up waits the blank step's 2 days unless the entry says otherwise.
			sequences.add(tenant, campaignId, first || step.delayMinutes() > 0 ? step : CampaignSteps.delayed(step),
					null);
			first = false;
		}
		return campaignId;
	}

	/**
	 * The campaigns an entry's steps can be added to: those not completed or archived,
	 * newest first as {@link Campaigns#list(Tenant)} gives them.
	 */
	public List<Campaign> campaignsToAddTo(Tenant tenant) {
		return campaigns.list(tenant)
			.stream()
			.filter(c -> c.status() != CampaignStatus.COMPLETED && c.status() != CampaignStatus.ARCHIVED)
			.toList();
	}

	/**
	 * "Copy to my templates": a workspace template from a library template, named after
	 * it ("Name (2)" and so on when the name is taken).
	 * @return the new template
	 */
	@Transactional
	public EmailTemplate copyToTemplates(Tenant tenant, String slug) {
		LibraryEntry entry = get(tenant, LibraryKind.TEMPLATE, slug);
		LibraryStep step = entry.steps().get(0);
		Set<String> taken = templates.list(tenant)
			.stream()
			.map(t -> t.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		String name = entry.name();
		for (int n = 2; taken.contains(name.toLowerCase(Locale.ROOT)); n++) {
			name = entry.name() + " (" + n + ")";
		}
		String html = step.writtenInHtml() ? step.html() : TextHtml.of(step.text());
		return templates.create(tenant, new Templates.Draft(name, step.subject(), html, step.text()));
	}

	/**
	 * Saves an own entry ({@code own} is ignored).
	 * @throws InvalidInputProblem 400 for a broken rule ({@link EntryRules}), 409
	 * {@code library-entry-exists} when the workspace has an entry of that kind and slug
	 * or the slug is a shipped entry's
	 */
	@Transactional
	public LibraryEntry save(Tenant tenant, LibraryEntry entry) {
		tenant.require(WorkspaceRole.MEMBER, "library:write");
		LibraryEntry checked = EntryRules.check(new LibraryEntry(entry.kind(), entry.slug(), entry.name(),
				entry.category(), entry.tags(), entry.language(), entry.description(), true, entry.steps()));
		boolean shippedSlug = shipped.all()
			.stream()
			.anyMatch(e -> e.kind() == checked.kind() && e.slug().equals(checked.slug()));
		try {
			if (shippedSlug) {
				throw new DuplicateKeyException(checked.slug());
			}
			repository.insert(tenant.workspaceId(), checked, tenant.userId(), clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "library-entry-exists", "The library has a "
					+ checked.kind().value() + " with the slug " + checked.slug() + ". Choose another slug.");
		}
		return checked;
	}

	/**
	 * "Save to library": the latest version of a workspace template as an own library
	 * template (HTML, with its text part).
	 */
	@Transactional
	public LibraryEntry saveTemplate(Tenant tenant, UUID templateId, Details details) {
		EmailTemplate template = templates.get(tenant, templateId);
		String slug = blank(details.slug()) ? slug(template.name()) : details.slug();
		LibraryStep step = new LibraryStep(LibraryStep.Delay.NONE, true, template.subject(),
				template.text() == null ? "" : template.text(), template.html(), StepFormat.HTML);
		return save(tenant,
				new LibraryEntry(LibraryKind.TEMPLATE, slug, template.name(),
						details.category() == null ? LibraryCategory.COLD_OUTREACH : details.category(), details.tags(),
						"en", details.description(), true, List.of(step)));
	}

	/** Deletes an own entry. @throws NotFoundProblem when the workspace has none */
	@Transactional
	public void delete(Tenant tenant, LibraryKind kind, String slug) {
		tenant.require(WorkspaceRole.MEMBER, "library:write");
		if (!repository.delete(tenant.workspaceId(), kind, slug)) {
			throw new NotFoundProblem("Your library " + kind.value());
		}
	}

	/** A slug from a name: lower-case words of letters and digits joined by hyphens. */
	static String slug(String name) {
		String slug = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("^-|-$", "");
		slug = slug.length() > 80 ? slug.substring(0, 80).replaceAll("-$", "") : slug;
		return slug.isEmpty() ? "template" : slug;
	}

	private List<LibraryEntry> all(Tenant tenant) {
		List<LibraryEntry> own = repository.list(tenant.workspaceId());
		List<LibraryEntry> all = new ArrayList<>(own);
		all.addAll(shipped.all());
		all.sort(Comparator.comparing((LibraryEntry e) -> e.name().toLowerCase(Locale.ROOT))
			.thenComparing(e -> e.own() ? 0 : 1));
		return all;
	}

	private static <T> T filter(String value, java.util.function.Function<String, T> parse, String what,
			String allowed) {
		if (blank(value)) {
			return null;
		}
		try {
			return parse.apply(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-filter",
					"Unknown " + what + " '" + value + "': use " + allowed + ".");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
