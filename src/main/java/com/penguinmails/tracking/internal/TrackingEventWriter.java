package com.penguinmails.tracking.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.delivery.Outbox.Recipient;
import com.penguinmails.tracking.EngagementsTracked;
import com.penguinmails.tracking.LinkClicked;
import com.penguinmails.tracking.MessageOpened;

/**
 * Writes opens and clicks with group commit: each request hands its event to a writer
 * thread and waits until the batch holding it is committed, so a response still means the
 * event is stored, while PostgreSQL sees one transaction per batch instead of one per
 * request. A batch is everything waiting when the writer is free (at most 1,000): the
 * events, people's engagements for the campaign's figures, the sequence stops of people's
 * clicks, and the events for other features, together.
 */
@Component
public class TrackingEventWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TrackingEventWriter.class);

	private static final int MAX_BATCH = 1_000;

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final int MAX_AGENT = 1000;

	private static final int MAX_IP = 64;

	/** What was fetched: the open pixel or a click redirect. Stored lowercase. */
	public enum Kind {

		OPEN, CLICK;

		/** The stored form ({@code open}, {@code click}). */
		public String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/** An event to store. {@code reason}: why it is a machine's, or null. */
	public record Event(Kind kind, Recipient message, String url, Instant at, String userAgent, String ip,
			Device device, String reason) {
	}

	/** Whether a stored event is a machine's, and why. */
	public record Stored(boolean machine, String reason) {
	}

	private record Pending(Event event, CompletableFuture<Stored> done) {
	}

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(100_000);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher publisher;

	private final TrackingProperties properties;

	private volatile boolean running;

	private Thread writer;

	TrackingEventWriter(JdbcClient jdbc, TransactionTemplate transactions, ApplicationEventPublisher publisher,
			TrackingProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.publisher = publisher;
		this.properties = properties;
	}

	/**
	 * Stores the event and returns once it is committed, with whether it counted as a
	 * machine's (a click can turn out to be part of a link scan).
	 * @throws IllegalStateException when it could not be stored in time
	 */
	public Stored write(Event event) {
		CompletableFuture<Stored> done = new CompletableFuture<>();
		if (!running || !queue.offer(new Pending(event, done))) {
			throw new IllegalStateException("Tracking events cannot be stored now");
		}
		try {
			return done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while storing a tracking event", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("A tracking event could not be stored", ex);
		}
	}

	private void loop() {
		List<Pending> batch = new ArrayList<>();
		while (running || !queue.isEmpty()) {
			try {
				Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				queue.drainTo(batch, MAX_BATCH - 1);
				List<Stored> stored = transactions.execute(status -> store(batch));
				for (int i = 0; i < batch.size(); i++) {
					batch.get(i).done().complete(stored.get(i));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("A batch of {} tracking events failed: {}", batch.size(), ex.toString());
				batch.forEach(pending -> pending.done().completeExceptionally(ex));
			}
			finally {
				batch.clear();
			}
		}
	}

	private List<Stored> store(List<Pending> batch) {
		List<String> reasons = reasons(batch);
		List<Stored> stored = new ArrayList<>(batch.size());
		for (String reason : reasons) {
			stored.add(new Stored(reason != null, reason));
		}
		insert(batch, reasons);
		publish(batch, stored);
		return stored;
	}

	/** One INSERT for the batch: a column array per field, unnested (PostgreSQL). */
	private void insert(List<Pending> batch, List<String> reasons) {
		int n = batch.size();
		UUID[] ids = new UUID[n];
		UUID[] workspaces = new UUID[n];
		UUID[] campaignIds = new UUID[n];
		UUID[] enrolments = new UUID[n];
		UUID[] outboxIds = new UUID[n];
		Integer[] steps = new Integer[n];
		Integer[] variants = new Integer[n];
		String[] kinds = new String[n];
		String[] urls = new String[n];
		Long[] at = new Long[n];
		String[] agents = new String[n];
		String[] ips = new String[n];
		Boolean[] machine = new Boolean[n];
		String[] why = new String[n];
		String[] deviceClasses = new String[n];
		String[] clients = new String[n];
		String[] systems = new String[n];
		for (int i = 0; i < n; i++) {
			Event event = batch.get(i).event();
			Recipient message = event.message();
			ids[i] = UUID.randomUUID();
			workspaces[i] = message.workspaceId();
			campaignIds[i] = message.campaignId();
			enrolments[i] = message.enrolmentId();
			outboxIds[i] = message.outboxId();
			steps[i] = message.step();
			variants[i] = message.variant();
			kinds[i] = event.kind().value();
			urls[i] = event.url();
			at[i] = event.at().getEpochSecond() * 1_000_000 + event.at().getNano() / 1_000;
			agents[i] = cut(event.userAgent(), MAX_AGENT);
			ips[i] = cut(event.ip(), MAX_IP);
			machine[i] = reasons.get(i) != null;
			why[i] = reasons.get(i);
			deviceClasses[i] = event.device().deviceClass();
			clients[i] = event.device().client();
			systems[i] = event.device().os();
		}
		jdbc.sql(
				"""
						INSERT INTO tracking_events (id, workspace_id, campaign_id, enrolment_id, outbox_id, step, variant, kind,
						    url, occurred_at, user_agent, ip, machine, machine_reason, device_class, client, os)
						SELECT id, w, c, e, o, s, v, k, u, TIMESTAMPTZ 'epoch' + t * INTERVAL '1 microsecond', a, ip, m, r, d, cl, os
						FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::int[], ?::int[], ?::varchar[],
						    ?::text[], ?::bigint[], ?::varchar[], ?::varchar[], ?::boolean[], ?::varchar[], ?::varchar[],
						    ?::varchar[], ?::varchar[]) AS t (id, w, c, e, o, s, v, k, u, t, a, ip, m, r, d, cl, os)""")
			.params(ids, workspaces, campaignIds, enrolments, outboxIds, steps, variants, kinds, urls, at, agents, ips,
					machine, why, deviceClasses, clients, systems)
			.update();
	}

	/**
	 * Every fetch is an event; campaigns count a person's open or click (and stop on a
	 * click when asked) from them, analytics and webhooks count them. One publication for
	 * the batch, committed with its rows.
	 */
	private void publish(List<Pending> batch, List<Stored> stored) {
		List<MessageOpened> opens = new ArrayList<>();
		List<LinkClicked> clicks = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			Event event = batch.get(i).event();
			Recipient message = event.message();
			boolean machine = stored.get(i).machine();
			if (event.kind() == Kind.OPEN) {
				opens.add(new MessageOpened(message.workspaceId(), message.campaignId(), message.enrolmentId(),
						message.step(), message.variant(), message.outboxId(), event.at(), machine,
						event.device().deviceClass(), event.device().client()));
			}
			else {
				clicks.add(new LinkClicked(message.workspaceId(), message.campaignId(), message.enrolmentId(),
						message.step(), message.variant(), message.outboxId(), event.at(), machine,
						event.device().deviceClass(), event.device().client(), event.url()));
			}
		}
		publisher.publishEvent(new EngagementsTracked(opens, clicks));
	}

	/**
	 * Why each event is a machine's, or null: what the request showed, and for a click, a
	 * click on another link of the same message within the scan window before it — in
	 * this batch or already stored (by any node): a scanner fetching a message's links at
	 * once. The first click of a scan looks like a person's and is kept as one.
	 */
	private List<String> reasons(List<Pending> batch) {
		Duration window = properties.linkScanWindow();
		List<String> reasons = new ArrayList<>();
		Map<UUID, List<Event>> clicksBefore = new HashMap<>();
		// Only clicks the request did not already show to be a machine's need a look
		// back.
		List<Event> clicks = batch.stream()
			.map(Pending::event)
			.filter(e -> e.kind() == Kind.CLICK && e.reason() == null)
			.toList();
		if (!clicks.isEmpty()) {
			Instant from = clicks.stream().map(Event::at).min(Instant::compareTo).get().minus(window);
			jdbc.sql("""
					SELECT t.outbox_id, t.url, t.occurred_at FROM tracking_events t
					JOIN unnest(?::uuid[], ?::uuid[]) AS m (w, o) ON t.workspace_id = m.w AND t.outbox_id = m.o
					WHERE t.kind = 'click' AND t.occurred_at >= ?""")
				.params(clicks.stream().map(e -> e.message().workspaceId()).toArray(UUID[]::new),
						clicks.stream().map(e -> e.message().outboxId()).toArray(UUID[]::new),
						java.sql.Timestamp.from(from))
				.query(rs -> {
					UUID outbox = rs.getObject(1, UUID.class);
					clicksBefore.computeIfAbsent(outbox, o -> new ArrayList<>())
						.add(new Event(Kind.CLICK, null, rs.getString(2), rs.getTimestamp(3).toInstant(), null, null,
								null, null));
				});
		}
		for (Pending pending : batch) {
			Event event = pending.event();
			if (event.reason() != null || event.kind() != Kind.CLICK) {
				reasons.add(event.reason());
				continue;
			}
			List<Event> before = clicksBefore.computeIfAbsent(event.message().outboxId(), o -> new ArrayList<>());
			boolean scan = before.stream()
				.anyMatch(other -> !other.url().equals(event.url()) && !other.at().isAfter(event.at())
						&& !other.at().isBefore(event.at().minus(window)));
			reasons.add(scan ? "link scan" : null);
			before.add(event);
		}
		return reasons;
	}

	private static String cut(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

	@Override
	public void start() {
		running = true;
		writer = new Thread(this::loop, "tracking-events");
		writer.setDaemon(true);
		writer.start();
	}

	@Override
	public void stop() {
		// What is queued is written before the application stops.
		running = false;
		try {
			writer.join(WAIT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Starts before the web server and stops after it: every request it serves can store
	 * its event.
	 */
	@Override
	public int getPhase() {
		// The web server starts at DEFAULT_PHASE - 2048 (and stops in reverse order).
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
