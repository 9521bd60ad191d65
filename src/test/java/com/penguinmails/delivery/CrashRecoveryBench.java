package com.penguinmails.delivery;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.helper.BasicMessageListener;
import org.subethamail.smtp.server.SMTPServer;

import com.penguinmails.support.TestDnsServer;

/**
 * Benchmark, not a test: crash safety with a real {@code kill -9}. Runs the packaged
 * application in a child process (embedded PostgreSQL), sets up an account, a verified
 * domain (records served by a DNS server here), a mailbox sending to an SMTP sink here
 * and a campaign of 10,000 contacts, all through the HTTP API; kills the process with
 * SIGKILL in the middle of the run, starts it again, waits for the rest, and counts at
 * the sink what arrived once, twice, or not at all. {@code bash bench/crash.sh} runs it.
 */
@Tag("bench")
class CrashRecoveryBench {

	static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);

	static final String PASSWORD = "correct horse battery staple";

	final ObjectMapper json = new ObjectMapper();

	final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NORMAL)
		.build();

	String base;

	String key;

	/** An SMTP sink counting each message by its X-PenguinMails-ID. */
	private static SMTPServer sink(Map<String, AtomicInteger> received, AtomicLong deliveries) {
		Pattern idHeader = Pattern.compile("(?m)^X-PenguinMails-ID: (\\S+)");
		SMTPServer sink = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
			}))
			.messageHandler(new BasicMessageListener() {
				@Override
				public void messageArrived(MessageContext context, String from, String to, byte[] data) {
					Matcher id = idHeader
						.matcher(new String(data, 0, Math.min(data.length, 8192), StandardCharsets.ISO_8859_1));
					if (id.find()) {
						received.computeIfAbsent(id.group(1), k -> new AtomicInteger()).incrementAndGet();
						deliveries.incrementAndGet();
					}
				}
			})
			.build();
		sink.start();
		return sink;
	}

	@Test
	void killNineInTheMiddleOfARunThenRestart() throws Exception {
		Path jar = Path.of(System.getProperty("bench.jar", "target/penguinmails-0.1.0-SNAPSHOT.jar"));
		Path dir = Files.createTempDirectory("penguinmails-crash");
		Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
		AtomicLong deliveries = new AtomicLong();
		SMTPServer sink = sink(received, deliveries);
		TestDnsServer dns = TestDnsServer.start();
		int port = freePort();
		base = "http://localhost:" + port;
		Map<String, String> env = env(dir.resolve("data"), port, dns);
		Process app = start(jar, env, dir.resolve("first.log"));
		Process second = null;
		try {
			setUp(dns, sink.getPortAllocated());
			long started = System.nanoTime();
			// Kill in the middle: once about a third has arrived.
			while (received.size() < MESSAGES / 3) {
				Thread.sleep(20);
			}
			app.destroyForcibly();
			app.waitFor();
			int atKill = received.size();
			long deliveriesAtKill = deliveries.get();
			Thread.sleep(500);
			int settled = received.size();
			second = start(jar, env, dir.resolve("second.log"));
			long restarted = System.nanoTime();
			// Leases of the messages in flight run out after two minutes.
			long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
			while (received.size() < MESSAGES && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
			Thread.sleep(3000);
			long twice = received.values().stream().filter(count -> count.get() > 1).count();
			long extra = received.values().stream().mapToLong(count -> count.get() - 1).sum();
			System.out.printf(
					"BENCH crash: %d messages; killed (SIGKILL) with %d delivered (%d arrived in the 0.5 s after); "
							+ "restarted, all delivered %.0f s after the restart (%.0f s in all); unique %d of %d, "
							+ "delivered twice %d (extra deliveries %d), missing %d%n",
					MESSAGES, atKill, settled - atKill, (System.nanoTime() - restarted) / 1e9,
					(System.nanoTime() - started) / 1e9, received.size(), MESSAGES, twice, extra,
					MESSAGES - received.size());
			System.out.printf("BENCH crash: deliveries before the kill %d, after %d%n", deliveriesAtKill,
					deliveries.get() - deliveriesAtKill);
		}
		finally {
			app.destroyForcibly();
			if (second != null) {
				second.destroy();
				second.waitFor();
			}
			sink.stop();
			dns.close();
		}
	}

	/**
	 * Two application processes on one PostgreSQL (the first one's, as an external
	 * database for the second) share the run: every message arrives once.
	 */
	@Test
	void twoProcessesOnOneDatabaseSendEachMessageOnce() throws Exception {
		Path jar = Path.of(System.getProperty("bench.jar", "target/penguinmails-0.1.0-SNAPSHOT.jar"));
		Path dir = Files.createTempDirectory("penguinmails-two-nodes");
		Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
		AtomicLong deliveries = new AtomicLong();
		SMTPServer sink = sink(received, deliveries);
		TestDnsServer dns = TestDnsServer.start();
		byte[] masterKey = new byte[32];
		new java.security.SecureRandom().nextBytes(masterKey);
		int firstPort = freePort();
		base = "http://localhost:" + firstPort;
		Map<String, String> env = env(dir.resolve("first"), firstPort, dns);
		env.put("PENGUINMAILS_MASTER_KEY", java.util.Base64.getEncoder().encodeToString(masterKey));
		Process first = start(jar, env, dir.resolve("first.log"));
		Process second = null;
		try {
			String pgPort = Files.readAllLines(dir.resolve("first").resolve("postgres").resolve("postmaster.pid"))
				.get(3)
				.strip();
			int secondPort = freePort();
			Map<String, String> other = env(dir.resolve("second"), secondPort, dns);
			other.put("PENGUINMAILS_BASE_URL", env.get("PENGUINMAILS_BASE_URL"));
			other.put("PENGUINMAILS_MASTER_KEY", env.get("PENGUINMAILS_MASTER_KEY"));
			other.put("PENGUINMAILS_DB_URL", "jdbc:postgresql://localhost:" + pgPort + "/postgres");
			other.put("PENGUINMAILS_DB_USERNAME", "postgres");
			other.put("PENGUINMAILS_DB_PASSWORD", "postgres");
			String firstBase = base;
			base = "http://localhost:" + secondPort;
			second = start(jar, other, dir.resolve("second.log"));
			base = firstBase;
			long started = System.nanoTime();
			setUp(dns, sink.getPortAllocated());
			long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
			while (received.size() < MESSAGES && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
			Thread.sleep(3000);
			long twice = received.values().stream().filter(count -> count.get() > 1).count();
			System.out.printf(
					"BENCH two nodes: %d messages through two application processes on one PostgreSQL in %.0f s "
							+ "(set-up included); unique %d, delivered twice %d, missing %d%n",
					MESSAGES, (System.nanoTime() - started) / 1e9, received.size(), twice, MESSAGES - received.size());
		}
		finally {
			if (second != null) {
				second.destroy();
				second.waitFor();
			}
			first.destroy();
			first.waitFor();
			sink.stop();
			dns.close();
		}
	}

	/**
	 * The environment of one application process: its data, its ports, the harness's DNS
	 * server, a fast scheduler tick.
	 */
	private static Map<String, String> env(Path data, int port, TestDnsServer dns) throws IOException {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("PENGUINMAILS_DATA_DIR", data.toString());
		env.put("SERVER_PORT", String.valueOf(port));
		env.put("PENGUINMAILS_BASE_URL", "http://localhost:" + port);
		env.put("PENGUINMAILS_SANDBOX_SMTP_PORT", String.valueOf(freePort()));
		env.put("PENGUINMAILS_SANDBOX_IMAP_PORT", String.valueOf(freePort()));
		env.put("PENGUINMAILS_DNS_RESOLVERS", "127.0.0.1:" + dns.port());
		env.put("PENGUINMAILS_SCHEDULER_TICK", "PT1S");
		env.put("PENGUINMAILS_LOG_FORMAT", "logstash");
		return env;
	}

	private Process start(Path jar, Map<String, String> env, Path log) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-jar", jar.toAbsolutePath().toString());
		builder.environment().putAll(env);
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		Process process = builder.start();
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (get("/actuator/health").body().contains("UP")) {
					return process;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("The application stopped; see " + log);
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("The application did not start; see " + log);
	}

	/**
	 * Account, API key, verified domain, mailbox to the sink, contacts, a launched
	 * campaign.
	 */
	private void setUp(TestDnsServer dns, int sinkPort) throws Exception {
		String email = "crash-" + System.nanoTime() + "@example.com";
		form("/signup", Map.of("email", email, "password", PASSWORD, "displayName", "Crash Test", "workspaceName",
				"Crash", "timeZone", "UTC"));
		String list = get("/sandbox/mail").body();
		Matcher mail = Pattern.compile("href=\"(/sandbox/mail/[0-9a-f]+)\"").matcher(list);
		String link = null;
		while (mail.find() && link == null) {
			Matcher verify = Pattern.compile("/verify-email\\?token=[A-Za-z0-9_\\-]+")
				.matcher(get(mail.group(1)).body());
			if (verify.find()) {
				link = verify.group();
			}
		}
		get(link.replace("&amp;", "&"));
		form("/login", Map.of("email", email, "password", PASSWORD));
		String keys = form("/settings/api-keys",
				Map.of("name", "crash", "scopes", "domains:write,mailboxes:write,contacts:write,campaigns:write"));
		Matcher secret = Pattern.compile("id=\"api-key-secret\">(pm_[^<]+)<").matcher(keys);
		if (!secret.find()) {
			throw new IllegalStateException("No API key on the page");
		}
		key = secret.group(1);

		JsonNode domain = api("POST", "/api/v1/domains", "{\"name\":\"crash.test\",\"receivesMail\":false}");
		String domainId = domain.get("id").asText();
		dns.publishZone(api("GET", "/api/v1/domains/" + domainId + "/records", null).get("zone").asText());
		String status = api("POST", "/api/v1/domains/" + domainId + "/verify", null).toString();
		if (!status.contains("verified")) {
			throw new IllegalStateException("The domain did not verify: " + status);
		}
		String mailbox = api("POST", "/api/v1/mailboxes", """
				{"email":"sender@crash.test","displayName":"Crash Sender","preset":"generic",
				 "smtp":{"host":"127.0.0.1","port":%d,"security":"NONE","username":"u","password":"p"},
				 "imap":{"host":"127.0.0.1","port":143,"security":"NONE","username":"u","password":"p"},
				 "dailyCap":10000,"minGapSeconds":0,"maxGapSeconds":0}""".formatted(sinkPort)).get("id").asText();
		String listId = api("POST", "/api/v1/lists", "{\"name\":\"Crash\"}").get("id").asText();
		StringBuilder csv = new StringBuilder("email,first_name\n");
		for (int i = 0; i < MESSAGES; i++) {
			csv.append("lead").append(i).append("@client").append(i % 200).append(".test,Lead").append(i).append('\n');
		}
		HttpResponse<String> started = http
			.send(request("/api/v1/contacts/imports?list=" + listId).header("Content-Type", "text/csv")
				.POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
				.build(), HttpResponse.BodyHandlers.ofString());
		String job = json.readTree(started.body()).get("id").asText();
		while (!api("GET", "/api/v1/contacts/imports/" + job, null).get("status").asText().equals("done")) {
			Thread.sleep(200);
		}
		String campaign = api("POST", "/api/v1/campaigns",
				"""
						{"name":"Crash","mailboxIds":["%s"],
						 "schedule":{"timeZone":"UTC","days":[1,2,3,4,5,6,7],"windowStart":"00:00","windowEnd":"23:59:59",
						             "domainPacePerHour":1000},
						 "steps":[{"delayMinutes":0,"variants":[{"subject":"Hi {{ first_name }}","html":"<p>Hello {{ first_name }}</p>"}]}]}"""
					.formatted(mailbox))
			.get("id")
			.asText();
		api("POST", "/api/v1/campaigns/" + campaign + "/recipients", "{\"listIds\":[\"" + listId + "\"]}");
		JsonNode launched = api("POST", "/api/v1/campaigns/" + campaign + "/launch", null);
		if (!launched.path("status").asText().equals("running")) {
			throw new IllegalStateException("Not launched: " + launched);
		}
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
		return key == null ? builder : builder.header("Authorization", "Bearer " + key);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode api(String method, String path, String body) throws Exception {
		HttpRequest.Builder builder = request(path).header("Content-Type", "application/json");
		builder.method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 400) {
			throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
		}
		return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
	}

	/** Posts a page form with its CSRF token (read from the form page first). */
	private String form(String path, Map<String, String> fields) throws Exception {
		String page = get(path).body();
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		if (!token.find()) {
			throw new IllegalStateException("No CSRF token on " + path);
		}
		StringBuilder body = new StringBuilder("_csrf=" + token.group(1));
		fields.forEach((name, value) -> {
			for (String part : name.equals("scopes") ? value.split(",") : new String[] { value }) {
				body.append('&').append(name).append('=').append(URLEncoder.encode(part, StandardCharsets.UTF_8));
			}
		});
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
		return response.body();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
