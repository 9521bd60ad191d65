package com.penguinmails.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * API keys of a workspace: {@code pm_} followed by 32 random bytes (base64url), shown
 * once and stored only as SHA-256. A key acts with its creator's role in the workspace,
 * narrowed to its scopes ({@code group:read} or {@code group:write}; write implies read).
 */
@Service
public class ApiKeyService {

	public static final String PREFIX = "pm_";

	/** Resource groups a scope can name; features add theirs here as they land. */
	public static final List<String> GROUPS = List.of("workspace", "members", "api_keys", "audit", "domains",
			"mailboxes", "contacts", "templates", "campaigns", "inbox", "analytics", "webhooks", "library", "warmup",
			"reputation", "crm", "system", "alerts");

	public record ApiKey(UUID id, String name, String displayPrefix, List<String> scopes, String createdBy,
			Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
	}

	public record CreatedKey(ApiKey key, String secret) {
	}

	private final JdbcClient jdbc;

	private final SecurityEvents events;

	private final Clock clock;

	ApiKeyService(JdbcClient jdbc, SecurityEvents events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	public static List<String> allScopes() {
		return GROUPS.stream().flatMap(g -> java.util.stream.Stream.of(g + ":read", g + ":write")).toList();
	}

	@Transactional
	public CreatedKey create(Tenant tenant, String name, List<String> scopes, String ip) {
		tenant.require(WorkspaceRole.ADMIN, "api_keys:write");
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > 200) {
			throw new InvalidInputProblem("invalid-name", "Give the key a name of 1 to 200 characters.");
		}
		Set<String> granted = normalizeScopes(scopes);
		if (tenant.viaApiKey() && !tenant.scopes().containsAll(granted)) {
			throw new InvalidInputProblem("invalid-scope", "A key cannot create a key with more scopes than it has.");
		}
		String secret = PREFIX + TokenHashing.newToken();
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO api_keys (id, workspace_id, name, prefix, secret_hash, scopes, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, tenant.workspaceId(), trimmed, secret.substring(0, 11), TokenHashing.sha256(secret),
					granted.toArray(String[]::new), tenant.userId(), Timestamp.from(clock.instant()))
			.update();
		events.workspace("api_key.created", tenant.workspaceId(), tenant.userId(), actor(tenant),
				trimmed + " (" + String.join(", ", granted) + ")", ip);
		return new CreatedKey(find(tenant, id), secret);
	}

	public List<ApiKey> list(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "api_keys:read");
		return query("WHERE k.workspace_id = ? ORDER BY k.revoked_at IS NOT NULL, k.created_at DESC",
				tenant.workspaceId());
	}

	public ApiKey find(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.ADMIN, "api_keys:read");
		return query("WHERE k.workspace_id = ? AND k.id = ?", tenant.workspaceId(), id).stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundProblem("API key"));
	}

	@Transactional
	public void revoke(Tenant tenant, UUID id, String ip) {
		ApiKey key = find(tenant, id);
		tenant.require(WorkspaceRole.ADMIN, "api_keys:write");
		jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE workspace_id = ? AND id = ? AND revoked_at IS NULL")
			.params(Timestamp.from(clock.instant()), tenant.workspaceId(), id)
			.update();
		events.workspace("api_key.revoked", tenant.workspaceId(), tenant.userId(), actor(tenant), key.name(), ip);
	}

	/**
	 * The tenant a bearer secret stands for: a live key whose creator is still a member.
	 */
	public Optional<Tenant> authenticate(String secret) {
		if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
			return Optional.empty();
		}
		record Row(UUID id, UUID workspaceId, UUID userId, String role, String[] scopes, Timestamp lastUsed) {
		}
		Optional<Row> row = jdbc.sql("""
				SELECT k.id, k.workspace_id, k.created_by, m.role, k.scopes, k.last_used_at FROM api_keys k
				JOIN memberships m ON m.workspace_id = k.workspace_id AND m.user_id = k.created_by
				WHERE k.secret_hash = ? AND k.revoked_at IS NULL""")
			.param(TokenHashing.sha256(secret))
			.query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getString(4), (String[]) rs.getArray(5).getArray(),
					rs.getTimestamp(6)))
			.optional();
		return row.map(r -> {
			Instant now = clock.instant();
			// Record use at most once a minute: no write per request on a busy key.
			if (r.lastUsed() == null || r.lastUsed().toInstant().isBefore(now.minusSeconds(60))) {
				jdbc.sql("UPDATE api_keys SET last_used_at = ? WHERE id = ?")
					.params(Timestamp.from(now), r.id())
					.update();
			}
			return new Tenant(r.workspaceId(), r.userId(), WorkspaceRole.valueOf(r.role()), expand(r.scopes()), r.id());
		});
	}

	private List<ApiKey> query(String where, Object... params) {
		return jdbc.sql("""
				SELECT k.id, k.name, k.prefix, k.scopes, u.email, k.created_at, k.last_used_at, k.revoked_at
				FROM api_keys k JOIN users u ON u.id = k.created_by
				""" + where)
			.params(params)
			.query((rs, i) -> new ApiKey(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3) + "…",
					List.of((String[]) rs.getArray(4).getArray()), rs.getString(5), rs.getTimestamp(6).toInstant(),
					UserRepository.instant(rs, "last_used_at"), UserRepository.instant(rs, "revoked_at")))
			.list();
	}

	static Set<String> normalizeScopes(List<String> scopes) {
		if (scopes == null || scopes.isEmpty()) {
			throw new InvalidInputProblem("invalid-scope", "Choose at least one scope.");
		}
		List<String> known = allScopes();
		Set<String> result = new LinkedHashSet<>();
		for (String scope : scopes) {
			String s = scope == null ? "" : scope.strip();
			if (!known.contains(s)) {
				throw new InvalidInputProblem("invalid-scope",
						"Unknown scope '" + s + "'. Known scopes: " + String.join(", ", known) + ".");
			}
			result.add(s);
		}
		return result;
	}

	/** Write implies read. */
	private static Set<String> expand(String[] scopes) {
		Set<String> result = new LinkedHashSet<>(Arrays.asList(scopes));
		for (String scope : scopes) {
			if (scope.endsWith(":write")) {
				result.add(scope.substring(0, scope.length() - ":write".length()) + ":read");
			}
		}
		return result;
	}

	private String actor(Tenant tenant) {
		return jdbc.sql("SELECT email FROM users WHERE id = ?").param(tenant.userId()).query(String.class).single();
	}

}
