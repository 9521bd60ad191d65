package com.penguinmails.support;

import java.io.IOException;
import java.net.CookieManager;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the benchmarks that run the packaged application as child processes share: start a
 * process and wait until it is healthy, and set a workspace up through the HTTP API as a
 * user would (sign-up, the e-mail link read from the sandbox, an API key, a verified
 * domain, mailboxes, a contact import, a campaign). One instance talks to one base URL (a
 * node, or the address of the nodes' load balancer) with one session.
 */
public final class BenchApplication {

	/** The password of the account a bench signs up. */
	public static final String PASSWORD = "correct horse battery staple";

	private static final Pattern GC_LINE = Pattern.compile("Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

	private final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NORMAL)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private String key;

	/**
	 * @param base the URL requests go to, e.g. {@code http://localhost:8080}
	 */
	public BenchApplication(String base) {
		this.base = base;
	}

	/** The API key's secret once {@link #signUp} ran; null before. */
	public String key() {
		return this.key;
	}

	/** A free TCP port on this machine (free when asked; the caller binds it soon). */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * The environment of one application process as the benches run it: its data
	 * directory, HTTP port and public address, free sandbox ports, {@code dns} as its
	 * resolver, loopback allow-listed (the benches' SMTP, IMAP and DNS servers are
	 * there), a one-second scheduler tick and JSON logs. Mutable: a bench adds its own.
	 * @param base the public address, e.g. {@code http://localhost:8080} (a load
	 * balancer's for several nodes)
	 */
	public static Map<String, String> environment(Path data, int port, String base, TestDnsServer dns)
			throws IOException {
		Map<String, String> env = new java.util.LinkedHashMap<>();
		env.put("PENGUINMAILS_DATA_DIR", data.toString());
		env.put("SERVER_PORT", String.valueOf(port));
		env.put("PENGUINMAILS_BASE_URL", base);
		env.put("PENGUINMAILS_SANDBOX_SMTP_PORT", String.valueOf(freePort()));
		env.put("PENGUINMAILS_SANDBOX_IMAP_PORT", String.valueOf(freePort()));
		env.put("PENGUINMAILS_DNS_RESOLVERS", "127.0.0.1:" + dns.port());
		// The benches' servers are on loopback, which the application refuses unless
		// allowed.
		env.put("PENGUINMAILS_NETWORK_ALLOW", "127.0.0.1/32");
		env.put("PENGUINMAILS_SCHEDULER_TICK", "PT1S");
		env.put("PENGUINMAILS_LOG_FORMAT", "logstash");
		return env;
	}

	/**
	 * Starts {@code java -Xmx… -jar jar} with {@code env} added to this JVM's
	 * environment, its output and a GC log ({@code -Xlog:gc}, for the peak heap) next to
	 * {@code log}, and waits up to 10 minutes (a loaded machine starts slowly; a bench
	 * waits rather than fails) for {@code GET /actuator/health} on {@code health} to say
	 * UP.
	 * @param heap the {@code -Xmx} value, e.g. {@code 512m}
	 * @return the running process
	 * @throws IllegalStateException when it stops or is not healthy in time
	 */
	public static Process start(Path jar, String heap, Map<String, String> env, Path log, String health)
			throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
						"-Xlog:gc:file=" + gcLog(log), "-jar", jar.toAbsolutePath().toString()));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(env);
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		Process process = builder.start();
		HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> response = probe
					.send(HttpRequest.newBuilder(URI.create(health + "/actuator/health"))
						.timeout(Duration.ofSeconds(5))
						.build(), HttpResponse.BodyHandlers.ofString());
				if (response.body().contains("UP")) {
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
		process.destroyForcibly();
		throw new IllegalStateException("The application did not start; see " + log);
	}

	/** The GC log {@link #start} writes beside {@code log}. */
	public static Path gcLog(Path log) {
		return log.resolveSibling(log.getFileName() + ".gc");
	}

	/**
	 * The largest heap in use before any collection in a process's GC log, in MB: the
	 * peak of the heap (it only grows between collections); 0 before the first.
	 */
	public static long peakHeapMb(Path log) throws IOException {
		Path gc = gcLog(log);
		if (!Files.exists(gc)) {
			return 0;
		}
		long peak = 0;
		for (String line : Files.readAllLines(gc)) {
			Matcher m = GC_LINE.matcher(line);
			if (m.find()) {
				peak = Math.max(peak, Long.parseLong(m.group(1)));
			}
		}
		return peak;
	}

	/**
	 * Signs a new account up, follows the verification link from the sandbox's mail, logs
	 * in and makes an API key with {@code scopes} (comma-separated).
	 */
	public void signUp(String name, String scopes) throws Exception {
		String email = name + "-" + System.nanoTime() + "@example.com";
		form("/signup", Map.of("email", email, "password", PASSWORD, "displayName", name, "workspaceName", name,
				"timeZone", "UTC"));
		String link = null;
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (link == null && System.nanoTime() < deadline) {
			Matcher mail = Pattern.compile("href=\"(/sandbox/mail/[0-9a-f]+)\"").matcher(get("/sandbox/mail").body());
			while (mail.find() && link == null) {
				Matcher verify = Pattern.compile("/verify-email\\?token=[A-Za-z0-9_\\-]+")
					.matcher(get(mail.group(1)).body());
				if (verify.find()) {
					link = verify.group();
				}
			}
			if (link == null) {
				Thread.sleep(200);
			}
		}
		if (link == null) {
			throw new IllegalStateException("No verification mail in the sandbox");
		}
		get(link.replace("&amp;", "&"));
		form("/login", Map.of("email", email, "password", PASSWORD));
		String keys = form("/settings/api-keys", Map.of("name", name, "scopes", scopes));
		Matcher secret = Pattern.compile("id=\"api-key-secret\">(pm_[^<]+)<").matcher(keys);
		if (!secret.find()) {
			throw new IllegalStateException("No API key on the page");
		}
		this.key = secret.group(1);
	}

	/**
	 * Adds the domain, publishes its records on {@code dns} and verifies it.
	 * @return the domain's id
	 */
	public String verifiedDomain(TestDnsServer dns, String name) throws Exception {
		JsonNode domain = api("POST", "/api/v1/domains", "{\"name\":\"" + name + "\",\"receivesMail\":false}");
		String id = domain.get("id").asText();
		dns.publishZone(api("GET", "/api/v1/domains/" + id + "/records", null).get("zone").asText());
		String status = api("POST", "/api/v1/domains/" + id + "/verify", null).toString();
		if (!status.contains("verified")) {
			throw new IllegalStateException("The domain did not verify: " + status);
		}
		return id;
	}

	/**
	 * A mailbox sending through an SMTP server on loopback (any login) and reading an
	 * IMAP server on loopback with {@code imapLogin}/{@code imapPassword}.
	 * @param gapSeconds the least and most seconds between two of its sends (0: none)
	 * @return the mailbox's id
	 */
	public String mailbox(String email, int smtpPort, int imapPort, String imapLogin, String imapPassword,
			int gapSeconds) throws Exception {
		return api("POST", "/api/v1/mailboxes", """
				{"email":"%s","displayName":"Bench Sender","preset":"generic",
				 "smtp":{"host":"127.0.0.1","port":%d,"security":"NONE","username":"u","password":"p"},
				 "imap":{"host":"127.0.0.1","port":%d,"security":"NONE","username":"%s","password":"%s"},
				 "dailyCap":10000,"minGapSeconds":%d,"maxGapSeconds":%d}""".formatted(email, smtpPort, imapPort,
				imapLogin, imapPassword, gapSeconds, gapSeconds))
			.get("id")
			.asText();
	}

	/**
	 * A list of {@code count} contacts {@code lead<i>@client<i % 200>.test}, imported
	 * from CSV; waits for the import to finish.
	 * @return the list's id
	 */
	public String contacts(String listName, int count) throws Exception {
		String listId = api("POST", "/api/v1/lists", "{\"name\":\"" + listName + "\"}").get("id").asText();
		StringBuilder csv = new StringBuilder("email,first_name\n");
		for (int i = 0; i < count; i++) {
			csv.append("lead").append(i).append("@client").append(i % 200).append(".test,Lead").append(i).append('\n');
		}
		HttpResponse<String> started = this.http
			.send(request("/api/v1/contacts/imports?list=" + listId).header("Content-Type", "text/csv")
				.POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
				.build(), HttpResponse.BodyHandlers.ofString());
		String job = this.json.readTree(started.body()).get("id").asText();
		while (!api("GET", "/api/v1/contacts/imports/" + job, null).get("status").asText().equals("done")) {
			Thread.sleep(200);
		}
		return listId;
	}

	/**
	 * The benches' campaign as the API's JSON: every day, all day, over
	 * {@code mailboxIds}; opens and clicks tracked (one link), stopped by a reply, a
	 * bounce, an unsubscribe or a complaint; a second step a day later, so the first
	 * step's figures are what a run measures.
	 */
	public static String campaignDraft(String name, List<String> mailboxIds) {
		return """
				{"name":"%s","mailboxIds":[%s],
				 "schedule":{"timeZone":"UTC","days":[1,2,3,4,5,6,7],"windowStart":"00:00","windowEnd":"23:59:59",
				             "domainPacePerHour":100000},
				 "stops":{"onReply":true,"onClick":false,"onBounce":true,"onUnsubscribe":true,"onComplaint":true,
				          "companyOnReply":false},
				 "tracking":{"opens":true,"clicks":true},
				 "steps":[{"delayMinutes":0,"format":"html","variants":[{"subject":"Hi {{ first_name }}",
				            "html":"<p>Hello {{ first_name }}, see <a href=\\"https://example.com/offer\\">our offer</a>.</p>"}]},
				          {"delayMinutes":1440,"format":"html","variants":[{"subject":"Again, {{ first_name }}",
				            "html":"<p>Following up.</p>"}]}]}"""
			.formatted(name, String.join(",", mailboxIds.stream().map(id -> "\"" + id + "\"").toList()));
	}

	/**
	 * Creates a campaign from {@code draft} (the API's JSON), enrols {@code listId} and
	 * launches it.
	 * @return the campaign's id
	 */
	public String launch(String draft, String listId) throws Exception {
		String campaign = api("POST", "/api/v1/campaigns", draft).get("id").asText();
		api("POST", "/api/v1/campaigns/" + campaign + "/recipients", "{\"listIds\":[\"" + listId + "\"]}");
		JsonNode launched = api("POST", "/api/v1/campaigns/" + campaign + "/launch", null);
		if (!launched.path("status").asText().equals("running")) {
			throw new IllegalStateException("Not launched: " + launched);
		}
		return campaign;
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(120));
		return this.key == null ? builder : builder.header("Authorization", "Bearer " + this.key);
	}

	/** {@code GET path} with the session (and the API key once there is one). */
	public HttpResponse<String> get(String path) throws Exception {
		return this.http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * An API call with the key; a 4xx or 5xx answer throws.
	 * @param body JSON, or null for none
	 * @return the answer's JSON (a null node when empty)
	 */
	public JsonNode api(String method, String path, String body) throws Exception {
		HttpRequest.Builder builder = request(path).header("Content-Type", "application/json");
		builder.method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		HttpResponse<String> response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 400) {
			throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
		}
		return response.body().isBlank() ? this.json.nullNode() : this.json.readTree(response.body());
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
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
		return response.body();
	}

	/**
	 * The first text/html part of a message, its transfer encoding undone; null when it
	 * has none. Read from the parts' streams, not {@code getContent()}, which needs the
	 * mailcap handlers.
	 */
	public static String html(jakarta.mail.Part part) throws Exception {
		if (part.isMimeType("text/html")) {
			return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		if (part.isMimeType("multipart/*")) {
			jakarta.mail.internet.MimeMultipart multipart = new jakarta.mail.internet.MimeMultipart(
					part.getDataHandler().getDataSource());
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = html(multipart.getBodyPart(i));
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
