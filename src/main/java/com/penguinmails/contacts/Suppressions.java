package com.penguinmails.contacts;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.contacts.internal.SuppressionRepository;
import com.penguinmails.shared.CsvRows;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.EmailAddresses;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The workspace's suppression list: addresses and whole domains (a domain also covers its
 * subdomains), each with its reason and time. Every send asks {@link #isSuppressed} at
 * the last moment.
 */
@Service
public class Suppressions {

	public static final List<String> REASONS = List.of("unsubscribed", "hard_bounce", "soft_bounces", "complaint",
			"manual");

	/**
	 * What a CSV import did: entries added, entries already there, and why each bad line
	 * was refused.
	 */
	public record ImportResult(int added, int alreadyThere, List<String> errors) {
	}

	private final SuppressionRepository repository;

	private final Clock clock;

	Suppressions(SuppressionRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	/**
	 * Adds an address or a domain; true when new, false when it was already suppressed.
	 * @throws InvalidInputProblem {@code invalid-value} (neither an address nor a
	 * domain), {@code invalid-reason} (not one of {@link #REASONS})
	 */
	@Transactional
	public boolean add(Tenant tenant, String value, String reason) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		return insert(tenant.workspaceId(), value, reason, clock.instant());
	}

	/**
	 * For other features (unsubscribes, bounces, complaints): no caller role is involved.
	 */
	@Transactional
	public boolean suppress(UUID workspaceId, String value, String reason) {
		return insert(workspaceId, value, reason, clock.instant());
	}

	private boolean insert(UUID workspaceId, String value, String reason, Instant now) {
		String normalized = normalize(value);
		String kind = normalized.contains("@") ? "address" : "domain";
		String why = reason == null || reason.isBlank() ? "manual" : reason.strip().toLowerCase(Locale.ROOT);
		if (!REASONS.contains(why)) {
			throw new InvalidInputProblem("invalid-reason",
					"Reason must be one of " + String.join(", ", REASONS) + ".");
		}
		return repository.insert(workspaceId, kind, normalized, hash(normalized), why, now);
	}

	/**
	 * Whether an address may not be mailed: it, or its domain or any parent domain, is
	 * suppressed.
	 */
	public boolean isSuppressed(UUID workspaceId, String email) {
		return !suppressedAmong(workspaceId, List.of(email)).isEmpty();
	}

	/**
	 * Which of these addresses may not be mailed (as given), in one query: the
	 * dispatcher's check of a batch right before it is sent. An address that is not valid
	 * counts as suppressed.
	 */
	public Set<String> suppressedAmong(UUID workspaceId, Collection<String> emails) {
		Map<String, List<byte[]>> hashesOf = new HashMap<>();
		Set<String> suppressed = new HashSet<>();
		for (String email : emails) {
			try {
				hashesOf.put(email, hashesCovering(normalize(email)));
			}
			catch (InvalidInputProblem ex) {
				suppressed.add(email);
			}
		}
		if (hashesOf.isEmpty()) {
			return suppressed;
		}
		Set<String> found = new HashSet<>();
		repository
			.foundHashes(workspaceId,
					hashesOf.values().stream().flatMap(List::stream).distinct().toArray(byte[][]::new))
			.forEach(hash -> found.add(HexFormat.of().formatHex(hash)));
		hashesOf.forEach((email, hashes) -> {
			if (hashes.stream().anyMatch(hash -> found.contains(HexFormat.of().formatHex(hash)))) {
				suppressed.add(email);
			}
		});
		return suppressed;
	}

	/**
	 * The hashes of an address, its domain and each parent domain (not the top level).
	 */
	private static List<byte[]> hashesCovering(String address) {
		List<byte[]> hashes = new ArrayList<>();
		hashes.add(hash(address));
		String domain = address.substring(address.indexOf('@') + 1);
		while (domain.contains(".")) {
			hashes.add(hash(domain));
			domain = domain.substring(domain.indexOf('.') + 1);
		}
		return hashes;
	}

	/** Whether the address belongs to a contact erased on request (GDPR). */
	boolean isErased(UUID workspaceId, String email) {
		String address;
		try {
			address = normalize(email);
		}
		catch (InvalidInputProblem ex) {
			return false;
		}
		return repository.isErased(workspaceId, hash(address));
	}

	/**
	 * After a contact's erasure: the address stays suppressed, known by its hash alone
	 * (an entry it already had keeps its reason but loses the address).
	 */
	void erase(UUID workspaceId, String email) {
		String address;
		try {
			address = normalize(email);
		}
		catch (InvalidInputProblem ex) {
			return;
		}
		repository.insertErased(workspaceId, hash(address), clock.instant());
	}

	/** The entries that name this address exactly, for a GDPR export. */
	List<Suppression> entriesFor(UUID workspaceId, String email) {
		String address;
		try {
			address = normalize(email);
		}
		catch (InvalidInputProblem ex) {
			return List.of();
		}
		return repository.byHash(workspaceId, hash(address));
	}

	/** Newest first; pass {@code nextCursor} back for older entries. */
	public CursorPage<Suppression> list(Tenant tenant, String cursor, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		CursorPage.limit(limit, 1000);
		CursorPage.Position after = CursorPage.Position.parse(cursor);
		List<Suppression> rows = repository.page(tenant.workspaceId(), after == null ? null : after.at(),
				after == null ? null : after.id(), limit + 1);
		return CursorPage.of(rows, limit, row -> new CursorPage.Position(row.createdAt(), row.id()));
	}

	/**
	 * Removes an entry (admins).
	 * @throws InvalidInputProblem 409 {@code erased-contact} for the entry of an erased
	 * contact, which stays
	 * @throws NotFoundProblem when it is not an entry of the caller's workspace
	 */
	@Transactional
	public void remove(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.ADMIN, "contacts:write");
		if (!repository.deleteUnlessErased(tenant.workspaceId(), id)) {
			if (repository.exists(tenant.workspaceId(), id)) {
				throw new InvalidInputProblem(HttpStatus.CONFLICT, "erased-contact",
						"This entry keeps an erased contact from being mailed or imported again; it stays.");
			}
			throw new NotFoundProblem("Suppression");
		}
	}

	/**
	 * A CSV of value,reason (header optional); bad rows are reported by line, the others
	 * added.
	 */
	public ImportResult importCsv(Tenant tenant, Reader csv) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		int[] counts = new int[2];
		List<String> errors = new ArrayList<>();
		CsvRows.read(csv, Set.of("value", "email", "address", "domain"), row -> {
			String value = row.get(0, "value", "email", "address", "domain");
			String reason = row.get(1, "reason");
			try {
				counts[add(tenant, value, reason) ? 0 : 1]++;
			}
			catch (Problem problem) {
				errors.add("Line " + row.line() + ": " + problem.getMessage());
			}
			return true;
		});
		return new ImportResult(counts[0], counts[1], errors);
	}

	/**
	 * Every entry as CSV (kind,value,reason,created_at), each cell made safe for
	 * spreadsheets ({@link CsvRows#cell}); erased entries show an empty value.
	 */
	public String exportCsv(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		StringBuilder csv = new StringBuilder("kind,value,reason,created_at\n");
		repository.each(tenant.workspaceId(),
				entry -> csv.append(CsvRows.line(entry.kind(), entry.value(), entry.reason(), entry.createdAt())));
		return csv.toString();
	}

	/**
	 * Lower case, IDN domain as an A-label ({@link EmailAddresses}); an address or a
	 * domain, nothing else.
	 */
	static String normalize(String value) {
		String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
		if (v.startsWith("@")) {
			v = v.substring(1);
		}
		try {
			// The one address check; the whole address in lower case, so a suppression
			// holds whatever the case of the local part.
			return v.contains("@") ? EmailAddresses.normalize(v).toLowerCase(Locale.ROOT)
					: EmailAddresses.asciiDomain(v);
		}
		catch (EmailAddresses.InvalidEmailAddress ex) {
			throw new InvalidInputProblem("invalid-value", "Not an email address or a domain: " + value);
		}
	}

	static byte[] hash(String normalized) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
