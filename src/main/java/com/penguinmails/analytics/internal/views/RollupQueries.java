package com.penguinmails.analytics.internal.views;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.analytics.AnalyticsFilter;
import com.penguinmails.analytics.Totals;
import com.penguinmails.analytics.internal.rollup.RollupSql;

/**
 * Sums of the rollups for a filter, grouped by some dimensions. The smallest table that
 * has the dimensions asked for and filtered on is read: a daily grain when the period's
 * zone is the rollups' zone, else the hourly rows (any zone, any filter; slower over long
 * periods).
 */
@Component
public class RollupQueries {

	/** What figures can be grouped and filtered by. */
	public enum Dim {

		DAY, CAMPAIGN, STEP, VARIANT, PROVIDER, MAILBOX

	}

	/**
	 * One group's sums: the dimensions grouped by are set, the others null.
	 *
	 * @param step 0-based as stored
	 * @param variant 0 = A
	 */
	public record Row(LocalDate day, UUID campaignId, Integer step, Integer variant, String provider, UUID mailboxId,
			Totals totals) {
	}

	/** One cell of the send-time heatmap: slot = weekday (0 = Monday) * 24 + hour. */
	public record Slot(int slot, long sent, long replied) {
	}

	private static final Set<Dim> CAMPAIGN_GRAIN = EnumSet.of(Dim.DAY, Dim.CAMPAIGN, Dim.STEP, Dim.VARIANT,
			Dim.PROVIDER);

	private static final Set<Dim> MAILBOX_GRAIN = EnumSet.of(Dim.DAY, Dim.CAMPAIGN, Dim.MAILBOX);

	private static final Set<Dim> HOURLY_CAMPAIGN_GRAIN = EnumSet.of(Dim.DAY, Dim.CAMPAIGN);

	private final JdbcClient jdbc;

	RollupQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The sums of the filter's slice grouped by {@code groupBy} (none: one row of
	 * totals). {@code mailboxIds} replaces the filter's mailboxes and domain (null: no
	 * mailbox filter); interested is left 0 (see {@code Interested}).
	 */
	public List<Row> sums(UUID workspaceId, AnalyticsFilter filter, ZoneId rollupZone, List<UUID> mailboxIds,
			Set<Dim> groupBy) {
		if (filter.listId() != null || filter.tag() != null) {
			return audienceSums(workspaceId, filter, mailboxIds, groupBy);
		}
		String table = table(filter, rollupZone, mailboxIds, groupBy);
		List<Object> params = new ArrayList<>();
		StringBuilder where = new StringBuilder(" WHERE workspace_id = ?");
		params.add(workspaceId);
		String dayColumn;
		if (table.startsWith("analytics_hourly")) {
			dayColumn = "(hour AT TIME ZONE '" + filter.zone().getId().replace("'", "") + "')::date";
			where.append(" AND hour >= ? AND hour < ?");
			params.add(Timestamp.from(filter.start()));
			params.add(Timestamp.from(filter.end()));
		}
		else {
			dayColumn = "day";
			where.append(" AND day >= ? AND day <= ?");
			params.add(Date.valueOf(filter.from()));
			params.add(Date.valueOf(filter.to()));
		}
		Slice.ROLLUPS.append(filter, mailboxIds, where, params);
		return jdbc.sql(select(groupBy, dayColumn, table + where)).params(params).query((rs, i) -> row(rs)).list();
	}

	/**
	 * The smallest rollup table with every dimension grouped by and filtered on: a daily
	 * grain when the period's zone is the rollups', else the hourly per-campaign grain or
	 * the hourly rows.
	 */
	private static String table(AnalyticsFilter filter, ZoneId rollupZone, List<UUID> mailboxIds, Set<Dim> groupBy) {
		Set<Dim> needed = EnumSet.noneOf(Dim.class);
		needed.addAll(groupBy);
		if (mailboxIds != null) {
			needed.add(Dim.MAILBOX);
		}
		if (filter.step() != null) {
			needed.add(Dim.STEP);
		}
		if (filter.variant() != null) {
			needed.add(Dim.VARIANT);
		}
		if (filter.provider() != null) {
			needed.add(Dim.PROVIDER);
		}
		boolean daily = filter.zone().getId().equals(rollupZone.getId());
		if (daily && CAMPAIGN_GRAIN.containsAll(needed)) {
			return "analytics_day_campaign";
		}
		if (daily && MAILBOX_GRAIN.containsAll(needed)) {
			return "analytics_day_mailbox";
		}
		if (HOURLY_CAMPAIGN_GRAIN.containsAll(needed)) {
			return "analytics_hourly_campaign";
		}
		return "analytics_hourly";
	}

	/**
	 * The columns a query names the filter's dimensions by, to append the filter's
	 * campaign, mailbox, step, variant and provider conditions to its WHERE clause: one
	 * builder for the rollups' sums and the queries that read live rows.
	 */
	public record Slice(String campaign, String mailbox, String step, String variant, String provider) {

		/** The rollup tables' own column names. */
		static final Slice ROLLUPS = new Slice("campaign_id", "mailbox_id", "step", "variant", "provider");

		/**
		 * Appends {@code AND ...} for each condition the filter sets (the mailboxes are
		 * {@code mailboxIds}, null for none; steps are 1-based in the filter) and its
		 * parameters in order.
		 */
		public void append(AnalyticsFilter filter, List<UUID> mailboxIds, StringBuilder where, List<Object> params) {
			if (!filter.campaignIds().isEmpty()) {
				where.append(" AND ").append(campaign).append(" = ANY(?::uuid[])");
				params.add(uuids(filter.campaignIds()));
			}
			if (mailboxIds != null) {
				where.append(" AND ").append(mailbox).append(" = ANY(?::uuid[])");
				params.add(uuids(mailboxIds));
			}
			if (filter.step() != null) {
				where.append(" AND ").append(step).append(" = ?");
				params.add(filter.step() - 1);
			}
			if (filter.variant() != null) {
				where.append(" AND ").append(variant).append(" = ?");
				params.add(filter.variant());
			}
			if (filter.provider() != null) {
				where.append(" AND ").append(provider).append(" = ?");
				params.add(filter.provider().value());
			}
		}

	}

	/**
	 * The SELECT of the dimensions grouped by (NULL for the others) and the sums, FROM
	 * {@code from}.
	 */
	private static String select(Set<Dim> groupBy, String dayColumn, String from) {
		List<String> columns = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < Dim.values().length; i++) {
			Dim dim = Dim.values()[i];
			columns.add(groupBy.contains(dim) ? column(dim, dayColumn) : "NULL");
			if (groupBy.contains(dim)) {
				keys.add(String.valueOf(i + 1));
			}
		}
		return "SELECT " + String.join(", ", columns) + ", " + RollupSql.SUM_MEASURES + " FROM " + from
				+ (keys.isEmpty() ? "" : " GROUP BY " + String.join(", ", keys));
	}

	/**
	 * The heatmap's cells for the period, campaigns filtered only (other filters apply to
	 * none).
	 */
	public List<Slot> slots(UUID workspaceId, AnalyticsFilter filter) {
		List<Object> params = new ArrayList<>(
				List.of(workspaceId, Timestamp.from(filter.start()), Timestamp.from(filter.end())));
		String campaigns = "";
		if (!filter.campaignIds().isEmpty()) {
			campaigns = " AND campaign_id = ANY(?::uuid[])";
			params.add(uuids(filter.campaignIds()));
		}
		return jdbc.sql("""
				SELECT slot, sum(sent), sum(replied) FROM analytics_hourly_slots
				WHERE workspace_id = ? AND hour >= ? AND hour < ?%s GROUP BY slot ORDER BY slot""".formatted(campaigns))
			.params(params)
			.query((rs, i) -> new Slot(rs.getInt(1), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	/**
	 * The contacts a list or tag filter keeps, as a sub-select of contact ids and its
	 * parameters; null when the filter has neither.
	 */
	public static Object[] audience(UUID workspaceId, AnalyticsFilter filter) {
		List<String> parts = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		if (filter.listId() != null) {
			parts.add("SELECT contact_id FROM contact_list_members WHERE workspace_id = ? AND list_id = ?");
			params.add(workspaceId);
			params.add(filter.listId());
		}
		if (filter.tag() != null) {
			parts.add("SELECT id FROM contacts WHERE workspace_id = ? AND tags @> ARRAY[?]::text[]");
			params.add(workspaceId);
			params.add(filter.tag());
		}
		if (parts.isEmpty()) {
			return null;
		}
		return new Object[] { String.join(" INTERSECT ", parts), params };
	}

	/**
	 * The sums for a list or tag filter: contacts' membership changes and is not rolled
	 * up, so the raw events of the period are read, of the audience's contacts only
	 * (right at any size, as fast as the audience is small).
	 */
	@SuppressWarnings("unchecked")
	private List<Row> audienceSums(UUID workspaceId, AnalyticsFilter filter, List<UUID> mailboxIds, Set<Dim> groupBy) {
		Object[] audience = audience(workspaceId, filter);
		List<Object> params = new ArrayList<>();
		for (int branch = 0; branch < 3; branch++) {
			params.add(workspaceId);
			params.add(Timestamp.from(filter.start()));
			params.add(Timestamp.from(filter.end()));
			params.addAll((List<Object>) audience[1]);
		}
		StringBuilder where = new StringBuilder(" WHERE true");
		Slice.ROLLUPS.append(filter, mailboxIds, where, params);
		String dayColumn = "(at AT TIME ZONE '" + filter.zone().getId().replace("'", "") + "')::date";
		String sql = select(groupBy, dayColumn, "(" + RollupSql.events((String) audience[0]) + ") x" + where);
		return jdbc.sql(sql).params(params).query((rs, i) -> row(rs)).list();
	}

	/** One cohort's people contacted and people who replied in the period. */
	public record CohortSums(String cohort, long contacted, long replied) {
	}

	/**
	 * People contacted and who replied in the period, by cohort of {@code kind}
	 * ({@code first_send_week}, {@code mailbox_age_week}, {@code import_week}), campaigns
	 * filtered only.
	 */
	public List<CohortSums> cohorts(UUID workspaceId, AnalyticsFilter filter, String kind) {
		List<Object> params = new ArrayList<>(
				List.of(workspaceId, kind, Timestamp.from(filter.start()), Timestamp.from(filter.end())));
		String campaigns = "";
		if (!filter.campaignIds().isEmpty()) {
			campaigns = " AND campaign_id = ANY(?::uuid[])";
			params.add(uuids(filter.campaignIds()));
		}
		return jdbc
			.sql("""
					SELECT cohort, sum(contacted), sum(replied) FROM analytics_hourly_cohorts
					WHERE workspace_id = ? AND cohort_kind = ? AND hour >= ? AND hour < ?%s GROUP BY cohort"""
				.formatted(campaigns))
			.params(params)
			.query((rs, i) -> new CohortSums(rs.getString(1), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	private static String column(Dim dim, String dayColumn) {
		return switch (dim) {
			case DAY -> dayColumn;
			case CAMPAIGN -> "campaign_id";
			case STEP -> "step";
			case VARIANT -> "variant";
			case PROVIDER -> "provider";
			case MAILBOX -> "mailbox_id";
		};
	}

	private static Row row(ResultSet rs) throws SQLException {
		Date day = rs.getDate(1);
		long[] m = new long[RollupSql.MEASURES.length];
		for (int i = 0; i < m.length; i++) {
			m[i] = rs.getLong(7 + i);
		}
		return new Row(day == null ? null : day.toLocalDate(), rs.getObject(2, UUID.class), (Integer) rs.getObject(3),
				(Integer) rs.getObject(4), rs.getString(5), rs.getObject(6, UUID.class), Totals.of(m, 0));
	}

	private static UUID[] uuids(java.util.Collection<UUID> ids) {
		return ids.toArray(UUID[]::new);
	}

}
