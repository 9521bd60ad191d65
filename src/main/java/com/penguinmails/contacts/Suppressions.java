package com.penguinmails.contacts;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

	public record ImportResult(int added, int alreadyThere, List<String> errors) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	Suppressions(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Adds an address or a domain; true when new, false when it was already suppressed.
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
		return jdbc.sql("""
				INSERT INTO suppressions (id, workspace_id, kind, value, value_hash, reason, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, value_hash) DO NOTHING""")
			.params(UUID.randomUUID(), workspaceId, kind, normalized, hash(normalized), why, Timestamp.from(now))
			.update() == 1;
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
	 * dispatcher's check of a batch right before it is sent.
	 */
	public Set<String> suppressedAmong(UUID workspaceId, Collection<String> emails) {
		Map<String, List<byte[]>> hashesOf = new HashMap<>();
		Set<String> suppressed = new HashSet<>();
		for (String email : emails) {
			String address;
			try {
				address = normalize(email);
			}
			catch (InvalidInputProblem ex) {
				suppressed.add(email);
				continue;
			}
			List<byte[]> hashes = new ArrayList<>();
			hashes.add(hash(address));
			String domain = address.substring(address.indexOf('@') + 1);
			while (domain.contains(".")) {
				hashes.add(hash(domain));
				domain = domain.substring(domain.indexOf('.') + 1);
			}
			hashesOf.put(email, hashes);
		}
		if (hashesOf.isEmpty()) {
			return suppressed;
		}
		Set<String> found = new HashSet<>();
		jdbc.sql("SELECT value_hash FROM suppressions WHERE workspace_id = ? AND value_hash = ANY (?)")
			.params(workspaceId, hashesOf.values().stream().flatMap(List::stream).distinct().toArray(byte[][]::new))
			.query((rs, i) -> rs.getBytes(1))
			.list()
			.forEach(hash -> found.add(java.util.HexFormat.of().formatHex(hash)));
		hashesOf.forEach((email, hashes) -> {
			if (hashes.stream().anyMatch(hash -> found.contains(java.util.HexFormat.of().formatHex(hash)))) {
				suppressed.add(email);
			}
		});
		return suppressed;
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
		return jdbc.sql("SELECT count(*) FROM suppressions WHERE workspace_id = ? AND value_hash = ? AND value IS NULL")
			.params(workspaceId, hash(address))
			.query(Long.class)
			.single() > 0;
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
		jdbc.sql("""
				INSERT INTO suppressions (id, workspace_id, kind, value, value_hash, reason, created_at)
				VALUES (?, ?, 'address', NULL, ?, 'erased', ?)
				ON CONFLICT (workspace_id, value_hash) DO UPDATE SET value = NULL""")
			.params(UUID.randomUUID(), workspaceId, hash(address), Timestamp.from(clock.instant()))
			.update();
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
		return jdbc.sql("""
				SELECT id, kind, value, reason, created_at FROM suppressions
				WHERE workspace_id = ? AND value_hash = ?""")
			.params(workspaceId, hash(address))
			.query((rs, i) -> new Suppression(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list();
	}

	/** Newest first; pass {@code nextCursor} back for older entries. */
	public CursorPage<Suppression> list(Tenant tenant, String cursor, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		CursorPage.limit(limit, 1000);
		CursorPage.Position after = CursorPage.Position.parse(cursor);
		Timestamp before = after == null ? null : Timestamp.from(after.at());
		UUID beforeId = after == null ? null : after.id();
		List<Suppression> rows = jdbc.sql("""
				SELECT id, kind, value, reason, created_at FROM suppressions
				WHERE workspace_id = ? AND (?::timestamptz IS NULL OR (created_at, id) < (?::timestamptz, ?::uuid))
				ORDER BY created_at DESC, id DESC LIMIT ?""")
			.params(tenant.workspaceId(), before, before, beforeId, limit + 1)
			.query((rs, i) -> new Suppression(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list();
		return CursorPage.of(rows, limit, row -> new CursorPage.Position(row.createdAt(), row.id()));
	}

	@Transactional
	public void remove(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.ADMIN, "contacts:write");
		int removed = jdbc.sql("DELETE FROM suppressions WHERE workspace_id = ? AND id = ? AND value IS NOT NULL")
			.params(tenant.workspaceId(), id)
			.update();
		if (removed == 0) {
			boolean erased = jdbc.sql("SELECT count(*) FROM suppressions WHERE workspace_id = ? AND id = ?")
				.params(tenant.workspaceId(), id)
				.query(Long.class)
				.single() > 0;
			if (erased) {
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
		jdbc.sql(
				"SELECT kind, value, reason, created_at FROM suppressions WHERE workspace_id = ? ORDER BY created_at, id")
			.param(tenant.workspaceId())
			.query(rs -> {
				csv.append(CsvRows.line(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getTimestamp(4).toInstant()));
			});
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
