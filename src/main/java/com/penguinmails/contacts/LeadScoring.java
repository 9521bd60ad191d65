package com.penguinmails.contacts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.contacts.SegmentDefinition.Condition;
import com.penguinmails.contacts.internal.SegmentCompiler;
import com.penguinmails.contacts.internal.ScoringRuleRepository;
import com.penguinmails.contacts.internal.ScoringRuleRepository.ScoredCondition;
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

	/** A scoring rule: one segment condition and its points (-1,000 to 1,000, not 0). */
	public record Rule(UUID id, String name, Condition condition, int points) {
	}

	private final ScoringRuleRepository repository;

	private final ObjectMapper json;

	private final Clock clock;

	private final CustomFields fields;

	LeadScoring(ScoringRuleRepository repository, ObjectMapper json, Clock clock, CustomFields fields) {
		this.repository = repository;
		this.json = json;
		this.clock = clock;
		this.fields = fields;
	}

	/**
	 * Adds a rule and recomputes every score of the workspace.
	 * @param name a name, or blank for the condition in words
	 * @throws InvalidInputProblem {@code invalid-name}, {@code invalid-rule},
	 * {@code invalid-points} (-1,000 to 1,000, not 0), or {@code invalid-segment} for the
	 * condition
	 */
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
			repository.insert(tenant.workspaceId(), id, trimmed, json.writeValueAsString(condition), points,
					clock.instant());
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		rescore(tenant.workspaceId(), null);
		return new Rule(id, trimmed, condition, points);
	}

	/** The rules, oldest first. */
	public List<Rule> rules(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return rules(tenant.workspaceId());
	}

	/** Deletes a rule and recomputes every score of the workspace. */
	@Transactional
	public void delete(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		if (!repository.delete(tenant.workspaceId(), id)) {
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
		List<ScoredCondition> compiled = new ArrayList<>();
		for (Rule rule : rules) {
			try {
				compiled.add(new ScoredCondition(SegmentCompiler.compile(rule.condition(), types), rule.points()));
			}
			catch (InvalidInputProblem ex) {
				// A rule over a list that was deleted since: it scores nothing.
			}
		}
		repository.rescore(workspaceId, contactId, compiled);
	}

	private List<Rule> rules(UUID workspaceId) {
		return repository.rules(workspaceId)
			.stream()
			.map(rule -> new Rule(rule.id(), rule.name(), read(rule.condition()), rule.points()))
			.toList();
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
