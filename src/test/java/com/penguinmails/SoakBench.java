package com.penguinmails;

import java.io.ByteArrayInputStream;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.penguinmails.support.BenchApplication;
import com.penguinmails.support.BenchSink;
import com.penguinmails.support.TestDnsServer;

/**
 * Benchmark, not a test: a soak of one application process (the packaged jar,
 * {@code -Xmx512m}, its embedded durable PostgreSQL) under steady load for
 * {@code bench.minutes} (60): a campaign sending continuously (ten mailboxes, one message
 * a second each, to an SMTP sink here), open pixels and click redirects at a fixed rate
 * (20 a second, round the messages received), and a reply every 5 s put into a mailbox's
 * INBOX on a GreenMail IMAP server here, which the inbound sync reads. Every minute it
 * prints one series line: heap used after a full collection ({@code jcmd <pid> GC.run}
 * then {@code GC.heap_info}), live threads ({@code jvm_threads_live_threads} from
 * {@code /actuator/prometheus}), the pool's open connections
 * ({@code hikaricp_connections}) and the server's client connections
 * ({@code pg_stat_activity}), the process's RSS ({@code /proc/<pid>/status}), messages
 * sent, tracking events and inbound messages stored. At the end: first-versus-last
 * deltas, the slope per hour (least squares over the minutes after the first) and a
 * verdict. {@code bash bench/soak.sh [minutes]} runs it.
 */
@Tag("bench")
class SoakBench {

	static final int MINUTES = Integer.getInteger("bench.minutes", 60);

	static final int MAILBOXES = 10;

	/**
	 * Seconds between two sends of one mailbox: {@code MAILBOXES / GAP} messages a
	 * second.
	 */
	static final int GAP = 1;

	static final int TRACKING_PER_SECOND = 20;

	final List<String> links = new CopyOnWriteArrayList<>();

	final List<byte[]> toAnswer = new CopyOnWriteArrayList<>();

	final AtomicLong trackingResponses = new AtomicLong();

	final AtomicLong trackingFailures = new AtomicLong();

	final AtomicInteger replies = new AtomicInteger();

	final Map<String, GreenMailUser> imapUsers = new ConcurrentHashMap<>();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** One minute's figures. */
	record Sample(int minute, long heapAfterGcKb, long threads, long poolConnections, long serverConnections,
			long rssKb, long sent, long trackingEvents, long inbound) {
	}

	@Test
	void steadyLoadLeavesHeapThreadsAndConnectionsFlat() throws Exception {
		Path jar = Path.of(System.getProperty("bench.jar", "target/penguinmails-0.1.0-SNAPSHOT.jar"));
		Path dir = Files.createTempDirectory("penguinmails-soak");
		BenchSink sink = BenchSink.start(1000, this::arrived);
		TestDnsServer dns = TestDnsServer.start();
		GreenMail imap = new GreenMail(
				new ServerSetup(BenchApplication.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
		imap.start();
		int port = BenchApplication.freePort();
		String base = "http://localhost:" + port;
		String metricsPassword = Base64.getEncoder().encodeToString(java.security.SecureRandom.getSeed(12));
		Map<String, String> env = BenchApplication.environment(dir.resolve("data"), port, base, dns);
		env.put("PENGUINMAILS_INBOUND_INTERVAL", "PT5S");
		env.put("PENGUINMAILS_METRICS_PASSWORD", metricsPassword);
		Path log = dir.resolve("app.log");
		Process app = BenchApplication.start(jar, "512m", env, log, base);
		ScheduledExecutorService load = Executors.newScheduledThreadPool(3);
		try {
			String pgPort = Files.readAllLines(dir.resolve("data").resolve("postgres").resolve("postmaster.pid"))
				.get(3)
				.strip();
			BenchApplication user = new BenchApplication(base);
			user.signUp("soak", "domains:write,mailboxes:write,contacts:write,campaigns:write");
			user.verifiedDomain(dns, "soak.test");
			List<String> mailboxes = new ArrayList<>();
			for (int m = 0; m < MAILBOXES; m++) {
				String email = "sender" + m + "@soak.test";
				imapUsers.put(email, imap.setUser(email, "imap" + m, "secret" + m));
				mailboxes
					.add(user.mailbox(email, sink.port(), imap.getImap().getPort(), "imap" + m, "secret" + m, GAP));
			}
			// Enough for the whole run at the planned rate, and a tenth more.
			int contacts = MINUTES * 60 * MAILBOXES / GAP * 11 / 10;
			String list = user.contacts("Soak", contacts);
			user.launch(BenchApplication.campaignDraft("Soak", mailboxes), list);
			long started = System.nanoTime();
			load.scheduleAtFixedRate(() -> track(base), 1000, 1000 / TRACKING_PER_SECOND, TimeUnit.MILLISECONDS);
			load.scheduleAtFixedRate(this::reply, 5, 5, TimeUnit.SECONDS);
			System.out.printf(
					"BENCH soak: %d minutes, %d mailboxes at one message per %d s each, %d contacts, "
							+ "%d tracking requests/s, a reply every 5 s; heap -Xmx512m; load %s%n",
					MINUTES, MAILBOXES, GAP, contacts, TRACKING_PER_SECOND, loadAverage());
			System.out.println("BENCH soak series: minute, heap after full GC (MB), live threads, pool connections, "
					+ "server connections, RSS (MB), messages sent, tracking events, inbound messages, load");
			List<Sample> series = new ArrayList<>();
			try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/postgres",
					"postgres", "postgres")) {
				for (int minute = 0; minute <= MINUTES; minute++) {
					long due = started + Duration.ofMinutes(minute).toNanos();
					while (System.nanoTime() < due) {
						Thread.sleep(Math.max(1, Math.min(1000, (due - System.nanoTime()) / 1_000_000)));
					}
					Sample sample = sample(minute, app.pid(), base, metricsPassword, db);
					series.add(sample);
					System.out.printf("BENCH soak series: %d, %.1f, %d, %d, %d, %.0f, %d, %d, %d, %s%n", minute,
							sample.heapAfterGcKb() / 1024.0, sample.threads(), sample.poolConnections(),
							sample.serverConnections(), sample.rssKb() / 1024.0, sample.sent(), sample.trackingEvents(),
							sample.inbound(), loadAverage());
				}
			}
			load.shutdownNow();
			verdict(series);
			System.out.printf(
					"BENCH soak: delivered at the sink %d, tracking responses %d (failed %d), replies put "
							+ "in IMAP %d, peak heap %d MB (GC log); log %s%n",
					sink.deliveries(), trackingResponses.get(), trackingFailures.get(), replies.get(),
					BenchApplication.peakHeapMb(log), log);
		}
		finally {
			load.shutdownNow();
			app.destroy();
			app.waitFor(60, TimeUnit.SECONDS);
			app.destroyForcibly();
			sink.close();
			imap.stop();
			dns.close();
		}
	}

	/**
	 * Keeps the tracking paths of every 10th message (at most 5,000) and every 50th
	 * message to answer.
	 */
	private void arrived(String helo, String id, byte[] data, int times, int unique) {
		if (times > 1) {
			return;
		}
		if (unique % 10 == 0 && links.size() < 5_000) {
			links.addAll(BenchSink.trackingPaths(data));
		}
		if (unique % 50 == 0) {
			toAnswer.add(data);
		}
	}

	/** One open or click of a message received so far. */
	private void track(String base) {
		if (links.isEmpty()) {
			return;
		}
		String path = links.get(ThreadLocalRandom.current().nextInt(links.size()));
		try {
			HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
				.header("User-Agent",
						"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36")
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() == 200 || response.statusCode() == 302) {
				trackingResponses.incrementAndGet();
			}
			else {
				trackingFailures.incrementAndGet();
			}
		}
		catch (Exception ex) {
			trackingFailures.incrementAndGet();
		}
	}

	/** A reply (In-Reply-To the message, RFC 5322 §3.6.4) into the sender's INBOX. */
	private void reply() {
		if (toAnswer.isEmpty()) {
			return;
		}
		byte[] data = toAnswer.remove(0);
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
			reply.setText("Sounds interesting, tell me more.\n", "UTF-8");
			reply.saveChanges();
			imapUsers.get(sender).deliver(reply);
			replies.incrementAndGet();
		}
		catch (Exception ex) {
			System.out.println("BENCH soak: a reply could not be put into the mailbox: " + ex);
		}
	}

	private Sample sample(int minute, long pid, String base, String metricsPassword, Connection db) throws Exception {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		run(jcmd, String.valueOf(pid), "GC.run");
		Matcher used = Pattern.compile("used (\\d+)K").matcher(run(jcmd, String.valueOf(pid), "GC.heap_info"));
		long heap = used.find() ? Long.parseLong(used.group(1)) : -1;
		String metrics = http
			.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString(("metrics:" + metricsPassword).getBytes(StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		long threads = metric(metrics, "jvm_threads_live_threads");
		long pool = metric(metrics, "hikaricp_connections{");
		long server = count(db, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
				+ "AND pid <> pg_backend_pid()");
		long rss = 0;
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
			if (line.startsWith("VmRSS:")) {
				rss = Long.parseLong(line.replaceAll("\\D", ""));
			}
		}
		return new Sample(minute, heap, threads, pool, server, rss,
				count(db, "SELECT count(*) FROM outbox WHERE status = 'sent'"),
				count(db, "SELECT count(*) FROM tracking_events"), count(db, "SELECT count(*) FROM inbound_messages"));
	}

	/** The value of the first Prometheus sample whose line starts with {@code name}. */
	private static long metric(String text, String name) {
		for (String line : text.split("\n")) {
			if (line.startsWith(name)) {
				return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return -1;
	}

	private static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor();
		return out;
	}

	private static long count(Connection db, String sql) throws Exception {
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (java.io.IOException ex) {
			return "?";
		}
	}

	/**
	 * The steady part (from minute 2, or the first tenth of the run if later: the pools
	 * fill up in the first minutes) first against last, the least-squares slope per hour,
	 * and whether each stays flat: heap after GC under 16 MB an hour (3% of the heap);
	 * threads and connections no higher in the second half of the steady part than in the
	 * first (a slope of a few threads' jitter over ten minutes says nothing), connections
	 * within the pool (10).
	 */
	private static void verdict(List<Sample> series) {
		int from = Math.min(series.size() - 1, Math.max(2, MINUTES / 10));
		List<Sample> steady = series.subList(from, series.size());
		Sample first = steady.get(0);
		Sample last = steady.get(steady.size() - 1);
		double heapSlope = slope(steady, s -> s.heapAfterGcKb() / 1024.0);
		double threadSlope = slope(steady, s -> (double) s.threads());
		double poolSlope = slope(steady, s -> (double) s.poolConnections());
		double serverSlope = slope(steady, s -> (double) s.serverConnections());
		double rssSlope = slope(steady, s -> s.rssKb() / 1024.0);
		long maxServer = steady.stream().mapToLong(Sample::serverConnections).max().orElse(0);
		System.out.printf("BENCH soak: minute %d -> %d: heap after GC %.1f -> %.1f MB (%+.1f MB/h), threads %d -> %d "
				+ "(%+.1f/h), pool connections %d -> %d (%+.1f/h), server connections %d -> %d (%+.1f/h, max %d), "
				+ "RSS %.0f -> %.0f MB (%+.0f MB/h), messages sent %d -> %d, tracking events %d -> %d%n",
				first.minute(), last.minute(), first.heapAfterGcKb() / 1024.0, last.heapAfterGcKb() / 1024.0, heapSlope,
				first.threads(), last.threads(), threadSlope, first.poolConnections(), last.poolConnections(),
				poolSlope, first.serverConnections(), last.serverConnections(), serverSlope, maxServer,
				first.rssKb() / 1024.0, last.rssKb() / 1024.0, rssSlope, first.sent(), last.sent(),
				first.trackingEvents(), last.trackingEvents());
		boolean heapFlat = heapSlope < 16;
		List<Sample> early = steady.subList(0, (steady.size() + 1) / 2);
		List<Sample> late = steady.subList((steady.size() + 1) / 2, steady.size());
		boolean threadsFlat = threadSlope < 2 || max(late, Sample::threads) <= max(early, Sample::threads);
		boolean connectionsFlat = maxServer <= 12
				&& max(late, Sample::serverConnections) <= max(early, Sample::serverConnections);
		System.out.printf("BENCH soak verdict: heap after GC %s, threads %s, connections %s%n",
				heapFlat ? "flat" : "GROWS", threadsFlat ? "flat" : "GROW", connectionsFlat ? "flat" : "GROW");
	}

	private static long max(List<Sample> samples, java.util.function.ToLongFunction<Sample> value) {
		return samples.stream().mapToLong(value).max().orElse(0);
	}

	/** Least-squares slope of {@code value} per hour over the samples' minutes. */
	private static double slope(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value) {
		int n = samples.size();
		if (n < 2) {
			return 0;
		}
		double mx = samples.stream().mapToDouble(Sample::minute).average().orElse(0);
		double my = samples.stream().mapToDouble(value).average().orElse(0);
		double num = 0;
		double den = 0;
		for (Sample s : samples) {
			num += (s.minute() - mx) * (value.applyAsDouble(s) - my);
			den += (s.minute() - mx) * (s.minute() - mx);
		}
		return den == 0 ? 0 : num / den * 60;
	}

}
