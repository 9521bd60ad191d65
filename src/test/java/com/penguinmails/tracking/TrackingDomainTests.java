package com.penguinmails.tracking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.delivery.Dispatcher;
import com.penguinmails.delivery.OutgoingMessage;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.domains.RecordCheck;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.tracking.TrackingFixtures.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Custom tracking domains: the links of a message from a domain whose tracking CNAME is
 * verified are on {@code track.<domain>}, and that host serves those links only, for its
 * own workspace only.
 */
@IntegrationTest
class TrackingDomainTests {

	/** A person's browser: requests without a User-Agent are machines'. */
	private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	private static final String HTML = "<p>Read <a href=\"https://example.com/guide\">the guide</a> or "
			+ "<a href=\"{{ unsubscribe_url }}\">unsubscribe</a>.</p>";

	static GreenMail smtp;

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	TrackingFixtures tracked;

	@Autowired
	PenguinMailsProperties app;

	@Autowired
	ObjectMapper json;

	@Autowired
	Outbox outbox;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Suppressions suppressions;

	@BeforeAll
	static void startSmtp() {
		smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		smtp.setUser("sender@greenmail.test", "sender", "s3cret");
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	/** Stores a verification of the domain whose tracking record was {@code status}. */
	private void lastVerification(String domain, String status) throws Exception {
		List<RecordCheck> checks = List.of(
				new RecordCheck("spf", "TXT", domain, "v=spf1 ~all", "ok", List.of("v=spf1 ~all"), List.of()),
				new RecordCheck("tracking", "CNAME", "track." + domain, "localhost.", status,
						"ok".equals(status) ? List.of("localhost.") : List.of(), List.of()));
		fixtures.jdbc()
			.sql("UPDATE domains SET last_results = ?::jsonb WHERE name = ?")
			.params(json.writeValueAsString(checks), domain)
			.update();
	}

	/** A new domain of the account whose tracking CNAME is verified. */
	private String trackingDomain(Account account) throws Exception {
		String domain = tracked.domain(account);
		lastVerification(domain, "ok");
		return domain;
	}

	/**
	 * The base of links on the domain's tracking host: the base URL's scheme and port.
	 */
	private String trackingBase(String domain) {
		return "http://track." + domain + ":" + app.baseUrl().getPort() + "/";
	}

	private String appBase() {
		return app.baseUrl() + "/";
	}

	private Message message(Account account, String domain) {
		Campaign campaign = tracked.launchedFrom(account, domain, new Campaign.Tracking(true, true), HTML,
				"ada@client.test");
		return tracked.messages(campaign.id()).get(0);
	}

	/**
	 * The path of the first link of the message's HTML on {@code base} to {@code kind}.
	 */
	private static String path(Message message, String base, String kind) {
		Matcher link = Pattern.compile(Pattern.quote(base) + "(" + kind + "/[A-Za-z0-9_-]+)\"").matcher(message.html());
		assertThat(link.find()).as(kind + " link on " + base + " in " + message.html()).isTrue();
		return "/" + link.group(1);
	}

	private MockHttpServletResponse on(String host, MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.header("Host", host).header("User-Agent", BROWSER)).andReturn().getResponse();
	}

	private long events(UUID outboxId, String kind) {
		return fixtures.jdbc()
			.sql("SELECT count(*) FROM tracking_events WHERE outbox_id = ? AND kind = ?")
			.params(outboxId, kind)
			.query(Long.class)
			.single();
	}

	@Test
	void theLinksOfAMessageAreOnItsDomainsVerifiedTrackingHost() throws Exception {
		Account account = fixtures.verifiedAccount("tracking-domain");
		String domain = trackingDomain(account);
		Message message = message(account, domain);

		String base = trackingBase(domain);
		assertThat(message.html()).contains("href=\"" + base + "c/")
			.contains("background=\"" + base + "o/")
			.contains("href=\"" + base + "u/")
			.doesNotContain(appBase())
			.doesNotContain("https://example.com/guide");
	}

	@Test
	void aDomainWhoseTrackingRecordIsNotVerifiedKeepsTheBaseUrl() throws Exception {
		Account account = fixtures.verifiedAccount("tracking-domain-off");
		String domain = tracked.domain(account);
		lastVerification(domain, "wrong");
		Message message = message(account, domain);

		assertThat(message.html()).contains("href=\"" + appBase() + "c/")
			.contains("background=\"" + appBase() + "o/")
			.contains("href=\"" + appBase() + "u/")
			.doesNotContain("track." + domain);
	}

	@Test
	void theListUnsubscribeHeaderIsOnTheTrackingHost() throws Exception {
		Account account = fixtures.verifiedAccount("tracking-domain-header");
		String domain = trackingDomain(account);
		Mailbox mailbox = mailboxes.add(account.owner(),
				new NewMailbox("jo@" + domain, "Jo", "generic",
						new ServerSettings("127.0.0.1", smtp.getSmtp().getPort(), Security.NONE, "sender", "s3cret"),
						new ServerSettings("127.0.0.1", 1143, Security.NONE, "sender", null), "", "", 1000, 0, 0));
		Instant now = Instant.now();
		Outbox.Queued queued = outbox
			.enqueue(new OutgoingMessage(account.workspaceId(), null, UUID.randomUUID(), 0, 0, mailbox.id(),
					mailbox.email(), null, "ana@recipients.test", "", "Hi", "<p>Hi</p>", "Hi", null, null), now)
			.orElseThrow();
		while (dispatcher.dispatch(now, 100) > 0) {
			// until the queue is empty
		}

		MimeMessage received = List.of(smtp.getReceivedMessages())
			.stream()
			.filter(m -> hasId(m, queued.messageId()))
			.findFirst()
			.orElseThrow();
		assertThat(received.getHeader("List-Unsubscribe", null)).startsWith("<" + trackingBase(domain) + "u/")
			.endsWith(">, <mailto:jo@" + domain + "?subject=unsubscribe>");
	}

	private static boolean hasId(MimeMessage message, String id) {
		try {
			return id.equals(message.getMessageID());
		}
		catch (jakarta.mail.MessagingException ex) {
			return false;
		}
	}

	@Test
	void theTrackingHostRecordsOpensAndClicksAndServesTheUnsubscribePage() throws Exception {
		Account account = fixtures.verifiedAccount("tracking-domain-host");
		String domain = trackingDomain(account);
		Message message = message(account, domain);
		String host = "track." + domain;
		String base = trackingBase(domain);

		MockHttpServletResponse open = on(host, get(path(message, base, "o")));
		assertThat(open.getStatus()).isEqualTo(200);
		assertThat(open.getContentType()).isEqualTo("image/gif");
		MockHttpServletResponse click = on(host, get(path(message, base, "c")));
		assertThat(click.getStatus()).isEqualTo(302);
		assertThat(click.getHeader("Location")).isEqualTo("https://example.com/guide");
		assertThat(events(message.outboxId(), "open")).isEqualTo(1);
		assertThat(events(message.outboxId(), "click")).isEqualTo(1);

		MockHttpServletResponse page = on(host, get(path(message, base, "u")));
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("Unsubscribe?").contains("ada@client.test");
		// The page's stylesheet comes from the same host.
		assertThat(on(host, get("/css/app.css")).getStatus()).isEqualTo(200);
		MockHttpServletResponse oneClick = on(host,
				post(path(message, base, "u")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.content("List-Unsubscribe=One-Click"));
		assertThat(oneClick.getStatus()).isEqualTo(200);
		assertThat(suppressions.isSuppressed(account.workspaceId(), "ada@client.test")).isTrue();
	}

	@Test
	void nothingElseOfTheAppIsServedOnATrackingHost() throws Exception {
		Account account = fixtures.verifiedAccount("tracking-domain-closed");
		String host = "track." + trackingDomain(account);
		String key = fixtures.apiKey(account, "domains:read");

		assertThat(on(host, get("/login")).getStatus()).isEqualTo(404);
		assertThat(on(host, post("/login").param("email", account.email()).param("password", Fixtures.PASSWORD))
			.getStatus()).isEqualTo(404);
		assertThat(on(host, get("/api/v1/me").header("Authorization", "Bearer " + key)).getStatus()).isEqualTo(404);
		assertThat(on(host, get("/")).getStatus()).isEqualTo(404);
		assertThat(on(host, get("/actuator/health")).getStatus()).isEqualTo(404);
		assertThat(on(host, get("/o/../login")).getStatus()).isEqualTo(404);
		assertThat(on(host, get("/css/../login")).getStatus()).isEqualTo(404);
		// The same requests on the app's own host are the app's.
		assertThat(on("localhost", get("/login")).getStatus()).isEqualTo(200);
		assertThat(on("localhost", get("/api/v1/me").header("Authorization", "Bearer " + key)).getStatus())
			.isEqualTo(200);
	}

	@Test
	void aLinkOfAnotherWorkspaceIsNotFoundOnATrackingHostAndStillWorksOnTheAppHost() throws Exception {
		Account owner = fixtures.verifiedAccount("tracking-domain-owner");
		String host = "track." + trackingDomain(owner);
		Account other = fixtures.verifiedAccount("tracking-domain-other");
		Message message = message(other, tracked.domain(other));
		String open = path(message, appBase(), "o");
		String click = path(message, appBase(), "c");
		String unsubscribe = path(message, appBase(), "u");

		assertThat(on(host, get(open)).getStatus()).isEqualTo(404);
		assertThat(on(host, get(click)).getStatus()).isEqualTo(404);
		assertThat(on(host, get(click)).getHeader("Location")).isNull();
		assertThat(on(host, get(unsubscribe)).getStatus()).isEqualTo(404);
		assertThat(on(host, post(unsubscribe).contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("List-Unsubscribe=One-Click")).getStatus()).isEqualTo(404);
		assertThat(events(message.outboxId(), "open") + events(message.outboxId(), "click")).isZero();

		assertThat(on("localhost", get(open)).getStatus()).isEqualTo(200);
		assertThat(on("localhost", get(click)).getStatus()).isEqualTo(302);
		assertThat(on("localhost", get(unsubscribe)).getStatus()).isEqualTo(200);
	}

	@Test
	void aTrackingHostNotVerifiedIsServedAsAnyOtherHost() throws Exception {
		Account account = fixtures.verifiedAccount("tracking-domain-unverified");
		String domain = tracked.domain(account);
		lastVerification(domain, "missing");

		assertThat(on("track." + domain, get("/login")).getStatus()).isEqualTo(200);
		assertThat(on("track.nobody-" + UUID.randomUUID() + ".test", get("/login")).getStatus()).isEqualTo(200);
	}

	@Test
	void theDomainPageSaysWhichHostTheLinksUse() throws Exception {
		Account account = fixtures.verifiedAccount("tracking-domain-page");
		String domain = trackingDomain(account);
		UUID id = fixtures.jdbc().sql("SELECT id FROM domains WHERE name = ?").param(domain).query(UUID.class).single();
		String without = tracked.domain(account);
		UUID withoutId = fixtures.jdbc()
			.sql("SELECT id FROM domains WHERE name = ?")
			.param(without)
			.query(UUID.class)
			.single();

		var session = fixtures.signedIn(account);
		assertThat(session.get("/domains/" + id).getResponse().getContentAsString()).contains("id=\"tracking-host\"")
			.contains("track." + domain);
		assertThat(session.get("/domains/" + withoutId).getResponse().getContentAsString())
			.doesNotContain("id=\"tracking-host\"");
	}

}
