package com.penguinmails.mailboxes.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.mailboxes.ProviderHealth;
import com.penguinmails.mailboxes.RouteMatch;
import com.penguinmails.mailboxes.SendingProvider;
import com.penguinmails.mailboxes.TransportKind;

/**
 * Sending providers and sending routes; every tenant query takes the workspace id first.
 * Provider secrets stay encrypted here.
 */
@Repository
public class RoutingRepository {

	/** A sending provider as stored (its secrets encrypted). */
	public record ProviderRow(UUID id, UUID workspaceId, String name, MailboxRepository.Provider provider,
			ProviderHealth health, String healthError, Instant healthChangedAt, Instant checkedAt, boolean enabled) {

		public SendingProvider view() {
			return new SendingProvider(id, name, provider.view().withoutFallback(), health, healthError,
					healthChangedAt, checkedAt, enabled);
		}

	}

	/**
	 * A sending route as stored, with its providers' ids in order;
	 * {@code campaignArchived} when its campaign is archived (it never matches).
	 */
	public record RouteRow(UUID id, int position, RouteMatch match, String value, UUID campaignId, String campaignName,
			boolean thenSmtp, List<UUID> providers, boolean campaignArchived) {
	}

	/** A campaign a route may name, with whether it is archived. */
	public record CampaignName(UUID id, String name, boolean archived) {
	}

	private static final String PROVIDER_COLUMNS = """
			id, workspace_id, name, kind, stream, domain, region, credentials, health, health_error,
			health_changed_at, checked_at, enabled""";

	private final JdbcClient jdbc;

	RoutingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insertProvider(UUID workspaceId, UUID id, String name, MailboxRepository.Provider provider,
			boolean enabled, Instant now) {
		jdbc.sql("""
				INSERT INTO sending_providers (id, workspace_id, name, kind, stream, domain, region, credentials,
				    enabled, next_check_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, workspaceId, name, provider.kind().value(), provider.stream(), provider.domain(),
					provider.region(), provider.credentials(), enabled, Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	/** New settings: the health is unknown again and the provider is due for a check. */
	public void updateProvider(UUID workspaceId, UUID id, String name, MailboxRepository.Provider provider,
			boolean enabled, Instant now) {
		jdbc.sql("""
				UPDATE sending_providers SET name = ?, kind = ?, stream = ?, domain = ?, region = ?, credentials = ?,
				    enabled = ?, health = 'unknown', health_error = NULL, health_changed_at = ?, next_check_at = ?
				WHERE workspace_id = ? AND id = ?""")
			.params(name, provider.kind().value(), provider.stream(), provider.domain(), provider.region(),
					provider.credentials(), enabled, Timestamp.from(now), Timestamp.from(now), workspaceId, id)
			.update();
	}

	public boolean nameTaken(UUID workspaceId, String name, UUID except) {
		return jdbc
			.sql("SELECT count(*) FROM sending_providers WHERE workspace_id = ? AND lower(name) = lower(?) AND id <> ?")
			.params(workspaceId, name, except)
			.query(Long.class)
			.single() > 0;
	}

	public List<ProviderRow> providers(UUID workspaceId) {
		return jdbc
			.sql("SELECT " + PROVIDER_COLUMNS + " FROM sending_providers WHERE workspace_id = ? ORDER BY lower(name)")
			.param(workspaceId)
			.query(RoutingRepository::provider)
			.list();
	}

	public Optional<ProviderRow> provider(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT " + PROVIDER_COLUMNS + " FROM sending_providers WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query(RoutingRepository::provider)
			.optional();
	}

	/** How many routes name the provider. */
	public long routesUsing(UUID workspaceId, UUID providerId) {
		return jdbc.sql("""
				SELECT count(DISTINCT s.route_id) FROM sending_route_steps s
				JOIN sending_routes r ON r.id = s.route_id
				WHERE r.workspace_id = ? AND s.provider_id = ?""")
			.params(workspaceId, providerId)
			.query(Long.class)
			.single();
	}

	public boolean deleteProvider(UUID workspaceId, UUID id) {
		return jdbc.sql("DELETE FROM sending_providers WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.update() == 1;
	}

	/**
	 * Claims up to {@code limit} providers of any workspace whose check is due at
	 * {@code now}, moving their next check to {@code next}:
	 * {@code FOR UPDATE SKIP LOCKED} lets each node take others' providers, so one node
	 * checks each.
	 */
	public List<ProviderRow> claimDue(Instant now, Instant next, int limit) {
		return jdbc.sql("""
				UPDATE sending_providers SET next_check_at = ?
				WHERE id IN (SELECT id FROM sending_providers WHERE enabled AND next_check_at <= ?
				             ORDER BY next_check_at LIMIT ? FOR UPDATE SKIP LOCKED)
				""" + " RETURNING " + PROVIDER_COLUMNS)
			.params(Timestamp.from(next), Timestamp.from(now), limit)
			.query(RoutingRepository::provider)
			.list();
	}

	/**
	 * Records a check's outcome (or a send's failure): the health, the error in words
	 * (null when healthy), when it changed (only when it did), when it was checked, and
	 * when to check next.
	 */
	public void recordHealth(UUID workspaceId, UUID id, ProviderHealth health, String error, Instant now, Instant next,
			boolean checked) {
		jdbc.sql("""
				UPDATE sending_providers SET
				    health_changed_at = CASE WHEN health <> ? THEN ? ELSE health_changed_at END,
				    health = ?, health_error = ?,
				    checked_at = CASE WHEN ? THEN ? ELSE checked_at END,
				    next_check_at = CASE WHEN ? THEN ? ELSE LEAST(next_check_at, ?) END
				WHERE workspace_id = ? AND id = ?""")
			.params(health.value(), Timestamp.from(now), health.value(), cut(error), checked, Timestamp.from(now),
					checked, Timestamp.from(next), Timestamp.from(next), workspaceId, id)
			.update();
	}

	public List<RouteRow> routes(UUID workspaceId) {
		Map<UUID, List<UUID>> steps = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT s.route_id, s.provider_id FROM sending_route_steps s
				JOIN sending_routes r ON r.id = s.route_id
				WHERE r.workspace_id = ? ORDER BY s.route_id, s.step""").param(workspaceId).query(rs -> {
			steps.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
		});
		return jdbc.sql("""
				SELECT r.id, r.position, r.match_kind, r.match_value, r.campaign_id, c.name AS campaign_name,
				    c.status AS campaign_status, r.then_smtp
				FROM sending_routes r LEFT JOIN campaigns c ON c.id = r.campaign_id AND c.workspace_id = r.workspace_id
				WHERE r.workspace_id = ? ORDER BY r.position, r.created_at""")
			.param(workspaceId)
			.query((rs, i) -> new RouteRow(rs.getObject("id", UUID.class), rs.getInt("position"),
					RouteMatch.of(rs.getString("match_kind")), rs.getString("match_value"),
					rs.getObject("campaign_id", UUID.class), rs.getString("campaign_name"), rs.getBoolean("then_smtp"),
					List.copyOf(steps.getOrDefault(rs.getObject("id", UUID.class), List.of())),
					"archived".equals(rs.getString("campaign_status"))))
			.list();
	}

	/** Adds a route last. */
	public void insertRoute(UUID workspaceId, UUID id, RouteRow route, Instant now) {
		jdbc.sql("""
				INSERT INTO sending_routes (id, workspace_id, position, match_kind, match_value, campaign_id, then_smtp,
				    created_at)
				VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM sending_routes WHERE workspace_id = ?),
				    ?, ?, ?, ?, ?)""")
			.params(id, workspaceId, workspaceId, route.match().value(), route.value(), route.campaignId(),
					route.thenSmtp(), Timestamp.from(now))
			.update();
		steps(id, route.providers());
	}

	public boolean updateRoute(UUID workspaceId, UUID id, RouteRow route) {
		boolean found = jdbc.sql("""
				UPDATE sending_routes SET match_kind = ?, match_value = ?, campaign_id = ?, then_smtp = ?
				WHERE workspace_id = ? AND id = ?""")
			.params(route.match().value(), route.value(), route.campaignId(), route.thenSmtp(), workspaceId, id)
			.update() == 1;
		if (found) {
			jdbc.sql("DELETE FROM sending_route_steps WHERE route_id = ?").param(id).update();
			steps(id, route.providers());
		}
		return found;
	}

	private void steps(UUID routeId, List<UUID> providers) {
		for (int i = 0; i < providers.size(); i++) {
			jdbc.sql("INSERT INTO sending_route_steps (route_id, step, provider_id) VALUES (?, ?, ?)")
				.params(routeId, i + 1, providers.get(i))
				.update();
		}
	}

	public boolean deleteRoute(UUID workspaceId, UUID id) {
		return jdbc.sql("DELETE FROM sending_routes WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.update() == 1;
	}

	/** Numbers the workspace's routes 1, 2, ... in the order given (every route once). */
	public void order(UUID workspaceId, List<UUID> ids) {
		for (int i = 0; i < ids.size(); i++) {
			jdbc.sql("UPDATE sending_routes SET position = ? WHERE workspace_id = ? AND id = ?")
				.params(i + 1, workspaceId, ids.get(i))
				.update();
		}
	}

	/** Locks the workspace's routes while they are renumbered. */
	public void lockRoutes(UUID workspaceId) {
		jdbc.sql("SELECT id FROM sending_routes WHERE workspace_id = ? FOR UPDATE")
			.param(workspaceId)
			.query(UUID.class)
			.list();
	}

	/**
	 * A campaign of the workspace (campaigns' table, read for route names), with whether
	 * it is archived.
	 */
	public Optional<CampaignName> campaign(UUID workspaceId, UUID campaignId) {
		return jdbc.sql("SELECT id, name, status FROM campaigns WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, campaignId)
			.query(RoutingRepository::campaign)
			.optional();
	}

	/**
	 * The workspace's campaigns that are not archived, newest first, for choosing one on
	 * the page.
	 */
	public List<CampaignName> campaigns(UUID workspaceId, int limit) {
		return jdbc.sql("""
				SELECT id, name, status FROM campaigns WHERE workspace_id = ? AND status <> 'archived'
				ORDER BY created_at DESC LIMIT ?""")
			.params(workspaceId, limit)
			.query(RoutingRepository::campaign)
			.list();
	}

	/**
	 * Marks that every provider of the route is failing, since {@code now}; false when it
	 * was marked already (so the alert is raised once, by one node).
	 */
	public boolean markAllFailing(UUID workspaceId, UUID routeId, Instant now) {
		return jdbc.sql("""
				UPDATE sending_routes SET all_failing_since = ?
				WHERE workspace_id = ? AND id = ? AND all_failing_since IS NULL""")
			.params(Timestamp.from(now), workspaceId, routeId)
			.update() == 1;
	}

	/** Clears the mark of {@link #markAllFailing}; false when it was not marked. */
	public boolean clearAllFailing(UUID workspaceId, UUID routeId) {
		return jdbc.sql("""
				UPDATE sending_routes SET all_failing_since = NULL
				WHERE workspace_id = ? AND id = ? AND all_failing_since IS NOT NULL""")
			.params(workspaceId, routeId)
			.update() == 1;
	}

	private static CampaignName campaign(ResultSet rs, int i) throws SQLException {
		return new CampaignName(rs.getObject("id", UUID.class), rs.getString("name"),
				"archived".equals(rs.getString("status")));
	}

	private static ProviderRow provider(ResultSet rs, int i) throws SQLException {
		return new ProviderRow(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getString("name"),
				new MailboxRepository.Provider(TransportKind.of(rs.getString("kind")), rs.getString("stream"),
						rs.getString("domain"), rs.getString("region"), rs.getBytes("credentials"), false),
				ProviderHealth.of(rs.getString("health")), rs.getString("health_error"),
				instant(rs.getTimestamp("health_changed_at")), instant(rs.getTimestamp("checked_at")),
				rs.getBoolean("enabled"));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static String cut(String text) {
		return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
	}

}
