package com.penguinmails.support;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.domains.RecordCheck;
import com.penguinmails.identity.internal.AccountService;
import com.penguinmails.identity.internal.AccountService.SignUp;
import com.penguinmails.identity.internal.ApiKeyService;
import com.penguinmails.sandbox.SandboxMail;
import com.penguinmails.sandbox.SandboxMailbox;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds users, workspaces, sessions and keys for tests, through the real services. */
@Component
public class Fixtures {

	public static final String PASSWORD = "correct horse battery staple";

	private static final AtomicInteger IPS = new AtomicInteger(1);

	public record Account(UUID userId, UUID workspaceId, String email) {

		public Tenant owner() {
			return new Tenant(workspaceId, userId, WorkspaceRole.OWNER, Set.of(), null);
		}

	}

	private final AccountService accounts;

	private final ApiKeyService keys;

	private final JdbcClient jdbc;

	private final SandboxMailbox mailbox;

	private final MockMvc mvc;

	private final ObjectMapper json;

	private final Domains domains;

	Fixtures(AccountService accounts, ApiKeyService keys, JdbcClient jdbc, SandboxMailbox mailbox, MockMvc mvc,
			ObjectMapper json, Domains domains) {
		this.domains = domains;
		this.accounts = accounts;
		this.keys = keys;
		this.jdbc = jdbc;
		this.mailbox = mailbox;
		this.mvc = mvc;
		this.json = json;
	}

	public static String uniqueEmail(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	/**
	 * A fresh documentation-range IP address per call, so per-IP limits never leak
	 * between tests.
	 */
	public static String uniqueIp() {
		int n = IPS.getAndIncrement();
		return "198.51." + (n / 250) + "." + (n % 250 + 1);
	}

	public WebSession browser() {
		return new WebSession(mvc, uniqueIp());
	}

	/** A signed-up, verified user with their own workspace. */
	public Account verifiedAccount(String name) {
		String email = uniqueEmail(name);
		UUID userId = accounts.signUp(new SignUp(email, PASSWORD, name, name + " Inc", "UTC"));
		jdbc.sql("UPDATE users SET email_verified_at = now() WHERE id = ?").param(userId).update();
		UUID workspaceId = jdbc.sql("SELECT workspace_id FROM memberships WHERE user_id = ?")
			.param(userId)
			.query(UUID.class)
			.single();
		return new Account(userId, workspaceId, email);
	}

	/**
	 * Makes {@code member} a member of {@code owner}'s workspace with {@code role}, as if
	 * invited.
	 */
	public void join(Account owner, Account member, WorkspaceRole role) {
		jdbc.sql("INSERT INTO memberships (workspace_id, user_id, role) VALUES (?, ?, ?)")
			.params(owner.workspaceId(), member.userId(), role.name())
			.update();
	}

	/** A browser session signed in with email and password (no 2FA). */
	public WebSession signedIn(Account account) throws Exception {
		WebSession session = browser();
		MvcResult result = session.post("/login", "email", account.email(), "password", PASSWORD);
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
		return session;
	}

	public String apiKey(Account account, String... scopes) {
		return keys.create(account.owner(), "test key", List.of(scopes), "127.0.0.1").secret();
	}

	/** An API client with a new key of the account's owner holding {@code scopes}. */
	public Api api(Account account, String... scopes) {
		return new Api(mvc, json, apiKey(account, scopes));
	}

	/** The newest link to {@code path} mailed to {@code email}. */
	public String lastLink(String email, String path) {
		Pattern link = Pattern.compile("https?://[^\\s\"<>]*" + Pattern.quote(path) + "\\?token=[A-Za-z0-9_\\-]+");
		for (SandboxMail message : mailbox.messages()) {
			Matcher matcher = link.matcher(message.text() == null ? "" : message.text());
			if (message.to().stream().anyMatch(to -> to.equalsIgnoreCase(email)) && matcher.find()) {
				return matcher.group();
			}
		}
		throw new AssertionError("No mail to " + email + " with a link to " + path);
	}

	public long mailsTo(String email) {
		return mailbox.messages()
			.stream()
			.filter(m -> m.to().stream().anyMatch(to -> to.equalsIgnoreCase(email)))
			.count();
	}

	/** The token of {@link #lastLink}. */
	public String lastToken(String email, String path) {
		String url = lastLink(email, path);
		return url.substring(url.indexOf("token=") + 6);
	}

	/**
	 * The database's durability settings, for a benchmark to print beside its figures
	 * (they must be measured as the application runs: durable).
	 */
	public String durability() {
		return String.join(", ",
				java.util.stream.Stream.of("fsync", "synchronous_commit", "full_page_writes")
					.map(name -> name + "=" + jdbc.sql("SHOW " + name).query(String.class).single())
					.toList());
	}

	/**
	 * Waits (10 s at most) until campaigns have handled every event published so far:
	 * they stop enrolments and count engagements from inbound's, tracking's and
	 * delivery's events, after the publisher's commit, asynchronously.
	 */
	public void enrolmentEventsHandled() {
		awaitEvents("EnrolmentEvents");
	}

	/**
	 * Waits (10 s at most) until the listeners of the class named {@code listener} have
	 * handled every event published so far (application module listeners run after the
	 * publisher's commit, asynchronously).
	 */
	public void awaitEvents(String listener) {
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.pollInterval(java.time.Duration.ofMillis(20))
			.until(() -> jdbc.sql("""
					SELECT count(*) FROM event_publication
					WHERE completion_date IS NULL AND listener_id LIKE ?""")
				.param("%." + listener + ".%")
				.query(Long.class)
				.single() == 0);
	}

	public JdbcClient jdbc() {
		return jdbc;
	}

	/**
	 * A new sending domain of the account ({@code <prefix>-xxxxxxxx.test}) whose tracking
	 * CNAME ({@code track.<name>}) is verified, and which is not due for a DNS re-check
	 * for a day: the background re-check would find no CNAME here and take the tracking
	 * host (and its certificate) away mid-test.
	 */
	public Domain trackingDomain(Account account, String prefix) throws Exception {
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		Domain domain = domains.add(account.owner(), new NewDomain(name, false, "", ""));
		List<RecordCheck> checks = List.of(new RecordCheck("tracking", "CNAME", "track." + name, "localhost.", "ok",
				List.of("localhost."), List.of()));
		jdbc.sql("UPDATE domains SET last_results = ?::jsonb, next_check_at = now() + interval '1 day' WHERE id = ?")
			.params(json.writeValueAsString(checks), domain.id())
			.update();
		return domain;
	}

}
