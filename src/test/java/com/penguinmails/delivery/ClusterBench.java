package com.penguinmails.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.penguinmails.support.BenchApplication;
import com.penguinmails.support.BenchSink;
import com.penguinmails.support.TestDnsServer;

/**
 * Benchmark, not a test: three application processes (the packaged jar) on one durable
 * PostgreSQL run by this JVM, as behind a load balancer (same master key, same base URL).
 * A campaign of 30,000 messages over five mailboxes goes to an SMTP sink here; while it
 * sends, the bench fetches the open pixel and a click link of every 20th message received
 * (round robin over the nodes) and puts a reply to every 100th into its mailbox on a
 * GreenMail IMAP server here. In the middle one node is killed with SIGKILL and started
 * again. At the end it counts, at the sink, each message delivered once, twice or never;
 * in the database, each reply stored and handled once and each tracking response's event
 * stored; and per node, what it sent (at the sink, by its EHLO name), its peak heap and
 * its restarts. {@code bash bench/cluster.sh [messages]} runs it; a FAIL line and a
 * failed test say something was doubled or lost.
 */
@Tag("bench")
class ClusterBench {

	static final int MESSAGES = Integer.getInteger("bench.messages", 30_000);

	static final int NODES = 3;

	static final int MAILBOXES = 5;

	/** Every n-th message received has its pixel and a link fetched. */
	static final int TRACK_EVERY = 20;

	/** Every n-th message received (offset by half) is answered. */
	static final int REPLY_EVERY = 100;

	static final Pattern MESSAGE_ID = Pattern.compile("(?mi)^Message-ID:\\s*(\\S+)");

	/** Counts at the sink; set when the run starts. */
	BenchSink sink;

	/** The Message-ID each message first arrived with. */
	final Map<String, String> messageIds = new ConcurrentHashMap<>();

	/**
	 * Second arrivals with the Message-ID of the first: a receiver can tell them apart.
	 */
	final AtomicLong sameMessageId = new AtomicLong();

	final Tracking tracking = new Tracking();

	final AtomicInteger repliesSent = new AtomicInteger();

	final AtomicInteger replyFailures = new AtomicInteger();

	final ExecutorService trackers = Executors.newFixedThreadPool(4);

	final ScheduledExecutorService repliers = Executors.newSingleThreadScheduledExecutor();

	final Map<String, GreenMailUser> imapUsers = new ConcurrentHashMap<>();

	final List<Node> nodes = new ArrayList<>();

	/** Tracking requests and what came of them. */
	static final class Tracking {

		final AtomicLong responses = new AtomicLong();

		final AtomicLong notFound = new AtomicLong();

		final AtomicLong inFlightAtKill = new AtomicLong();

		final AtomicLong movedOn = new AtomicLong();

		final AtomicLong unparsable = new AtomicLong();

		final AtomicInteger next = new AtomicInteger();

	}

	/** One application process: its environment, log and what happened to it. */
	static final class Node {

		final int index;

		final Map<String, String> env;

		final String url;

		final List<Path> logs = new ArrayList<>();

		final List<Long> pids = new ArrayList<>();

		volatile Process process;

		volatile boolean up;

		int restarts;

		Node(int index, Map<String, String> env, String url) {
			this.index = index;
			this.env = env;
			this.url = url;
		}

		String helo() {
			return "node-" + this.index + ".cluster.test";
		}

	}

	@Test
	void threeNodesOnePostgresOneKilledEveryMessageOnce() throws Exception {
		Path jar = Path.of(System.getProperty("bench.jar", "target/penguinmails-0.1.0-SNAPSHOT.jar"));
		Path dir = Files.createTempDirectory("penguinmails-cluster");
		sink = BenchSink.start(200, this::arrived);
		TestDnsServer dns = TestDnsServer.start();
		GreenMail imap = new GreenMail(
				new ServerSetup(BenchApplication.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
		imap.start();
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dir.resolve("postgres"))
			.setCleanDataDirectory(true)
			.setPGStartupWait(Duration.ofSeconds(60))
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("max_connections", "200")
			.start();
		String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
		try {
			startNodes(jar, dir, dns, jdbcUrl);
			BenchApplication app = new BenchApplication(nodes.get(0).url);
			app.signUp("cluster", "domains:write,mailboxes:write,contacts:write,campaigns:write");
			app.verifiedDomain(dns, "cluster.test");
			List<String> mailboxes = new ArrayList<>();
			for (int m = 0; m < MAILBOXES; m++) {
				String email = "sender" + m + "@cluster.test";
				imapUsers.put(email, imap.setUser(email, "imap" + m, "secret" + m));
				mailboxes.add(app.mailbox(email, sink.port(), imap.getImap().getPort(), "imap" + m, "secret" + m, 0));
			}
			String list = app.contacts("Cluster", MESSAGES);
			long started = System.nanoTime();
			String campaign = app.launch(BenchApplication.campaignDraft("Cluster", mailboxes), list);
			run(jar, dir, started);
			long sendingDone = System.nanoTime();
			trackers.shutdown();
			trackers.awaitTermination(2, TimeUnit.MINUTES);
			repliers.shutdown();
			repliers.awaitTermination(1, TimeUnit.MINUTES);
			boolean ok = report(jdbcUrl, campaign, started, sendingDone, dir);
			if (!ok) {
				throw new AssertionError("FAIL: see the BENCH lines");
			}
		}
		finally {
			trackers.shutdownNow();
			repliers.shutdownNow();
			for (Node node : nodes) {
				if (node.process != null) {
					node.process.destroy();
					node.process.waitFor(60, TimeUnit.SECONDS);
					node.process.destroyForcibly();
				}
			}
			sink.close();
			imap.stop();
			dns.close();
			postgres.close();
		}
	}

	/**
	 * Node 0 first (it migrates the schema and serves the sandbox for the sign-up mail),
	 * then the other two together.
	 */
	private void startNodes(Path jar, Path dir, TestDnsServer dns, String jdbcUrl) throws Exception {
		byte[] masterKey = new byte[32];
		new java.security.SecureRandom().nextBytes(masterKey);
		String base = "http://localhost:" + BenchApplication.freePort();
		for (int i = 0; i < NODES; i++) {
			int port = i == 0 ? URI.create(base).getPort() : BenchApplication.freePort();
			Map<String, String> env = BenchApplication.environment(dir.resolve("node-" + i), port, base, dns);
			env.put("PENGUINMAILS_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey));
			env.put("PENGUINMAILS_DB_URL", jdbcUrl);
			env.put("PENGUINMAILS_DB_USERNAME", "postgres");
			env.put("PENGUINMAILS_DB_PASSWORD", "postgres");
			env.put("PENGUINMAILS_SANDBOX", String.valueOf(i == 0));
			env.put("PENGUINMAILS_INBOUND_INTERVAL", "PT5S");
			env.put("PENGUINMAILS_HELO_NAME", "node-" + i + ".cluster.test");
			nodes.add(new Node(i, env, "http://localhost:" + port));
		}
		start(jar, dir, nodes.get(0));
		List<Thread> others = new ArrayList<>();
		List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
		for (Node node : nodes.subList(1, NODES)) {
			Thread thread = new Thread(() -> {
				try {
					start(jar, dir, node);
				}
				catch (Exception ex) {
					failures.add(ex);
				}
			});
			thread.start();
			others.add(thread);
		}
		for (Thread thread : others) {
			thread.join();
		}
		if (!failures.isEmpty()) {
			throw failures.get(0);
		}
	}

	private void start(Path jar, Path dir, Node node) throws Exception {
		Path log = dir.resolve("node-" + node.index + "-run-" + node.logs.size() + ".log");
		node.logs.add(log);
		node.process = BenchApplication.start(jar, "512m", node.env, log, node.url);
		node.pids.add(node.process.pid());
		node.up = true;
	}

	/**
	 * Waits until {@code target} different messages have arrived, or none has for five
	 * minutes (longer than a lease: what is missing then is lost, not late). A loaded
	 * machine only makes the wait longer, never a failure.
	 */
	private void awaitUnique(int target) throws InterruptedException {
		int seen = sink.unique();
		long lastProgress = System.nanoTime();
		while (sink.unique() < target && System.nanoTime() - lastProgress < Duration.ofMinutes(5).toNanos()) {
			Thread.sleep(50);
			if (sink.unique() > seen) {
				seen = sink.unique();
				lastProgress = System.nanoTime();
			}
		}
	}

	/**
	 * Waits for half the messages, kills node 1 with SIGKILL, starts it again, and waits
	 * for every message (the dead node's claimed rows come back when their two-minute
	 * lease ends).
	 */
	private void run(Path jar, Path dir, long started) throws Exception {
		awaitUnique(MESSAGES / 2);
		Node victim = nodes.get(1);
		victim.up = false;
		victim.process.destroyForcibly();
		victim.process.waitFor();
		int atKill = sink.unique();
		System.out.printf("BENCH cluster: node 1 (pid %d) killed with SIGKILL at %d of %d messages, %.0f s in%n",
				victim.process.pid(), atKill, MESSAGES, (System.nanoTime() - started) / 1e9);
		long down = System.nanoTime();
		start(jar, dir, victim);
		victim.restarts++;
		System.out.printf("BENCH cluster: node 1 healthy again %.1f s after the kill (pid %d)%n",
				(System.nanoTime() - down) / 1e9, victim.process.pid());
		awaitUnique(MESSAGES);
		// Anything sent twice arrives within a lease of the last first arrival.
		Thread.sleep(5_000);
	}

	/**
	 * At the sink: notes the Message-ID of each message's first arrival (and whether a
	 * repeat carries the same); every 20th new message goes to the trackers, every 100th
	 * (offset 50) gets a reply.
	 */
	private void arrived(String helo, String id, byte[] data, int times, int n) {
		String head = new String(data, 0, Math.min(data.length, 8192), StandardCharsets.ISO_8859_1);
		Matcher messageId = MESSAGE_ID.matcher(head);
		String mid = messageId.find() ? messageId.group(1) : "";
		String earlier = messageIds.putIfAbsent(id, mid);
		if (earlier != null) {
			if (earlier.equals(mid)) {
				sameMessageId.incrementAndGet();
			}
			System.out.printf("BENCH cluster: %s again, from %s, Message-ID %s (first %s)%n", id, helo, mid, earlier);
		}
		if (times > 1) {
			return;
		}
		if (n % TRACK_EVERY == 0) {
			trackers.execute(() -> track(data));
		}
		if (n % REPLY_EVERY == REPLY_EVERY / 2) {
			// A person answers after a while, not within the sender's commit.
			repliers.schedule(() -> reply(data), 2, TimeUnit.SECONDS);
		}
	}

	/** Fetches the message's open pixel and click link, each from the next node up. */
	private void track(byte[] data) {
		List<String> paths = BenchSink.trackingPaths(data);
		String open = paths.stream().filter(path -> path.startsWith("/o/")).findFirst().orElse(null);
		String click = paths.stream().filter(path -> path.startsWith("/c/")).findFirst().orElse(null);
		if (open == null || click == null) {
			if (tracking.unparsable.getAndIncrement() == 0) {
				System.out.println("BENCH cluster: no pixel or link in a message: "
						+ new String(data, 0, Math.min(data.length, 3000), StandardCharsets.ISO_8859_1));
			}
			return;
		}
		try {
			fetch(open);
			fetch(click);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static final HttpClient TRACKING = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	/**
	 * One tracking request, round robin over the nodes; as a load balancer does, a node
	 * that refuses the connection is passed over for the next. A request cut off after it
	 * was sent (its node killed) may or may not have stored its event: counted apart.
	 */
	private void fetch(String path) throws InterruptedException {
		for (int attempt = 0; attempt < NODES * 20; attempt++) {
			Node node = nodes.get(Math.floorMod(tracking.next.getAndIncrement(), NODES));
			try {
				HttpResponse<Void> response = TRACKING.send(HttpRequest.newBuilder(URI.create(node.url + path))
					.header("User-Agent",
							"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
									+ "Chrome/124.0 Safari/537.36")
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200 || response.statusCode() == 302) {
					tracking.responses.incrementAndGet();
				}
				else {
					tracking.notFound.incrementAndGet();
				}
				return;
			}
			catch (ConnectException ex) {
				tracking.movedOn.incrementAndGet();
				Thread.sleep(50);
			}
			catch (IOException ex) {
				tracking.inFlightAtKill.incrementAndGet();
				return;
			}
		}
	}

	/**
	 * The recipient answers: a reply (In-Reply-To and References naming the message, RFC
	 * 5322 §3.6.4) put into the sending mailbox's INBOX on the IMAP server.
	 */
	private void reply(byte[] data) {
		try {
			MimeMessage original = new MimeMessage((Session) null, new ByteArrayInputStream(data));
			String sender = ((InternetAddress) original.getFrom()[0]).getAddress();
			String lead = ((InternetAddress) original.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress();
			MimeMessage reply = new MimeMessage(Session.getInstance(new java.util.Properties()));
			reply.setFrom(new InternetAddress(lead));
			reply.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(sender));
			reply.setSubject("Re: " + original.getSubject());
			reply.setHeader("In-Reply-To", original.getMessageID());
			reply.setHeader("References", original.getMessageID());
			reply.setSentDate(new java.util.Date());
			reply.setText("Sounds interesting, tell me more.\n\n> " + original.getSubject() + "\n", "UTF-8");
			reply.saveChanges();
			reply.setHeader("Message-ID",
					"<reply-" + System.nanoTime() + "@" + lead.substring(lead.indexOf('@') + 1) + ">");
			imapUsers.get(sender).deliver(reply);
			repliesSent.incrementAndGet();
		}
		catch (Exception ex) {
			replyFailures.incrementAndGet();
			System.out.println("BENCH cluster: a reply could not be put into the mailbox: " + ex);
		}
	}

	/**
	 * Waits up to 20 minutes for the replies to be handled (an inbound claim held by the
	 * killed node ends within its two-minute lease) and every delivered message to be
	 * recorded sent, then prints the figures and says whether anything was doubled or
	 * lost.
	 */
	private boolean report(String jdbcUrl, String campaign, long started, long sendingDone, Path dir) throws Exception {
		try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
			long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
			while (count(db, "SELECT count(*) FROM enrolments WHERE campaign_id = '" + campaign
					+ "' AND stop_reason = 'replied'") < repliesSent.get() && System.nanoTime() < deadline) {
				Thread.sleep(1000);
			}
			long handledAfter = System.nanoTime();
			// Messages the killed node handed to the sink before it could record the
			// reply
			// stay 'sending' until their lease runs out, then a live node records them
			// sent
			// (Dispatcher.settleHandedOver, every 30 s): every delivered one must end
			// sent.
			while (count(db, "SELECT count(*) FROM outbox WHERE campaign_id = '" + campaign
					+ "' AND status = 'sent'") < sink.unique() && System.nanoTime() < deadline) {
				Thread.sleep(1000);
			}
			long twice = sink.twice();
			long extra = sink.extra();
			long missing = MESSAGES - sink.unique();
			String c = "'" + campaign + "'";
			long repliesStored = count(db,
					"SELECT count(*) FROM inbound_messages WHERE campaign_id = " + c + " AND kind = 'reply'");
			long repliesDistinct = count(db,
					"SELECT count(DISTINCT message_id) FROM inbound_messages WHERE campaign_id = " + c
							+ " AND kind = 'reply'");
			long stopped = count(db,
					"SELECT count(*) FROM enrolments WHERE campaign_id = " + c + " AND stop_reason = 'replied'");
			long repliedAt = count(db,
					"SELECT count(*) FROM enrolments WHERE campaign_id = " + c + " AND replied_at IS NOT NULL");
			long analytics = count(db,
					"SELECT count(*) FROM analytics_events WHERE campaign_id = " + c + " AND kind = 'replied'");
			long events = count(db, "SELECT count(*) FROM tracking_events WHERE campaign_id = " + c);
			long outboxSent = count(db,
					"SELECT count(*) FROM outbox WHERE campaign_id = " + c + " AND status = 'sent'");
			long settled = count(db, "SELECT count(*) FROM outbox WHERE campaign_id = " + c
					+ " AND status = 'sent' AND note LIKE 'sent: its node stopped%'");
			System.out.printf(
					"BENCH cluster: %d messages, %d nodes on one PostgreSQL (durable), %d mailboxes; all "
							+ "delivered %.0f s after launch (%.0f messages/s), replies handled %.0f s after launch%n",
					MESSAGES, NODES, MAILBOXES, (sendingDone - started) / 1e9,
					sink.unique() / ((sendingDone - started) / 1e9), (handledAfter - started) / 1e9);
			System.out.printf("BENCH cluster: at the sink delivered once %d, twice %d (extra deliveries %d), "
					+ "missing %d; outbox rows sent %d (%d of them handed over by the killed node and settled); "
					+ "second arrivals with the first's Message-ID %d%n", sink.unique() - twice, twice, extra, missing,
					outboxSent, settled, sameMessageId.get());
			System.out.printf(
					"BENCH cluster: replies put in IMAP %d (failed to put %d); stored %d (distinct "
							+ "Message-IDs %d); enrolments stopped by a reply %d, with replied_at %d; reply events in "
							+ "analytics %d%n",
					repliesSent.get(), replyFailures.get(), repliesStored, repliesDistinct, stopped, repliedAt,
					analytics);
			System.out.printf(
					"BENCH cluster: tracking responses %d (pixel 200 + click 302), tracking_events rows %d; "
							+ "404s %d, cut off by the kill %d, passed to another node on a refused connection %d, "
							+ "messages not parsed %d%n",
					tracking.responses.get(), events, tracking.notFound.get(), tracking.inFlightAtKill.get(),
					tracking.movedOn.get(), tracking.unparsable.get());
			for (Node node : nodes) {
				List<String> heaps = new ArrayList<>();
				for (Path log : node.logs) {
					heaps.add(BenchApplication.peakHeapMb(log) + " MB");
				}
				System.out.printf(
						"BENCH cluster: node %d (EHLO %s, pids %s): sent %d messages (deliveries at the "
								+ "sink), peak heap %s (per run, -Xmx512m), restarts %d%n",
						node.index, node.helo(), node.pids,
						sink.byHelo().getOrDefault(node.helo(), new AtomicLong()).get(), heaps, node.restarts);
			}
			boolean ok = twice == 0 && missing == 0 && outboxSent == MESSAGES && repliesStored == repliesSent.get()
					&& repliesDistinct == repliesStored && stopped == repliesSent.get()
					&& analytics == repliesSent.get() && replyFailures.get() == 0 && events >= tracking.responses.get()
					&& events <= tracking.responses.get() + tracking.inFlightAtKill.get()
					&& tracking.notFound.get() == 0 && tracking.unparsable.get() == 0;
			System.out.println("BENCH cluster: " + (ok ? "PASS" : "FAIL") + "; logs under " + dir);
			return ok;
		}
	}

	private static long count(Connection db, String sql) throws Exception {
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
