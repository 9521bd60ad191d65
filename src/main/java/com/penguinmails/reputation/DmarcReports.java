package com.penguinmails.reputation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.RecordCheck;
import com.penguinmails.inbound.DmarcReportMail;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.reputation.internal.dmarc.AggregateReports;
import com.penguinmails.reputation.internal.dmarc.DmarcAnalysis;
import com.penguinmails.reputation.internal.dmarc.DmarcIngest;
import com.penguinmails.reputation.internal.dmarc.DmarcRecordText;
import com.penguinmails.reputation.internal.dmarc.DmarcStore;
import com.penguinmails.reputation.internal.dmarc.OurSources;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * DMARC aggregate reports (RFC 7489 Appendix C, RFC 9990) of a workspace: upload, the
 * file log, the domains reported on, one domain's view, and where reports arrive by mail.
 * Viewers read ({@code reputation:read}); members upload and set the reports mailbox
 * ({@code reputation:write}).
 */
@Service
public class DmarcReports {

	/** Files in one upload, at most. */
	public static final int MAX_FILES = 500;

	/** Entries of one page of the file log on the page, and by default in the API. */
	public static final int PAGE_SIZE = 20;

	/** Entries of one page of the file log in the API, at most. */
	public static final int MAX_PAGE_SIZE = 200;

	private final DmarcStore store;

	private final DmarcIngest ingest;

	private final OurSources ours;

	private final Domains domains;

	private final Mailboxes mailboxes;

	private final DmarcReportMail mail;

	private final Clock clock;

	DmarcReports(DmarcStore store, DmarcIngest ingest, OurSources ours, Domains domains, Mailboxes mailboxes,
			DmarcReportMail mail, Clock clock) {
		this.store = store;
		this.ingest = ingest;
		this.ours = ours;
		this.domains = domains;
		this.mailboxes = mailboxes;
		this.mail = mail;
		this.clock = clock;
	}

	/** An uploaded file: its name and bytes (XML, gzip or zip). */
	public record UploadedFile(String name, byte[] bytes) {
	}

	/**
	 * What an upload did: reports stored, duplicates (counted once) and malformed files
	 * (logged with the reason).
	 */
	public record Upload(int stored, int duplicates, int malformed) {
	}

	/**
	 * Reads and stores the files; a malformed one is logged and the others still read.
	 * @throws InvalidInputProblem without files, or with more than {@value #MAX_FILES}
	 */
	public Upload upload(Tenant tenant, List<UploadedFile> files) {
		tenant.require(WorkspaceRole.MEMBER, "reputation:write");
		List<UploadedFile> given = files == null ? List.of()
				: files.stream().filter(f -> f != null && f.bytes() != null && f.bytes().length > 0).toList();
		if (given.isEmpty()) {
			throw new InvalidInputProblem("no-files", "Choose one or more DMARC report files (.xml, .xml.gz, .zip).");
		}
		if (given.size() > MAX_FILES) {
			throw new InvalidInputProblem("too-many-files", "Upload at most " + MAX_FILES + " files at a time.");
		}
		int stored = 0;
		int duplicates = 0;
		int malformed = 0;
		for (UploadedFile file : given) {
			String name = file.name() == null || file.name().isBlank() ? "upload" : file.name().strip();
			DmarcIngest.Outcome outcome = ingest.ingest(tenant.workspaceId(), DmarcFileEntry.Origin.UPLOAD, null,
					file.bytes(), AggregateReports.read(name, file.bytes()));
			stored += outcome.stored();
			duplicates += outcome.duplicates();
			malformed += outcome.malformed();
		}
		return new Upload(stored, duplicates, malformed);
	}

	/**
	 * A page of the file log, newest first; pass {@code nextCursor} back as
	 * {@code cursor} for older entries.
	 * @param limit entries, 1 to {@value #MAX_PAGE_SIZE}
	 * @throws InvalidInputProblem for a malformed cursor or a limit out of range
	 */
	public CursorPage<DmarcFileEntry> files(Tenant tenant, String cursor, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		int size = CursorPage.limit(limit, MAX_PAGE_SIZE);
		List<DmarcFileEntry> rows = store.files(tenant.workspaceId(), CursorPage.Position.parse(cursor), size + 1);
		return CursorPage.of(rows, size, entry -> new CursorPage.Position(entry.receivedAt(), entry.id()));
	}

	/** How many entries the file log has. */
	public long fileCount(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		return store.fileCount(tenant.workspaceId());
	}

	/**
	 * A domain reported on, or one of the workspace's sending domains without reports.
	 *
	 * @param domainId the workspace's domain of that name, or {@code null} when the
	 * reports are about a domain the workspace does not have
	 * @param messages messages reported in the last 30 days
	 * @param passRate their DMARC pass rate, 0–1, or {@code null} without messages
	 * @param policy the latest report's {@code p=}, or {@code null} without reports
	 * @param lastDay the last day with reports, or {@code null}
	 */
	public record DomainSummary(String domain, UUID domainId, long reports, long messages, Double passRate,
			String policy, LocalDate lastDay) {
	}

	/**
	 * Every sending domain of the workspace, and every other domain reports are about.
	 */
	public List<DomainSummary> domains(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		LocalDate from = today().minusDays(DmarcAnalysis.WINDOW_DAYS - 1);
		Map<String, UUID> ids = new HashMap<>();
		for (Domain domain : domains.list(Tenant.system(tenant.workspaceId()))) {
			ids.put(domain.name().toLowerCase(Locale.ROOT), domain.id());
		}
		List<DomainSummary> summaries = new ArrayList<>();
		Set<String> reported = new HashSet<>();
		for (DmarcStore.DomainTotals totals : store.domains(tenant.workspaceId(), from)) {
			reported.add(totals.domain());
			summaries.add(new DomainSummary(totals.domain(), ids.get(totals.domain()), totals.reports(),
					totals.messages(), totals.messages() == 0 ? null : (double) totals.passed() / totals.messages(),
					totals.policy(), totals.lastDay()));
		}
		ids.forEach((name, id) -> {
			if (!reported.contains(name)) {
				summaries.add(new DomainSummary(name, id, 0, 0, null, null, null));
			}
		});
		summaries.sort(java.util.Comparator.comparing(DomainSummary::domain));
		return summaries;
	}

	/**
	 * What the reports say about one of the workspace's sending domains.
	 * @throws NotFoundProblem when the workspace has no such domain
	 */
	public DmarcDomainView domain(Tenant tenant, UUID domainId) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		Domain domain = domains.get(Tenant.system(tenant.workspaceId()), domainId);
		String name = domain.name().toLowerCase(Locale.ROOT);
		LocalDate today = today();
		List<DmarcStore.Source> rows = store.sources(tenant.workspaceId(), name, today.minusDays(89));
		Map<String, String> names = new HashMap<>();
		store.names(rows.stream().map(DmarcStore.Source::ip).distinct().toList())
			.forEach((ip, found) -> found.ifPresent(n -> names.put(ip, n)));
		Map<LocalDate, Set<String>> policyDays = new HashMap<>();
		for (Object[] day : store.policyDays(tenant.workspaceId(), name,
				today.minusDays(DmarcAnalysis.WINDOW_DAYS - 1))) {
			policyDays.computeIfAbsent((LocalDate) day[0], d -> new HashSet<>()).add((String) day[1]);
		}
		String policy = store.domains(tenant.workspaceId(), today)
			.stream()
			.filter(t -> t.domain().equals(name))
			.map(DmarcStore.DomainTotals::policy)
			.findFirst()
			.orElse(null);
		DmarcDomainView view = DmarcAnalysis.analyse(domainId, name, rows,
				ours.of(tenant.workspaceId(), domain.spfMechanisms()), names, policyDays, policy, today);
		return view.withRecord(record(tenant, domain, view.recommendation()));
	}

	/**
	 * The domain's DMARC record as the last DNS check saw it, and the record to publish
	 * for the recommended step (the published one, else the one suggested, else a minimal
	 * one with the reports mailbox as rua, at the next policy).
	 */
	private DmarcDomainView.PolicyRecord record(Tenant tenant, Domain domain,
			DmarcDomainView.Recommendation recommendation) {
		RecordCheck check = dmarcCheck(tenant, domain.id());
		String host = check == null ? "_dmarc." + domain.name() : check.host();
		String published = check == null ? null : DmarcRecordText.find(check.observed());
		String base = published != null ? published : (check == null ? null : check.expected());
		if (base == null || base.isBlank()) {
			List<Place> places = places(tenant);
			base = "v=DMARC1; p=none" + (places.isEmpty() ? "" : "; rua=mailto:" + places.get(0).email());
		}
		String toPublish = recommendation.next() == null ? null
				: DmarcRecordText.withPolicy(base, recommendation.next());
		return new DmarcDomainView.PolicyRecord(host, published, toPublish);
	}

	private RecordCheck dmarcCheck(Tenant tenant, UUID domainId) {
		return domains.lastResults(Tenant.system(tenant.workspaceId()), domainId)
			.stream()
			.filter(r -> "dmarc".equals(r.purpose()))
			.findFirst()
			.orElse(null);
	}

	/**
	 * Where a sending domain's DMARC record sends aggregate reports.
	 *
	 * @param rua the {@code rua=mailto:} addresses of the record the last DNS check found
	 * (lower case), empty when none was found
	 * @param checked whether the last DNS check found a DMARC record at all
	 * @param readHere whether one of them is a mailbox reports are read from
	 */
	public record ReportAddress(UUID domainId, String domain, List<String> rua, boolean checked, boolean readHere) {
	}

	/**
	 * Each sending domain's published report addresses (RFC 7489 §6.2 {@code rua=}), from
	 * the domain's last DNS check, and whether reports read here arrive from it.
	 */
	public List<ReportAddress> reportAddresses(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		Set<String> read = new HashSet<>();
		places(tenant).forEach(p -> read.add(p.email().toLowerCase(Locale.ROOT)));
		List<ReportAddress> addresses = new ArrayList<>();
		for (Domain domain : domains.list(Tenant.system(tenant.workspaceId()))) {
			RecordCheck check = dmarcCheck(tenant, domain.id());
			String published = check == null ? null : DmarcRecordText.find(check.observed());
			List<String> rua = DmarcRecordText.ruaAddresses(published);
			addresses.add(new ReportAddress(domain.id(), domain.name(), rua, published != null,
					rua.stream().anyMatch(read::contains)));
		}
		return addresses;
	}

	/**
	 * A place reports arrive: a mailbox of the workspace and the folder read.
	 *
	 * @param folder {@code INBOX} when the whole mailbox is the reports mailbox
	 */
	public record Place(UUID mailboxId, String email, String folder) {
	}

	/** Where the workspace's reports arrive. */
	public List<Place> places(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		List<Place> places = new ArrayList<>();
		for (DmarcReportMail.Place place : mail.places(tenant.workspaceId())) {
			Optional<Mailbox> mailbox = mailboxes.find(tenant.workspaceId(), place.mailboxId());
			mailbox.ifPresent(m -> places.add(new Place(m.id(), m.email(), place.folder())));
		}
		return places;
	}

	/**
	 * Reads reports from a mailbox of the workspace: its INBOX ({@code folder} blank) or
	 * the folder named (the sync then reads it too).
	 * @throws NotFoundProblem when the workspace has no such mailbox
	 * @throws InvalidInputProblem for a folder name over 255 characters or with control
	 * characters
	 */
	public Place setPlace(Tenant tenant, UUID mailboxId, String folder) {
		tenant.require(WorkspaceRole.MEMBER, "reputation:write");
		Mailbox mailbox = mailboxes.find(tenant.workspaceId(), mailboxId)
			.orElseThrow(() -> new NotFoundProblem("Mailbox"));
		String name = folder == null || folder.isBlank() ? "INBOX" : folder.strip();
		if (name.length() > 255 || name.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputProblem("invalid-folder", "Give the folder's name as the mail server shows it.");
		}
		mail.setPlace(tenant.workspaceId(), mailboxId, name);
		return new Place(mailboxId, mailbox.email(), name);
	}

	/** Stops reading reports from the mailbox. */
	public void clearPlace(Tenant tenant, UUID mailboxId) {
		tenant.require(WorkspaceRole.MEMBER, "reputation:write");
		mail.clearPlace(tenant.workspaceId(), mailboxId);
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(ZoneOffset.UTC));
	}

}
