package com.penguinmails.reputation.internal.timeline;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.reputation.ReputationScore;

/** Stored daily scores ({@code reputation_scores}) and the daily run's claims. */
@Repository
public class ScoreRepository {

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	ScoreRepository(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Stores (or replaces) the subject's score of {@code day}. */
	public void save(UUID workspaceId, Subject subject, LocalDate day, ReputationScore score, Instant now) {
		String breakdown;
		try {
			breakdown = json.writeValueAsString(score.parts());
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		jdbc.sql(
				"""
						INSERT INTO reputation_scores (workspace_id, subject_kind, subject_key, day, score, breakdown, computed_at)
						VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)
						ON CONFLICT (workspace_id, subject_kind, subject_key, day)
						DO UPDATE SET score = EXCLUDED.score, breakdown = EXCLUDED.breakdown, computed_at = EXCLUDED.computed_at""")
			.params(workspaceId, subject.kind().value(), subject.key(), Date.valueOf(day), score.score(), breakdown,
					Timestamp.from(now))
			.update();
	}

	/** The subject's stored scores from {@code from} to {@code to}, by day. */
	public Map<LocalDate, Integer> stored(UUID workspaceId, Subject subject, LocalDate from, LocalDate to) {
		Map<LocalDate, Integer> days = new TreeMap<>();
		jdbc.sql("""
				SELECT day, score FROM reputation_scores
				WHERE workspace_id = ? AND subject_kind = ? AND subject_key = ? AND day BETWEEN ? AND ?""")
			.params(workspaceId, subject.kind().value(), subject.key(), Date.valueOf(from), Date.valueOf(to))
			.query(rs -> {
				days.put(rs.getDate(1).toLocalDate(), rs.getInt(2));
			});
		return days;
	}

	/** The subject's stored score of {@code day}, if any. */
	public Optional<Integer> storedOn(UUID workspaceId, Subject subject, LocalDate day) {
		return Optional.ofNullable(stored(workspaceId, subject, day, day).get(day));
	}

	/**
	 * Claims the scoring of {@code day} for up to {@code limit} of {@code workspaces} not
	 * done yet and not leased by another node (SKIP LOCKED), leasing them.
	 */
	public List<UUID> claim(List<UUID> workspaces, LocalDate day, Instant now, Duration lease, int limit) {
		for (UUID workspace : workspaces) {
			jdbc.sql("INSERT INTO reputation_score_runs (workspace_id, day) VALUES (?, ?) ON CONFLICT DO NOTHING")
				.params(workspace, Date.valueOf(day))
				.update();
		}
		return jdbc.sql("""
				UPDATE reputation_score_runs SET lease_until = ?
				WHERE (workspace_id, day) IN (
				    SELECT workspace_id, day FROM reputation_score_runs
				    WHERE day = ? AND done_at IS NULL AND (lease_until IS NULL OR lease_until < ?)
				    LIMIT ? FOR UPDATE SKIP LOCKED)
				RETURNING workspace_id""")
			.params(Timestamp.from(now.plus(lease)), Date.valueOf(day), Timestamp.from(now), limit)
			.query(UUID.class)
			.list();
	}

	/** Marks the run done. */
	public void done(UUID workspaceId, LocalDate day, Instant now) {
		jdbc.sql("UPDATE reputation_score_runs SET done_at = ?, lease_until = NULL WHERE workspace_id = ? AND day = ?")
			.params(Timestamp.from(now), workspaceId, Date.valueOf(day))
			.update();
	}

}
