package com.penguinmails.contacts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.contacts.SegmentDefinition.Condition;
import com.penguinmails.contacts.internal.SegmentCompiler;
import com.penguinmails.contacts.internal.SegmentCompiler.Compiled;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Lead scoring: each rule is one segment condition and a number of points (negative
 * allowed); a contact's score is the sum of the points of the rules it matches. Scores
 * are stored on the contact (so segments and sorting can use them) and recomputed with
 * one UPDATE when the rules change, after an import, and when a contact is written.
 * Engagement (opens, clicks, replies) will join as conditions once those events exist.
 */
@Service
public class LeadScoring {

	public record Rule(UUID id, String name, Condition condition, int points) {
	}

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final Clock clock;

	private final CustomFields fields;

	LeadScoring(JdbcClient jdbc, ObjectMapper json, Clock clock, CustomFields fields) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.fields = fields;
	}

	@Transactional
	public Rule add(Tenant tenant, String name, Condition condition, int points) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		String trimmed = name == null || name.isBlank() ? describe(condition) : name.strip();
		if (trimmed.length() > 200) {
			throw new InvalidInputProblem("invalid-name", "A rule name has at most 200 characters.");
		}
		if (condition == null) {
			throw new InvalidInputProblem("invalid-rule", "A rule needs a condition.");
		}
		if (points < -1000 || points > 1000 || points == 0) {
			throw new InvalidInputProblem("invalid-points", "Points run from -1000 to 1000, and are not 0.");
		}
		// Compiling checks the condition before it is stored.
		SegmentCompiler.compile(condition, fields.types(tenant.workspaceId()));
		UUID id = UUID.randomUUID();
		try {
			jdbc.sql("""
					INSERT INTO lead_score_rules (id, workspace_id, name, condition, points, created_at)
					VALUES (?, ?, ?, ?::jsonb, ?, ?)""")
				.params(id, tenant.workspaceId(), trimmed, json.writeValueAsString(condition), points,
						Timestamp.from(clock.instant()))
				.update();
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		rescore(tenant.workspaceId(), null);
		return new Rule(id, trimmed, condition, points);
	}

	public List<Rule> rules(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return rules(tenant.workspaceId());
	}

	@Transactional
	public void delete(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		if (jdbc.sql("DELETE FROM lead_score_rules WHERE workspace_id = ? AND id = ?")
			.params(tenant.workspaceId(), id)
			.update() == 0) {
			throw new NotFoundProblem("Scoring rule");
		}
		rescore(tenant.workspaceId(), null);
	}

	/**
	 * Recomputes the scores of one contact, or of the whole workspace when
	 * {@code contactId} is null; only rows whose score changes are written.
	 */
	void rescore(UUID workspaceId, UUID contactId) {
		rescore(workspaceId, contactId, rules(workspaceId));
	}

	/**
	 * After an import: without rules every score is already 0 (deleting the last rule
	 * reset them), so there is nothing to do.
	 */
	void rescoreAfterImport(UUID workspaceId) {
		List<Rule> rules = rules(workspaceId);
		if (!rules.isEmpty()) {
			rescore(workspaceId, null, rules);
		}
	}

	private void rescore(UUID workspaceId, UUID contactId, List<Rule> rules) {
		Map<String, String> types = fields.types(workspaceId);
		StringBuilder score = new StringBuilder("0");
		List<Object> params = new ArrayList<>();
		for (Rule rule : rules) {
			Compiled compiled;
			try {
				compiled = SegmentCompiler.compile(rule.condition(), types);
			}
			catch (InvalidInputProblem ex) {
				// A rule over a list that was deleted since: it scores nothing.
				continue;
			}
			score.append(" + CASE WHEN ").append(compiled.sql()).append(" THEN ? ELSE 0 END");
			params.addAll(compiled.params());
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

	private List<Rule> rules(UUID workspaceId) {
		return jdbc.sql("""
				SELECT id, name, condition::text, points FROM lead_score_rules
				WHERE workspace_id = ? ORDER BY created_at, id""")
			.param(workspaceId)
			.query((rs, i) -> new Rule(rs.getObject(1, UUID.class), rs.getString(2), read(rs.getString(3)),
					rs.getInt(4)))
			.list();
	}

	private Condition read(String stored) {
		try {
			return json.readValue(stored, Condition.class);
		}
		catch (JsonProcessingException ex) {
			return new Condition("email", "is_empty", null);
		}
	}

	private static String describe(Condition condition) {
		if (condition == null) {
			return "";
		}
		String value = condition.value() == null ? "" : " " + condition.value();
		return (condition.field() + " " + condition.op() + value).strip();
	}

}
