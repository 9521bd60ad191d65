package com.penguinmails.system;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What {@code GET /api/v1/system/status} answers and the status page shows: every check's
 * outcome, the nodes' heartbeats and the hourly resource history with the disk forecast.
 *
 * @param status the overall status: {@code failing} when a check fails, else
 * {@code warning} when one warns, else {@code unknown} when one could not tell, else
 * {@code ok}
 * @param checkedAt when the checks ran (ISO-8601, UTC)
 * @param checks every check, in the order of {@link #status}'s severity (failing first),
 * then by key
 * @param nodes every node seen in the last 7 days, newest start first
 * @param history the last 90 days, one point per UTC hour that any node recorded
 * @param diskForecast when the data directory's disk fills at the recent rate
 */
public record SystemStatusReport(String status, Instant checkedAt, List<Check> checks, List<Node> nodes,
		List<HourPoint> history, DiskForecast diskForecast) {

	/**
	 * One check's outcome ({@link com.penguinmails.shared.SystemCheck}).
	 *
	 * @param key the stable dotted name, e.g. {@code network.smtp-ports}
	 * @param title what it checks, for people
	 * @param status {@code ok}, {@code warning}, {@code failing} or {@code unknown}
	 * @param summary one sentence of what was found
	 * @param whatToDo what to do about it; empty when ok
	 * @param figures the measured values by name (numbers, strings, ISO-8601 instants)
	 * @param millis how long the check ran, in milliseconds
	 */
	public record Check(String key, String title, String status, String summary, String whatToDo,
			Map<String, Object> figures, long millis) {
	}

	/**
	 * One node (a running PenguinMails process) as its heartbeats tell.
	 *
	 * @param id a UUID drawn at the process's start
	 * @param hostname the machine's host name
	 * @param pid the process id on that machine
	 * @param version the application version it runs
	 * @param startedAt when the process started
	 * @param lastSeenAt its last heartbeat (every 30 s)
	 * @param alive whether that heartbeat is under 2 minutes old
	 * @param runs the background loops enabled on it ({@code scheduler},
	 * {@code dispatcher}, {@code inbound-sync}, {@code webhooks}, ...)
	 */
	public record Node(UUID id, String hostname, long pid, String version, Instant startedAt, Instant lastSeenAt,
			boolean alive, List<String> runs) {
	}

	/**
	 * One UTC hour of resource figures, over every node that recorded it: CPU as the
	 * highest node's average, heap as the highest node's, disk as the fullest node's;
	 * database size, sends and queue depth are installation-wide.
	 *
	 * @param hour the hour's start
	 * @param cpuPercent the process's CPU load averaged over the hour, 0–100 % of all
	 * cores; null when the JVM cannot tell
	 * @param heapUsedBytes heap in use (average of the samples)
	 * @param heapMaxBytes the heap's limit
	 * @param diskFreeBytes free space of the data directory's file system (usable by the
	 * process)
	 * @param diskTotalBytes that file system's size
	 * @param databaseBytes {@code pg_database_size} of the application's database
	 * @param sends messages sent in the hour (outbox rows sent)
	 * @param queueDepth messages queued or deferred at the last sample of the hour
	 */
	public record HourPoint(Instant hour, Double cpuPercent, long heapUsedBytes, long heapMaxBytes, long diskFreeBytes,
			long diskTotalBytes, long databaseBytes, long sends, long queueDepth) {
	}

	/**
	 * The "disk full in N days" forecast: a least-squares line through the disk space in
	 * use over the history, extended to the disk's size.
	 *
	 * @param daysUntilFull whole days until full at that rate; null when there is not
	 * enough history (fewer than 3 hours) or the use is not growing
	 * @param bytesPerDay the line's slope, bytes a day (negative when shrinking); null
	 * without enough history
	 * @param points how many hours the line was fitted over
	 * @param text the forecast in words, e.g. "At the rate of the last 12 days the disk
	 * is full in 40 days."
	 */
	public record DiskForecast(Integer daysUntilFull, Double bytesPerDay, int points, String text) {
	}

}
