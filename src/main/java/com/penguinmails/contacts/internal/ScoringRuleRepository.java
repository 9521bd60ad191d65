package com.penguinmails.contacts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.contacts.internal.SegmentCompiler.Compiled;

/**
 * The SQL of {@code lead_score_rules} and of writing the scores on {@code contacts}.
 * Every query is scoped to the workspace given first.
 */
@Repository
public class ScoringRuleRepository {

	/** A rule as stored: its condition is the JSON text. */
	public record StoredRule(UUID id, String name, String condition, int points) {
	}

	/** A compiled rule: its condition on {@code contacts c} and its points. */
	public record ScoredCondition(Compiled condition, int points) {
	}

	private final JdbcClient jdbc;

	ScoringRuleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(UUID workspaceId, UUID id, String name, String conditionJson, int points, Instant at) {
		jdbc.sql("""
				INSERT INTO lead_score_rules (id, workspace_id, name, condition, points, created_at)
				VALUES (?, ?, ?, ?::jsonb, ?, ?)""")
			.params(id, workspaceId, name, conditionJson, points, Timestamp.from(at))
			.update();
	}

	/** The rules, oldest first. */
	public List<StoredRule> rules(UUID workspaceId) {
		return jdbc.sql("""
				SELECT id, name, condition::text AS condition, points FROM lead_score_rules
				WHERE workspace_id = ? ORDER BY created_at, id""").param(workspaceId).query(StoredRule.class).list();
	}

	public boolean delete(UUID workspaceId, UUID id) {
		return jdbc.sql("DELETE FROM lead_score_rules WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.update() > 0;
	}

	/**
	 * Sets each contact's score to the sum of the points of the conditions it matches,
	 * for one contact or the whole workspace ({@code contactId} null), in one UPDATE that
	 * writes only the rows whose score changes.
	 */
	public void rescore(UUID workspaceId, UUID contactId, List<ScoredCondition> rules) {
		StringBuilder score = new StringBuilder("0");
		List<Object> params = new ArrayList<>();
		for (ScoredCondition rule : rules) {
			score.append(" + CASE WHEN ").append(rule.condition().sql()).append(" THEN ? ELSE 0 END");
			params.addAll(rule.condition().params());
			params.add(rule.points());
		}
		List<Object> all = new ArrayList<>(params);
		all.add(workspaceId);
		all.add(contactId);
		all.add(contactId);
		all.addAll(params);
		jdbc.sql("UPDATE contacts c SET score = " + score
				+ " WHERE c.workspace_id = ? AND (?::uuid IS NULL OR c.id = ?::uuid) AND c.score IS DISTINCT FROM ("
				+ score + ")")
			.params(all)
			.update();
	}

}
