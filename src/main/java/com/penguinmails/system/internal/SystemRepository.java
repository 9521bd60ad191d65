package com.penguinmails.system.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.system.SystemStatusReport.HourPoint;
import com.penguinmails.system.SystemStatusReport.Node;

/**
 * The SQL of {@code system_nodes} (heartbeats) and {@code system_metrics} (hourly
 * resource rows). Installation-wide tables: no workspace column, read by installation
 * admins only.
 */
@Repository
public class SystemRepository {

	/** A node unseen for longer is down. */
	public static final Duration DOWN_AFTER = Duration.ofMinutes(2);

	/** A node unseen for longer is forgotten. */
	public static final Duration PRUNE_AFTER = Duration.ofDays(7);

	private final JdbcClient jdbc;

	SystemRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One heartbeat of a node: its row inserted or its last sighting moved. */
	public void beat(NodeIdentity node, List<String> runs, Instant now) {
		jdbc.sql("""
				INSERT INTO system_nodes (id, hostname, pid, version, started_at, last_seen_at, runs)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at, runs = excluded.runs,
				    version = excluded.version""")
			.params(node.id(), node.hostname(), node.pid(), node.version(), Timestamp.from(node.startedAt()),
					Timestamp.from(now), runs.toArray(String[]::new))
			.update();
	}

	/** Forgets nodes unseen for 7 days. */
	public int pruneNodes(Instant now) {
		return jdbc.sql("DELETE FROM system_nodes WHERE last_seen_at < ?")
			.param(Timestamp.from(now.minus(PRUNE_AFTER)))
			.update();
	}

	/**
	 * Every node seen in the last 7 days, newest start first, with whether it is alive.
	 */
	public List<Node> nodes(Instant now) {
		Instant aliveSince = now.minus(DOWN_AFTER);
		return jdbc.sql("""
				SELECT id, hostname, pid, version, started_at, last_seen_at, runs FROM system_nodes
				WHERE last_seen_at >= ? ORDER BY started_at DESC, id""")
			.param(Timestamp.from(now.minus(PRUNE_AFTER)))
			.query((rs, n) -> node(rs, aliveSince))
			.list();
	}

	private static Node node(ResultSet rs, Instant aliveSince) throws SQLException {
		Instant seen = rs.getTimestamp("last_seen_at").toInstant();
		String[] runs = (String[]) rs.getArray("runs").getArray();
		return new Node(rs.getObject("id", UUID.class), rs.getString("hostname"), rs.getLong("pid"),
				rs.getString("version"), rs.getTimestamp("started_at").toInstant(), seen, !seen.isBefore(aliveSince),
				Arrays.asList(runs));
	}

	/** One node's figures of one hour, replacing what it wrote of that hour before. */
	public void record(UUID nodeId, HourPoint point, int samples) {
		jdbc.sql("""
				INSERT INTO system_metrics (node_id, hour, samples, cpu, heap_used, heap_max, disk_free, disk_total,
				    db_bytes, sends, queue_depth)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (node_id, hour) DO UPDATE SET samples = excluded.samples, cpu = excluded.cpu,
				    heap_used = excluded.heap_used, heap_max = excluded.heap_max, disk_free = excluded.disk_free,
				    disk_total = excluded.disk_total, db_bytes = excluded.db_bytes, sends = excluded.sends,
				    queue_depth = excluded.queue_depth""")
			.params(nodeId, Timestamp.from(point.hour()), samples,
					point.cpuPercent() == null ? null : point.cpuPercent() / 100.0, point.heapUsedBytes(),
					point.heapMaxBytes(), point.diskFreeBytes(), point.diskTotalBytes(), point.databaseBytes(),
					point.sends(), point.queueDepth())
			.update();
	}

	/** Deletes hourly rows older than {@code days} days. */
	public int pruneHistory(Instant now, int days) {
		return jdbc.sql("DELETE FROM system_metrics WHERE hour < ?")
			.param(Timestamp.from(now.minus(Duration.ofDays(days))))
			.update();
	}

	/**
	 * The hours since {@code since}, oldest first, each over every node that recorded it
	 * (see {@link HourPoint}).
	 */
	public List<HourPoint> history(Instant since) {
		return jdbc.sql("""
				SELECT hour, max(cpu) AS cpu, max(heap_used) AS heap_used, max(heap_max) AS heap_max,
				    min(disk_free) AS disk_free, max(disk_total) AS disk_total, max(db_bytes) AS db_bytes,
				    max(sends) AS sends, max(queue_depth) AS queue_depth
				FROM system_metrics WHERE hour >= ? GROUP BY hour ORDER BY hour""")
			.param(Timestamp.from(since))
			.query((rs, n) -> {
				double cpu = rs.getDouble("cpu");
				Double percent = rs.wasNull() ? null : Math.round(cpu * 1000) / 10.0;
				return new HourPoint(rs.getTimestamp("hour").toInstant(), percent, rs.getLong("heap_used"),
						rs.getLong("heap_max"), rs.getLong("disk_free"), rs.getLong("disk_total"),
						rs.getLong("db_bytes"), rs.getLong("sends"), rs.getLong("queue_depth"));
			})
			.list();
	}

}
