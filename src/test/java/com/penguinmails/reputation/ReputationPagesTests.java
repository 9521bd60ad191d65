package com.penguinmails.reputation;

import java.net.InetAddress;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.reputation.internal.timeline.DailyFigure;
import com.penguinmails.reputation.internal.timeline.Subject;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.TestDnsServer;
import com.penguinmails.support.WebSession;
import com.penguinmails.warmup.Placement;
import com.penguinmails.warmup.WarmupHealth;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages and the API of the timeline and of the delisting workflow: a blocklist
 * listing found by domains' real check (the loopback DNS server plays the lists) is kept
 * with its removal link, walked through its checklist and closed by a re-check; warmup
 * health shows on a mailbox's timeline; errors are 4xx problems.
 */
@IntegrationTest
class ReputationPagesTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Domains domains;

	@Autowired
	InboundFixtures inbound;

	@Autowired
	WarmupHealth health;

	@Autowired
	TestDailySource source;

	final TestDnsServer dns = TestDnsServer.shared();

	static LocalDate today() {
		return LocalDate.now(ZoneOffset.UTC);
	}

	@Test
	void aListingIsKeptWithItsRemovalLinkWalkedThroughItsChecklistAndClosedByARecheck() throws Exception {
		Account account = fixtures.verifiedAccount("rep-listing");
		String name = "listed-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		Domain domain = domains.add(account.owner(), new NewDomain(name, false, "", "ip4:192.0.2.61"));
		dns.add("61.2.0.192.zen.spamhaus.org. 300 IN A 127.0.0.2");
		domains.checkBlocklists(account.owner(), domain.id());
		fixtures.awaitEvents("BlocklistHistory");

		WebSession session = fixtures.signedIn(account);
		String page = session.get("/reputation/blocklists").getResponse().getContentAsString();
		assertThat(page).contains("192.0.2.61")
			.contains("Spamhaus")
			.contains("Open the removal page")
			.contains("Find the cause")
			.contains("Request removal")
			.contains("Re-check now");
		Api api = fixtures.api(account, "reputation:read", "reputation:write", "domains:write");
		Api.Response listings = api.get("/api/v1/reputation/blocklists");
		assertThat(listings.status()).isEqualTo(200);
		assertThat(listings.body()).hasSize(1);
		String id = listings.body().get(0).path("id").asText();
		assertThat(listings.body().get(0).path("delistUrl").asText()).startsWith("https://");
		assertThat(listings.body().get(0).path("open").asBoolean()).isTrue();

		assertThat(session.post("/reputation/blocklists/" + id + "/steps", "step", "find_cause", "done", "true")
			.getResponse()
			.getStatus()).isEqualTo(302);
		Api.Response step = api.post("/api/v1/reputation/blocklists/" + id + "/steps", "{\"step\":\"fix\"}");
		assertThat(step.status()).isEqualTo(200);
		assertThat(step.body().path("done").toString()).contains("find_cause").contains("fix");
		Api.Response bad = api.post("/api/v1/reputation/blocklists/" + id + "/steps", "{\"step\":\"pray\"}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.raw().getContentType()).startsWith("application/problem+json");
		assertThat(api.post("/api/v1/reputation/blocklists/" + UUID.randomUUID() + "/recheck", "").status())
			.isEqualTo(404);

		// The list lets it go: the re-check closes the listing and it moves to the
		// history.
		dns.clear("61.2.0.192.zen.spamhaus.org.");
		Api.Response rechecked = api.post("/api/v1/reputation/blocklists/" + id + "/recheck", "");
		assertThat(rechecked.status()).isEqualTo(200);
		assertThat(rechecked.body().path("open").asBoolean()).isFalse();
		assertThat(rechecked.body().path("done").toString()).contains("recheck");
		page = session.get("/reputation/blocklists").getResponse().getContentAsString();
		assertThat(page).contains("Not listed now").contains("History").contains("192.0.2.61");

		// The domain and the IP were listed today: the timeline says so, by the lists'
		// names.
		Api.Response ip = api.get("/api/v1/reputation/ip/192.0.2.61", "days", "1");
		assertThat(ip.status()).isEqualTo(200);
		assertThat(ip.body()
			.path("days")
			.get(0)
			.path("figures")
			.path(DailyFigure.BLOCKLIST_LISTINGS)
			.path("value")
			.asInt()).isEqualTo(1);
		assertThat(ip.body().path("current").path("parts").get(0).path("key").asText()).isEqualTo("blocklists");
		assertThat(
				api.get("/api/v1/reputation/domain/" + name, "days", "1").body().path("current").path("score").asInt())
			.isEqualTo(100);
		// Another workspace sees no listing.
		Account stranger = fixtures.verifiedAccount("rep-listing-stranger");
		assertThat(fixtures.api(stranger, "reputation:read").get("/api/v1/reputation/blocklists").body()).isEmpty();
		assertThat(fixtures.api(stranger, "reputation:read", "reputation:write")
			.post("/api/v1/reputation/blocklists/" + id + "/steps", "{\"step\":\"fix\"}")
			.status()).isEqualTo(404);
	}

	@Test
	void aNewWorkspaceSeesWhatToDoFirst() throws Exception {
		Account account = fixtures.verifiedAccount("rep-empty");
		WebSession session = fixtures.signedIn(account);
		assertThat(session.get("/reputation").getResponse().getContentAsString()).contains("No reputation to show yet")
			.contains("Connect a mailbox");
		assertThat(session.get("/reputation/blocklists").getResponse().getContentAsString())
			.contains("No blocklist listing so far")
			.contains("No blocklist check has run");
		assertThat(fixtures.api(account, "reputation:read").get("/api/v1/reputation/subjects").body()).isEmpty();
		// Once a clean check ran, the empty page says when and how many lists it asked.
		Domain clean = domains.add(account.owner(),
				new NewDomain("clean-" + UUID.randomUUID().toString().substring(0, 8) + ".test", false, "", ""));
		int lists = domains.checkBlocklists(account.owner(), clean.id())
			.stream()
			.map(com.penguinmails.domains.BlocklistResult::zone)
			.collect(java.util.stream.Collectors.toSet())
			.size();
		fixtures.awaitEvents("BlocklistHistory");
		assertThat(lists).isPositive();
		assertThat(session.get("/reputation/blocklists").getResponse().getContentAsString())
			.contains("No blocklist listing so far")
			.containsPattern(
					"Last check: \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC, " + lists + " blocklists asked about 1 ");
		Api.Response last = fixtures.api(account, "reputation:read").get("/api/v1/reputation/blocklists/last-check");
		assertThat(last.status()).isEqualTo(200);
		assertThat(last.body().path("lists").asInt()).isEqualTo(lists);
		assertThat(last.body().path("at").isNull()).isFalse();
	}

	@Test
	void aDomainsAndAMailboxsPagesLeadToTheirReputationEvenBeforeAnythingIsSent() throws Exception {
		Sender sender = inbound.sender("rep-links");
		String name = "links-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		Domain domain = domains.add(sender.account().owner(), new NewDomain(name, false, "", ""));
		WebSession session = fixtures.signedIn(sender.account());

		String domainPage = session.get("/domains/" + domain.id()).getResponse().getContentAsString();
		assertThat(domainPage).contains("href=\"/reputation/domain/" + name + "\"")
			.contains("href=\"/reputation/dmarc/" + domain.id() + "\"");
		// A domain with no mailbox, no check and no report yet still has its timeline.
		assertThat(session.get("/reputation/domain/" + name).getResponse().getStatus()).isEqualTo(200);
		assertThat(session.get("/reputation/dmarc/" + domain.id()).getResponse().getStatus()).isEqualTo(200);

		UUID mailbox = sender.mailbox().id();
		assertThat(session.get("/mailboxes/" + mailbox).getResponse().getContentAsString())
			.contains("href=\"/reputation/mailbox/" + mailbox + "\"");
		assertThat(session.get("/reputation/mailbox/" + mailbox).getResponse().getStatus()).isEqualTo(200);

		// And back: the timelines link to the pages and to each other.
		String email = sender.mailbox().email();
		String own = email.substring(email.indexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
		UUID ownId = domains.list(sender.account().owner())
			.stream()
			.filter(d -> d.name().equals(own))
			.findFirst()
			.orElseThrow()
			.id();
		String mailboxTimeline = session.get("/reputation/mailbox/" + mailbox).getResponse().getContentAsString();
		String ip = InetAddress.getByName(sender.mailbox().smtpHost()).getHostAddress();
		assertThat(mailboxTimeline).contains("href=\"/mailboxes/" + mailbox + "\"")
			.contains("href=\"/reputation/domain/" + own + "\"")
			.contains("href=\"/reputation/ip/" + ip + "\"")
			.contains("href=\"/reputation/throttling\"");
		String domainTimeline = session.get("/reputation/domain/" + own).getResponse().getContentAsString();
		assertThat(domainTimeline).contains("href=\"/domains/" + ownId + "\"")
			.contains("href=\"/reputation/dmarc/" + ownId + "\"")
			.contains("href=\"/reputation/mailbox/" + mailbox + "\"")
			.contains(email)
			.contains("href=\"/reputation/ip/" + ip + "\"");
		assertThat(session.get("/reputation/ip/" + ip).getResponse().getContentAsString())
			.contains("href=\"/reputation/mailbox/" + mailbox + "\"");
		Api api = fixtures.api(sender.account(), "reputation:read");
		Api.Response related = api.get("/api/v1/reputation/mailbox/" + mailbox + "/related");
		assertThat(related.status()).isEqualTo(200);
		assertThat(related.body().path("domainId").asText()).isEqualTo(ownId.toString());
		assertThat(related.body().path("ip").asText()).isEqualTo(ip);
		assertThat(api.get("/api/v1/reputation/domain/" + own + "/related")
			.body()
			.path("mailboxes")
			.get(0)
			.path("email")
			.asText()).isEqualTo(email);
		assertThat(api.get("/api/v1/reputation/mailbox/nope/related").status()).isEqualTo(400);
		// A domain added without mailboxes links to its page too.
		assertThat(session.get("/reputation/domain/" + name).getResponse().getContentAsString())
			.contains("href=\"/domains/" + domain.id() + "\"");
	}

	@Test
	void aMailboxTimelineShowsWarmupHealthAndTheOtherSourcesInTheTableChartAndBreakdown() throws Exception {
		Sender sender = inbound.sender("rep-warmup");
		UUID workspace = sender.account().workspaceId();
		UUID mailbox = sender.mailbox().id();
		LocalDate day = today().minusDays(1);
		fixtures.jdbc().sql("""
				INSERT INTO warmup_mailboxes (mailbox_id, workspace_id, enabled, start_per_day, increase_per_day,
				    max_per_day, reply_rate_percent, started_on)
				VALUES (?, ?, true, 3, 2, 40, 30, current_date - 10)""").params(mailbox, workspace).update();
		for (int i = 0; i < 10; i++) {
			warmupSent(workspace, mailbox, day, i < 8 ? Placement.INBOX : Placement.SPAM);
		}
		health.measure(day, Instant.now());
		int score = health.latest(workspace, mailbox).orElseThrow().score();
		source.put(workspace, Subject.mailbox(mailbox), day, DailyFigure.THROTTLE_DECISIONS, 2,
				"slowed to Google twice");

		WebSession session = fixtures.signedIn(sender.account());
		String page = session.get("/reputation/mailbox/" + mailbox).getResponse().getContentAsString();
		assertThat(page).contains(sender.mailbox().email())
			.contains("Warmup health")
			.contains("Warmup inbox rate")
			.contains("80.0 %")
			.contains("Throttling decisions")
			.contains("2 (slowed to Google twice)")
			.contains("data-chart=")
			.containsPattern("/js/reputation-timeline-[0-9a-f]{32}\\.js")
			.contains(score + " / 100");
		Api api = fixtures.api(sender.account(), "reputation:read");
		Api.Response t = api.get("/api/v1/reputation/mailbox/" + mailbox, "days", "7");
		assertThat(t.body().path("names").toString()).contains(DailyFigure.WARMUP_HEALTH, DailyFigure.WARMUP_INBOX_RATE,
				DailyFigure.THROTTLE_DECISIONS);
		assertThat(t.body().path("days").get(5).path("figures").path(DailyFigure.WARMUP_HEALTH).path("value").asInt())
			.isEqualTo(score);
		assertThat(session.get("/reputation").getResponse().getContentAsString()).contains(sender.mailbox().email())
			.contains("Warmup health: " + score + " / 100");
	}

	@Test
	void malformedSubjectsAreBadRequestsAndUnknownOnesNotFoundOnPagesAndApi() throws Exception {
		Sender sender = inbound.sender("rep-errors");
		WebSession session = fixtures.signedIn(sender.account());
		assertThat(session.get("/reputation/ip/999.1.2.3").getResponse().getStatus()).isEqualTo(400);
		assertThat(session.get("/reputation/domain/unknown-here.test").getResponse().getStatus()).isEqualTo(404);
		Api api = fixtures.api(sender.account(), "reputation:read");
		for (String path : List.of("/api/v1/reputation/mailbox/not-a-uuid", "/api/v1/reputation/ip/example.com",
				"/api/v1/reputation/domain/-bad-.test")) {
			Api.Response response = api.get(path);
			assertThat(response.status()).as(path).isEqualTo(400);
			assertThat(response.raw().getContentType()).startsWith("application/problem+json");
		}
		assertThat(api.get("/api/v1/reputation/mailbox/" + sender.mailbox().id(), "days", "400").status())
			.isEqualTo(400);
		assertThat(api.get("/api/v1/reputation/mailbox/" + sender.mailbox().id(), "days", "ten").status())
			.isEqualTo(400);
		assertThat(api.get("/api/v1/reputation/mailbox/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(fixtures.api(sender.account(), "domains:read").get("/api/v1/reputation/subjects").status())
			.isEqualTo(403);
	}

	private void warmupSent(UUID workspace, UUID mailbox, LocalDate day, Placement placement) {
		Timestamp at = Timestamp.from(day.atTime(9, 0).toInstant(ZoneOffset.UTC));
		String token = UUID.randomUUID().toString().replace("-", "");
		fixtures.jdbc()
			.sql("""
					INSERT INTO warmup_messages (id, token, message_id, thread_id, kind, sender_workspace_id,
					    sender_mailbox_id, recipient_workspace_id, recipient_mailbox_id, subject, body, day, due_at,
					    sent_at, placement, rescued)
					VALUES (?, ?, ?, ?, 'initial', ?, ?, ?, ?, 'Lunch?', 'Hi', ?, ?, ?, ?, false)""")
			.params(UUID.randomUUID(), token, "<" + token + "@warm.test>", UUID.randomUUID(), workspace, mailbox,
					workspace, UUID.randomUUID(), Date.valueOf(day), at, at, placement.value())
			.update();
	}

}
