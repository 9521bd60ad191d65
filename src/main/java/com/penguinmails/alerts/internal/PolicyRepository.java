package com.penguinmails.alerts.internal;

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

import com.penguinmails.alerts.EscalationPolicy;

/**
 * The {@code alert_escalation_policies} and {@code alert_escalation_steps} tables; every
 * query takes the workspace id first.
 */
@Repository
public class PolicyRepository {

	/** A step to store: a channel or an address. */
	public record NewStep(UUID channelId, String email, int afterMinutes) {
	}

	private final JdbcClient jdbc;

	PolicyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<EscalationPolicy> policies(UUID workspaceId) {
		Map<UUID, String> names = new LinkedHashMap<>();
		jdbc.sql("SELECT id, name FROM alert_escalation_policies WHERE workspace_id = ? ORDER BY created_at, id")
			.param(workspaceId)
			.query(rs -> {
				names.put(rs.getObject("id", UUID.class), rs.getString("name"));
			});
		Map<UUID, List<EscalationPolicy.Step>> steps = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT s.policy_id, s.position, s.channel_id, s.email, s.after_minutes, c.name AS channel_name
				FROM alert_escalation_steps s
				JOIN alert_escalation_policies p ON p.id = s.policy_id
				LEFT JOIN alert_channels c ON c.id = s.channel_id
				WHERE p.workspace_id = ? ORDER BY s.policy_id, s.position""").param(workspaceId).query(rs -> {
			String email = rs.getString("email");
			steps.computeIfAbsent(rs.getObject("policy_id", UUID.class), k -> new ArrayList<>())
				.add(new EscalationPolicy.Step(rs.getInt("position"), rs.getObject("channel_id", UUID.class), email,
						rs.getInt("after_minutes"), email != null ? email : rs.getString("channel_name")));
		});
		return names.entrySet()
			.stream()
			.map(e -> new EscalationPolicy(e.getKey(), e.getValue(), steps.getOrDefault(e.getKey(), List.of())))
			.toList();
	}

	public Optional<EscalationPolicy> policy(UUID workspaceId, UUID id) {
		return policies(workspaceId).stream().filter(p -> p.id().equals(id)).findFirst();
	}

	public UUID insert(UUID workspaceId, String name, List<NewStep> steps, Instant now) {
		UUID id = UUID.randomUUID();
		jdbc.sql("INSERT INTO alert_escalation_policies (id, workspace_id, name, created_at) VALUES (?, ?, ?, ?)")
			.params(id, workspaceId, name, Timestamp.from(now))
			.update();
		insertSteps(id, steps);
		return id;
	}

	/** Renames a policy of the workspace and replaces its steps. */
	public boolean update(UUID workspaceId, UUID id, String name, List<NewStep> steps) {
		if (jdbc.sql("UPDATE alert_escalation_policies SET name = ? WHERE workspace_id = ? AND id = ?")
			.params(name, workspaceId, id)
			.update() != 1) {
			return false;
		}
		jdbc.sql("""
				DELETE FROM alert_escalation_steps WHERE policy_id IN
				    (SELECT id FROM alert_escalation_policies WHERE workspace_id = ? AND id = ?)""")
			.params(workspaceId, id)
			.update();
		insertSteps(id, steps);
		return true;
	}

	private void insertSteps(UUID policyId, List<NewStep> steps) {
		int position = 1;
		for (NewStep step : steps) {
			jdbc.sql("""
					INSERT INTO alert_escalation_steps (policy_id, position, channel_id, email, after_minutes)
					VALUES (?, ?, ?, ?, ?)""")
				.params(policyId, position++, step.channelId(), step.email(), step.afterMinutes())
				.update();
		}
	}

	public boolean delete(UUID workspaceId, UUID id) {
		return jdbc.sql("DELETE FROM alert_escalation_policies WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.update() == 1;
	}

}
