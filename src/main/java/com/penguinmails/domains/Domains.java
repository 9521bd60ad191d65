package com.penguinmails.domains;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.domains.internal.DomainNames;
import com.penguinmails.domains.internal.DomainStore;
import com.penguinmails.domains.internal.TrackingHosts;
import com.penguinmails.shared.AccessDeniedProblem;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The sending domains of a workspace: add (with its DKIM key), list, the records to
 * publish, verification against DNS, delete. Members and up manage domains; viewers read
 * them.
 */
@Service
public class Domains {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final DomainStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Tenancy tenancy;

	private final TrackingHosts trackingHosts;

	Domains(DomainStore store, ApplicationEventPublisher events, Clock clock, Tenancy tenancy,
			TrackingHosts trackingHosts) {
		this.store = store;
		this.events = events;
		this.clock = clock;
		this.tenancy = tenancy;
		this.trackingHosts = trackingHosts;
	}

	@Transactional
	public Domain add(Tenant tenant, NewDomain request) {
		tenant.require(WorkspaceRole.MEMBER, "domains:write");
		String name = normalize(request.name());
		if (store.nameTaken(name)) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "domain-taken", name
					+ " is already connected to a workspace on this installation. If it is yours, ask that workspace's owner to move it to you, "
					+ "or claim it by proving you control its DNS (Domains > Claim a domain).");
		}
		String mxHosts = String.join(", ", DomainNames.hosts(request.mxHosts()));
		if (request.receivesMail() && mxHosts.isEmpty()) {
			throw new InvalidInputProblem("mx-required", "Name the mail servers (MX) of a domain that receives mail.");
		}
		String spf = request.spfMechanisms() == null || request.spfMechanisms().isBlank() ? store.defaultSpfMechanisms()
				: request.spfMechanisms().strip();
		checkSpfMechanisms(spf);
		UUID id = UUID.randomUUID();
		byte[] token = new byte[16];
		RANDOM.nextBytes(token);
		store.create(tenant.workspaceId(), id, name, request.receivesMail(), mxHosts, spf,
				HexFormat.of().formatHex(token), clock.instant());
		return get(tenant, id);
	}

	public List<Domain> list(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "domains:read");
		return store.list(tenant.workspaceId());
	}

	public Domain get(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "domains:read");
		return store.find(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("Domain"));
	}

	/** The records to publish, each checked against DNS now (nothing is stored). */
	public List<RecordCheck> records(Tenant tenant, UUID id) {
		Domain domain = get(tenant, id);
		return store.check(tenant.workspaceId(), domain);
	}

	/** The last verification's results, without asking DNS; empty when never verified. */
	public List<RecordCheck> lastResults(Tenant tenant, UUID id) {
		get(tenant, id);
		return store.lastResults(tenant.workspaceId(), id);
	}

	/**
	 * Checks every record against DNS and stores the outcome. The domain is verified when
	 * every required record is ok; an answer DNS did not give (timeout) leaves the status
	 * as it was.
	 */
	@Transactional
	public Verification verify(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "domains:write");
		get(tenant, id);
		return verifyInWorkspace(tenant.workspaceId(), id);
	}

	/** Verification on behalf of the workspace itself (the scheduled re-check). */
	@Transactional
	Verification verifyInWorkspace(UUID workspaceId, UUID id) {
		Domain domain = store.find(workspaceId, id).orElseThrow(() -> new NotFoundProblem("Domain"));
		List<RecordCheck> checks = store.check(workspaceId, domain);
		if (store.advanceRotation(workspaceId, id, checks, clock.instant()).isPresent()) {
			// The new key verified and now signs: check again, so the results name it
			// "dkim".
			checks = store.check(workspaceId, domain);
		}
		List<RecordCheck> required = checks.stream().filter(c -> store.required(c.purpose())).toList();
		boolean allOk = required.stream().allMatch(RecordCheck::ok);
		boolean anyUnknown = required.stream().anyMatch(c -> "unknown".equals(c.status()));
		DomainStatus status = domain.status().afterCheck(allOk, anyUnknown);
		Instant now = clock.instant();
		store.recordCheck(workspaceId, id, status, checks, now, allOk);
		trackingHosts.forget(domain.name());
		if (status != domain.status()) {
			events.publishEvent(new DomainStatusChanged(workspaceId, id, domain.name(), domain.status(), status));
		}
		return new Verification(store.find(workspaceId, id).orElseThrow(), checks);
	}

	public record Verification(Domain domain, List<RecordCheck> records) {
	}

	/**
	 * The tracking host ({@code track.<domain>}) of the workspace's sending domain when
	 * its tracking CNAME was ok at the last verification: the host the links of its
	 * messages may use. Cheap enough for every message: the answer is kept a minute.
	 * @param sendingDomain the domain of the sender's address, in Unicode or ASCII
	 */
	public Optional<String> trackingHost(UUID workspaceId, String sendingDomain) {
		return trackingHosts.host(workspaceId, sendingDomain);
	}

	/**
	 * The workspace whose sending domain has {@code host} as its verified tracking host;
	 * empty for any other host. Cheap enough for every request: the answer is kept a
	 * minute.
	 */
	public Optional<UUID> trackingHostOwner(String host) {
		return trackingHosts.owner(host);
	}

	/**
	 * Every verified tracking host of the installation, all workspaces (for the
	 * certificate loop, which runs for the installation, not a workspace). Read fresh
	 * from the database, ordered by host.
	 */
	public List<TrackingHost> verifiedTrackingHosts() {
		return trackingHosts.all();
	}

	/**
	 * Looks the domain and its sending IPs up in every blocklist, and stores the answers.
	 */
	@Transactional
	public List<BlocklistResult> checkBlocklists(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "domains:write");
		get(tenant, id);
		return checkBlocklistsInWorkspace(tenant.workspaceId(), id);
	}

	@Transactional
	List<BlocklistResult> checkBlocklistsInWorkspace(UUID workspaceId, UUID id) {
		Domain domain = store.find(workspaceId, id).orElseThrow(() -> new NotFoundProblem("Domain"));
		List<BlocklistResult> results = store.checkBlocklists(domain);
		Instant now = clock.instant();
		store.recordBlocklists(workspaceId, id, results, now);
		events.publishEvent(new BlocklistsChecked(workspaceId, id, domain.name(), results, now));
		return results;
	}

	/** Sets up RFC 2136 publishing for the domain (admins: it holds a DNS key). */
	@Transactional
	public void configureDnsUpdate(Tenant tenant, UUID id, DnsUpdateSettings settings) {
		tenant.require(WorkspaceRole.ADMIN, "domains:write");
		Domain domain = get(tenant, id);
		if (settings.server() == null || settings.server().isBlank() || settings.keyName() == null
				|| settings.keyName().isBlank()) {
			throw new InvalidInputProblem("invalid-dns-update", "Give the DNS server and the TSIG key name.");
		}
		String zone = settings.zone() == null || settings.zone().isBlank() ? domain.name() : normalize(settings.zone());
		if (!domain.name().equals(zone) && !domain.name().endsWith("." + zone)) {
			throw new InvalidInputProblem("zone-mismatch", domain.name() + " is not inside the zone " + zone + ".");
		}
		String algorithm = settings.algorithm() == null || settings.algorithm().isBlank() ? "hmac-sha256"
				: settings.algorithm().strip().toLowerCase(Locale.ROOT);
		if (!List.of("hmac-sha256", "hmac-sha512", "hmac-sha1").contains(algorithm)) {
			throw new InvalidInputProblem("invalid-tsig", "Use hmac-sha256, hmac-sha512 or hmac-sha1.");
		}
		if (settings.secret() != null && !settings.secret().isBlank()) {
			try {
				java.util.Base64.getDecoder().decode(settings.secret().strip());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputProblem("invalid-tsig",
						"The TSIG secret must be base64, as tsig-keygen prints it.");
			}
		}
		else if (store.dnsUpdate(tenant.workspaceId(), id).isEmpty()) {
			throw new InvalidInputProblem("invalid-tsig", "Give the TSIG secret.");
		}
		store.configureDnsUpdate(tenant.workspaceId(), id,
				new DnsUpdateSettings(settings.server(), zone, settings.keyName(), algorithm, settings.secret()));
	}

	public java.util.Optional<DnsUpdateSettings> dnsUpdate(Tenant tenant, UUID id) {
		get(tenant, id);
		return store.dnsUpdate(tenant.workspaceId(), id);
	}

	/** Publishes the records with a signed dynamic update, then verifies them. */
	@Transactional(noRollbackFor = InvalidInputProblem.class)
	public Verification publish(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "domains:write");
		Domain domain = get(tenant, id);
		store.publish(tenant.workspaceId(), id, store.check(tenant.workspaceId(), domain), clock.instant());
		return verifyInWorkspace(tenant.workspaceId(), id);
	}

	/**
	 * Whether a sending host (a mailbox's SMTP server, by name or address) is authorised
	 * by the domain's SPF record as published, following includes.
	 */
	public SpfEvaluation checkSender(Tenant tenant, UUID id, String host) {
		Domain domain = get(tenant, id);
		if (host == null || host.isBlank() || host.length() > 253 || !host.strip().matches("[A-Za-z0-9.:\\-]+")) {
			throw new InvalidInputProblem("invalid-host", "Give the sending server's host name or IP address.");
		}
		return store.evaluateSpf(host, domain.name());
	}

	/**
	 * Whether mail From this domain, signed by {@code dkimDomain} and sent with an
	 * envelope on {@code spfDomain}, aligns under the domain's published DMARC record
	 * (adkim/aspf; relaxed when absent). A mailbox provider signing with its own domain
	 * (for example {@code gappssmtp.com}) does not align.
	 */
	public DmarcAlignment alignment(Tenant tenant, UUID id, String dkimDomain, String spfDomain) {
		Domain domain = get(tenant, id);
		List<String> dmarc = store.txtValues("_dmarc." + domain.name())
			.stream()
			.filter(v -> v.strip().startsWith("v=DMARC1"))
			.toList();
		String record = dmarc.isEmpty() ? "" : dmarc.get(0).replaceAll("\\s", "");
		return DmarcAlignment.evaluate(domain.name(), dkimDomain == null ? domain.name() : dkimDomain,
				spfDomain == null ? domain.name() : spfDomain, DmarcAlignment.tag(record, "adkim"),
				DmarcAlignment.tag(record, "aspf"));
	}

	/** The domain's DKIM keys still published (never a private key). */
	public List<DkimKeyInfo> keys(Tenant tenant, UUID id) {
		get(tenant, id);
		return store.keys(tenant.workspaceId(), id);
	}

	/**
	 * Starts a key rotation (offered yearly): a new key under a new selector is published
	 * beside the current one; once its record verifies it signs, and the old one is
	 * retired 7 days later.
	 * @return the new selector
	 */
	@Transactional
	public String rotateKey(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.ADMIN, "domains:write");
		get(tenant, id);
		return store.startRotation(tenant.workspaceId(), id, clock.instant());
	}

	/** The records as each public resolver of the propagation check sees them now. */
	public Propagation propagation(Tenant tenant, UUID id) {
		return store.propagation(records(tenant, id));
	}

	/** The last blocklist answers, without asking DNS; empty when never checked. */
	public List<BlocklistResult> lastBlocklists(Tenant tenant, UUID id) {
		get(tenant, id);
		return store.lastBlocklists(tenant.workspaceId(), id);
	}

	/** Health from the last verification; a domain never verified scores 0. */
	public DomainHealth health(Tenant tenant, UUID id) {
		Domain domain = get(tenant, id);
		return DomainHealth.of(domain, lastResults(tenant, id), lastBlocklists(tenant, id), clock.instant());
	}

	/**
	 * Moves a domain, with its keys and history, to another workspace of the same owner:
	 * the caller must own both (an API key cannot, since it belongs to one workspace).
	 */
	@Transactional
	public Domain move(Tenant tenant, UUID id, UUID targetWorkspaceId) {
		tenant.require(WorkspaceRole.OWNER, "domains:write");
		if (tenant.role() != WorkspaceRole.OWNER || tenant.viaApiKey()) {
			throw new AccessDeniedProblem("Only the owner of both workspaces can move a domain.");
		}
		Domain domain = get(tenant, id);
		if (targetWorkspaceId.equals(tenant.workspaceId())) {
			throw new InvalidInputProblem("same-workspace", "The domain is already in this workspace.");
		}
		if (tenancy.roleElsewhere(tenant, targetWorkspaceId).filter(r -> r == WorkspaceRole.OWNER).isEmpty()) {
			throw new NotFoundProblem("Workspace");
		}
		store.move(tenant.workspaceId(), id, targetWorkspaceId);
		trackingHosts.forget(domain.name());
		events.publishEvent(new DomainMoved(tenant.workspaceId(), targetWorkspaceId, id, domain.name()));
		return store.find(targetWorkspaceId, id).orElseThrow();
	}

	@Transactional
	public void delete(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.ADMIN, "domains:write");
		Domain domain = get(tenant, id);
		store.delete(tenant.workspaceId(), id);
		trackingHosts.forget(domain.name());
	}

	/**
	 * The records as a BIND zone-file snippet, long TXT values split in 255-byte strings.
	 */
	public String zoneSnippet(List<RecordCheck> records) {
		return store.zoneSnippet(records);
	}

	/**
	 * Refuses anything but SPF mechanisms a sender may be authorised by (RFC 7208 §5).
	 */
	static void checkSpfMechanisms(String spf) {
		DomainNames.checkSpfMechanisms(spf);
	}

	/**
	 * The ASCII (punycode) form of a domain name, lower case, or a clear error.
	 * Internationalised names are accepted in Unicode.
	 * @throws InvalidInputProblem 400 {@code invalid-domain} for a URL, an address or a
	 * name that is not one
	 */
	public static String normalize(String input) {
		return DomainNames.normalize(input);
	}

}
