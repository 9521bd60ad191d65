package com.penguinmails.domains.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.penguinmails.domains.BlocklistResult;
import com.penguinmails.domains.DkimKeyInfo;
import com.penguinmails.domains.DkimKeyStatus;
import com.penguinmails.domains.DomainStatus;
import com.penguinmails.domains.DnsUpdateSettings;
import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Propagation;
import com.penguinmails.domains.SpfEvaluation;
import com.penguinmails.domains.RecordCheck;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Secrets;

/** What {@link com.penguinmails.domains.Domains} needs from the module's insides. */
@Component
public class DomainStore {

	private final DomainRepository repository;

	private final DkimKeys keys;

	private final DnsRecords records;

	private final DomainsProperties properties;

	private final Blocklists blocklists;

	private final DnsClient dns;

	private final PropagationChecker propagation;

	private final DnsUpdater updater;

	private final SpfEvaluator spf;

	/**
	 * Whether {@code host} (a name or an address) may send for the domain, by its
	 * published SPF.
	 */
	public SpfEvaluation evaluateSpf(String host, String domain) {
		return spf.evaluate(host, domain);
	}

	private final Secrets secrets;

	private final TrackingHosts trackingHosts;

	private final ObjectMapper json;

	private static final TypeReference<List<RecordCheck>> RECORD_CHECKS = new TypeReference<>() {
	};

	private static final TypeReference<List<BlocklistResult>> BLOCKLIST_RESULTS = new TypeReference<>() {
	};

	DomainStore(DomainRepository repository, DkimKeys keys, DnsRecords records, DomainsProperties properties,
			Blocklists blocklists, DnsClient dns, PropagationChecker propagation, DnsUpdater updater, Secrets secrets,
			SpfEvaluator spf, TrackingHosts trackingHosts, ObjectMapper json) {
		this.json = json;
		this.trackingHosts = trackingHosts;
		this.spf = spf;
		this.propagation = propagation;
		this.updater = updater;
		this.secrets = secrets;
		this.repository = repository;
		this.keys = keys;
		this.records = records;
		this.properties = properties;
		this.blocklists = blocklists;
		this.dns = dns;
	}

	/**
	 * The domain against every domain blocklist, and its sending IPs (the single
	 * addresses in its SPF ip4:/ip6: terms, configured and published) against every IP
	 * blocklist.
	 */
	public List<BlocklistResult> checkBlocklists(Domain domain) {
		List<String> terms = new java.util.ArrayList<>(DnsRecords.mechanisms(domain.spfMechanisms()));
		dns.query(domain.name(), org.xbill.DNS.Type.TXT)
			.txt()
			.stream()
			.filter(Spf::isSpf)
			.forEach(spf -> terms.addAll(Spf.terms(spf)));
		return blocklists.check(domain.name(), Blocklists.addresses(terms));
	}

	public Propagation propagation(List<RecordCheck> records) {
		return propagation.check(records);
	}

	/**
	 * Stores where to send dynamic updates; the TSIG secret is encrypted, or kept when
	 * blank.
	 */
	public void configureDnsUpdate(UUID workspaceId, UUID id, DnsUpdateSettings settings) {
		byte[] secret = settings.secret() == null || settings.secret().isBlank() ? null
				: secrets.encrypt(settings.secret().strip(), "tsig:" + id);
		repository.saveDnsUpdate(workspaceId, id, settings.server().strip(), settings.zone().strip(),
				settings.keyName().strip(), settings.algorithm(), secret);
	}

	/** The settings without the secret, when configured. */
	public Optional<DnsUpdateSettings> dnsUpdate(UUID workspaceId, UUID id) {
		return repository.dnsUpdate(workspaceId, id)
			.map(u -> new DnsUpdateSettings(u.server(), u.zone(), u.keyName(), u.algorithm(), null));
	}

	/** Sends the records in one signed UPDATE; fails with the server's reason. */
	public void publish(UUID workspaceId, UUID id, List<RecordCheck> checks, Instant now) {
		DomainRepository.DnsUpdate settings = repository.dnsUpdate(workspaceId, id)
			.orElseThrow(() -> new InvalidInputProblem("dns-update-not-configured",
					"Set up dynamic DNS updates for this domain first."));
		if (settings.secret() == null) {
			throw new InvalidInputProblem("dns-update-not-configured", "The TSIG secret is missing.");
		}
		updater.publish(settings.server(), settings.zone(), settings.keyName(), settings.algorithm(),
				secrets.decrypt(settings.secret(), "tsig:" + id), checks);
		repository.markPublished(workspaceId, id, now);
	}

	/**
	 * A domain's active DKIM key, decrypted, for
	 * {@link com.penguinmails.domains.DkimSigner} only.
	 */
	public record SigningKey(String domain, String selector, byte[] pkcs8) {
	}

	public Optional<SigningKey> signingKey(UUID workspaceId, String domain) {
		return repository.activeKey(workspaceId, domain)
			.map(key -> new SigningKey(domain, key.selector(), keys.privateKey(key.id(), key.encryptedPrivateKey())));
	}

	public int blocklistZones() {
		return blocklists.zones().size();
	}

	/** Keeps the blocklist answers (as JSON) for {@link #lastBlocklists}. */
	public void recordBlocklists(UUID workspaceId, UUID id, List<BlocklistResult> results, Instant now) {
		repository.recordBlocklists(workspaceId, id, write(results), now);
	}

	/** The last blocklist answers; empty when never checked (or unreadable). */
	public List<BlocklistResult> lastBlocklists(UUID workspaceId, UUID id) {
		return repository.lastBlocklists(workspaceId, id)
			.map(stored -> read(stored, BLOCKLIST_RESULTS))
			.orElse(List.of());
	}

	public record DueDomain(UUID workspaceId, UUID id) {
	}

	/**
	 * Claims domains whose re-check is due, moving them past a lease so no other node
	 * takes them.
	 */
	public List<DueDomain> claimDue(int limit, java.time.Duration lease) {
		return repository.claimDue(limit, lease);
	}

	/** The workspace holding a domain, if any. */
	public Optional<UUID> holder(String name) {
		return repository.holder(name);
	}

	/**
	 * Removes a domain from the workspace that held it (a claim by another workspace
	 * succeeded).
	 */
	public void release(UUID workspaceId, String name) {
		repository.holder(name).ifPresent(holder -> repository.deleteByName(workspaceId, name));
		trackingHosts.forget(name);
	}

	/** The TXT values at a name, as DNS answers now. */
	public List<String> txtValues(String host) {
		return dns.query(host, org.xbill.DNS.Type.TXT).txt();
	}

	public boolean nameTaken(String name) {
		return repository.nameTaken(name);
	}

	public String defaultSpfMechanisms() {
		return properties.defaultSpfMechanisms() == null ? "" : properties.defaultSpfMechanisms().strip();
	}

	/** Inserts the domain with a fresh DKIM key. */
	public void create(UUID workspaceId, UUID id, String name, boolean receivesMail, String mxHosts,
			String spfMechanisms, String ownershipToken, Instant now) {
		repository.insert(workspaceId, id, name, receivesMail, mxHosts, spfMechanisms, ownershipToken, now);
		UUID keyId = UUID.randomUUID();
		DkimKeys.GeneratedKey key = keys.generate(keyId);
		repository.insertKey(workspaceId, id, keyId, key.selector(), key, DkimKeyStatus.ACTIVE, now);
	}

	public List<Domain> list(UUID workspaceId) {
		return repository.list(workspaceId);
	}

	public Optional<Domain> find(UUID workspaceId, UUID id) {
		return repository.find(workspaceId, id);
	}

	public List<RecordCheck> check(UUID workspaceId, Domain domain) {
		return records.check(domain, repository.liveKeys(workspaceId, domain.id()),
				repository.ownershipToken(workspaceId, domain.id()));
	}

	/**
	 * The domain's DKIM keys still in DNS: active, pending (rotation started) and
	 * retiring.
	 */
	public List<DkimKeyInfo> keys(UUID workspaceId, UUID domainId) {
		return repository.liveKeys(workspaceId, domainId)
			.stream()
			.map(k -> new DkimKeyInfo(k.selector(), k.status(), k.createdAt(), k.retireAfter()))
			.toList();
	}

	/** Starts a rotation: a new key, pending, under a new dated selector. */
	public String startRotation(UUID workspaceId, UUID domainId, Instant now) {
		if (repository.liveKeys(workspaceId, domainId).stream().anyMatch(k -> k.status() == DkimKeyStatus.PENDING)) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "rotation-pending",
					"A rotation is already under way: publish the new key's record and verify.");
		}
		UUID keyId = UUID.randomUUID();
		DkimKeys.GeneratedKey key = keys.generate(keyId);
		String selector = key.selector();
		for (char suffix = 'b'; repository.selectorUsed(domainId, selector); suffix++) {
			selector = key.selector() + suffix;
		}
		repository.insertKey(workspaceId, domainId, keyId, selector, key, DkimKeyStatus.PENDING, now);
		return selector;
	}

	/**
	 * After a check: a pending key whose record verified becomes active, the previous one
	 * stays published until {@code now + 7 days}; retiring keys past that date are
	 * retired.
	 * @return the newly active selector, if the switch happened
	 */
	public Optional<String> advanceRotation(UUID workspaceId, UUID domainId, List<RecordCheck> checks, Instant now) {
		repository.retireDue(workspaceId, domainId, now);
		boolean nextOk = checks.stream().anyMatch(c -> c.purpose().equals("dkim-next") && c.ok());
		if (!nextOk) {
			return Optional.empty();
		}
		return repository.liveKeys(workspaceId, domainId)
			.stream()
			.filter(k -> k.status() == DkimKeyStatus.PENDING)
			.findFirst()
			.map(pending -> {
				repository.promote(workspaceId, domainId, pending.id(), now.plus(DkimKeys.RETIREMENT));
				return pending.selector();
			});
	}

	public boolean required(String purpose) {
		return DnsRecords.required(purpose);
	}

	/**
	 * Keeps a verification's outcome (the checks as JSON) and schedules the next
	 * re-check.
	 */
	public void recordCheck(UUID workspaceId, UUID id, DomainStatus status, List<RecordCheck> checks, Instant now,
			boolean verified) {
		repository.recordCheck(workspaceId, id, status, write(checks), now, verified,
				now.plus(properties.recheckInterval()));
	}

	/** The last verification's checks; empty when never verified (or unreadable). */
	public List<RecordCheck> lastResults(UUID workspaceId, UUID id) {
		return repository.lastResults(workspaceId, id).map(stored -> read(stored, RECORD_CHECKS)).orElse(List.of());
	}

	private String write(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private <T> List<T> read(String stored, TypeReference<List<T>> type) {
		try {
			return json.readValue(stored, type);
		}
		catch (JsonProcessingException ex) {
			return List.of();
		}
	}

	public void move(UUID fromWorkspaceId, UUID id, UUID toWorkspaceId) {
		repository.move(fromWorkspaceId, id, toWorkspaceId);
	}

	public void delete(UUID workspaceId, UUID id) {
		repository.delete(workspaceId, id);
	}

	/**
	 * BIND zone-file lines for the records; TXT values split into quoted 255-byte
	 * strings.
	 */
	public String zoneSnippet(List<RecordCheck> checks) {
		StringBuilder zone = new StringBuilder("; PenguinMails records. TTL 3600 is a good start.\n");
		for (RecordCheck check : checks) {
			zone.append("; ")
				.append(check.purpose())
				.append(DnsRecords.required(check.purpose()) ? "" : " (recommended)")
				.append('\n');
			String owner = DnsRecords.absolute(check.host());
			switch (check.type()) {
				case "TXT" -> {
					List<String> parts = DkimKeys.split(check.expected());
					zone.append(owner).append(" 3600 IN TXT ");
					if (parts.size() == 1) {
						zone.append(quote(parts.get(0)));
					}
					else {
						zone.append("( ");
						parts.forEach(p -> zone.append(quote(p)).append(' '));
						zone.append(')');
					}
				}
				case "MX" -> {
					int priority = 10;
					for (String host : check.expected().split(",\\s*")) {
						zone.append(owner)
							.append(" 3600 IN MX ")
							.append(priority)
							.append(' ')
							.append(host)
							.append('\n');
						priority += 10;
					}
					zone.setLength(zone.length() - 1);
				}
				default ->
					zone.append(owner).append(" 3600 IN ").append(check.type()).append(' ').append(check.expected());
			}
			zone.append('\n');
		}
		return zone.toString();
	}

	private static String quote(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
