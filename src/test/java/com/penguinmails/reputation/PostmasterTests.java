package com.penguinmails.reputation;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.reputation.internal.postmaster.ConnectionStatus;
import com.penguinmails.reputation.internal.postmaster.PostmasterPull;
import com.penguinmails.reputation.internal.postmaster.Provider;
import com.penguinmails.reputation.internal.timeline.DailyFigure;
import com.penguinmails.reputation.internal.timeline.DailySource;
import com.penguinmails.reputation.internal.timeline.Subject;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Google Postmaster Tools and Microsoft SNDS against WireMock speaking their documented
 * shapes: the OAuth 2.0 authorization code flow through the page's callback (state bound
 * to the session, PKCE), pulls following every page, refresh of an expired access token,
 * a revoked grant (alerted) and a refused SNDS key marked "connect again", the
 * cluster-safe scheduled pull, secrets encrypted, and the figures on the timeline.
 */
@IntegrationTest
class PostmasterTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	PostmasterConnections postmaster;

	@Autowired
	List<DailySource> sources;

	@Autowired
	com.penguinmails.alerts.Alerts alerts;

	WireMockServer google;

	@BeforeEach
	void stubs() {
		google = PostmasterStubs.reset();
		PostmasterStubs.consentApproves(google);
	}

	/** Connects Google through the page: POST connect, Google's consent, the callback. */
	private MvcResult connectGoogle(WebSession session) throws Exception {
		MvcResult start = session.get("/reputation/postmaster/google/connect");
		URI consent = URI.create(start.getResponse().getRedirectedUrl());
		assertThat(consent.toString()).startsWith(com.penguinmails.support.ProviderApis.base() + "/o/oauth2/v2/auth");
		var query = UriComponentsBuilder.fromUri(consent).build().getQueryParams();
		assertThat(query.getFirst("scope"))
			.satisfies(scope -> assertThat(java.net.URLDecoder.decode(scope, java.nio.charset.StandardCharsets.UTF_8))
				.isEqualTo("https://www.googleapis.com/auth/postmaster.readonly"));
		assertThat(query.getFirst("access_type")).isEqualTo("offline");
		assertThat(query.getFirst("code_challenge_method")).isEqualTo("S256");
		String state = query.getFirst("state");
		return session.get("/reputation/postmaster/google/callback?state=" + state + "&code=" + PostmasterStubs.CODE);
	}

	private DailySource figures() {
		return sources.stream().filter(s -> s.getClass().getSimpleName().equals("PostmasterFigures")).findFirst().get();
	}

	@Test
	void connectsGoogleAndPullsEveryPageOfEveryDomain() throws Exception {
		Account account = fixtures.verifiedAccount("pm-google");
		LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		PostmasterStubs.tokenExchange(google, "access-1");
		PostmasterStubs.domains(google, "access-1", "mail.pm-one.test", "pm-two.test");
		PostmasterStubs.trafficStats(google, "access-1", "mail.pm-one.test", yesterday);
		PostmasterStubs.trafficStats(google, "access-1", "pm-two.test", yesterday);

		MvcResult callback = connectGoogle(fixtures.signedIn(account));
		assertThat(callback.getResponse().getRedirectedUrl()).isEqualTo("/reputation/postmaster");
		assertThat((String) callback.getFlashMap().get("notice")).startsWith("Google Postmaster Tools connected");
		google.verify(postRequestedFor(urlPathEqualTo("/token")).withRequestBody(containing("code_verifier="))
			.withRequestBody(containing("code=" + PostmasterStubs.CODE.replace("/", "%2F"))));

		PostmasterPull.Outcome outcome = postmaster.syncNow(account.owner(), Provider.GOOGLE, Instant.now());
		assertThat(outcome.status()).isEqualTo(ConnectionStatus.CONNECTED);
		assertThat(outcome.days()).isEqualTo(4);
		var data = postmaster.data(account.owner(), yesterday.minusDays(5), yesterday);
		assertThat(data.traffic()).extracting(t -> t.domain() + " " + t.day() + " " + t.domainReputation())
			.containsExactlyInAnyOrder("mail.pm-one.test " + yesterday + " HIGH", "pm-two.test " + yesterday + " HIGH",
					"mail.pm-one.test " + yesterday.minusDays(1) + " MEDIUM",
					"pm-two.test " + yesterday.minusDays(1) + " MEDIUM");
		var full = data.traffic().stream().filter(t -> t.day().equals(yesterday)).findFirst().get();
		assertThat(full.userReportedSpamRatio()).isEqualTo(0.0021);
		assertThat(full.spamRatioLowerBound()).isEqualTo(0.0015);
		assertThat(full.spamRatioUpperBound()).isEqualTo(0.0030);
		assertThat(full.spfSuccessRatio()).isEqualTo(0.998);
		assertThat(full.dkimSuccessRatio()).isEqualTo(1.0);
		assertThat(full.dmarcSuccessRatio()).isEqualTo(0.995);
		assertThat(full.inboundEncryptionRatio()).isEqualTo(1.0);
		assertThat(full.outboundEncryptionRatio()).isEqualTo(0.97);
		assertThat(full.ipReputations()).extracting(r -> r.reputation() + " " + r.ipCount())
			.containsExactly("HIGH 2", "LOW 1");
		assertThat(full.deliveryErrors()).extracting(e -> e.errorClass() + " " + e.errorType() + " " + e.errorRatio())
			.containsExactly("TEMPORARY_ERROR RATE_LIMIT_EXCEEDED 0.015", "PERMANENT_ERROR BAD_DMARC_POLICY 0.002");
		assertThat(full.spammyFeedbackLoops()).extracting(f -> f.id() + " " + f.spamRatio())
			.containsExactly("campaign-7 0.12");

		// The timeline reads the same figures.
		UUID workspace = account.workspaceId();
		assertThat(figures().subjects(workspace)).contains(Subject.domain("mail.pm-one.test"),
				Subject.domain("pm-two.test"));
		assertThat(figures().daily(workspace, Subject.domain("pm-two.test"), yesterday, yesterday)).containsExactly(
				new DailyFigure(yesterday, DailyFigure.POSTMASTER_DOMAIN_REPUTATION, 4, "HIGH"),
				new DailyFigure(yesterday, DailyFigure.POSTMASTER_SPAM_RATE, 0.0021, null));
		assertThat(figures().daily(workspace, Subject.ip("192.0.2.66"), yesterday, yesterday))
			.containsExactly(new DailyFigure(yesterday, DailyFigure.POSTMASTER_IP_REPUTATION, 2, "LOW"));
	}

	@Test
	void secretsAreStoredEncryptedAndNeverShown() throws Exception {
		Account account = fixtures.verifiedAccount("pm-secret");
		PostmasterStubs.tokenExchange(google, "access-secret-value");
		connectGoogle(fixtures.signedIn(account));
		postmaster.connectSnds(account.owner(), "5e1f2a3b-aaaa-bbbb-cccc-0123456789ab", Instant.now());
		List<byte[]> stored = fixtures.jdbc()
			.sql("SELECT secret FROM postmaster_connections WHERE workspace_id = ?")
			.param(account.workspaceId())
			.query(byte[].class)
			.list();
		assertThat(stored).hasSize(2).allSatisfy(secret -> {
			String text = new String(secret, java.nio.charset.StandardCharsets.ISO_8859_1);
			assertThat(text).doesNotContain(PostmasterStubs.REFRESH_TOKEN).doesNotContain("5e1f2a3b-aaaa");
		});
		String api = fixtures.api(account, "reputation:read").get("/api/v1/reputation/postmaster").body().toString();
		assertThat(api).doesNotContain(PostmasterStubs.REFRESH_TOKEN)
			.doesNotContain("access-secret-value")
			.doesNotContain("5e1f2a3b-aaaa")
			.contains("key ending in 89ab");
	}

	@Test
	void callbackWithAForeignStateConnectsNothing() throws Exception {
		Account account = fixtures.verifiedAccount("pm-state");
		PostmasterStubs.tokenExchange(google, "access-x");
		WebSession session = fixtures.signedIn(account);
		session.get("/reputation/postmaster/google/connect");
		MvcResult forged = session
			.get("/reputation/postmaster/google/callback?state=forged-by-another-site&code=" + PostmasterStubs.CODE);
		assertThat(forged.getResponse().getRedirectedUrl()).isEqualTo("/reputation/postmaster");
		assertThat((String) forged.getFlashMap().get("error")).contains("does not belong to a connection started");
		// Without any pending request (another browser) too.
		MvcResult other = fixtures.signedIn(account)
			.get("/reputation/postmaster/google/callback?state=x&code=" + PostmasterStubs.CODE);
		assertThat((String) other.getFlashMap().get("error")).contains("does not belong");
		assertThat(postmaster.overview(account.owner()).google()).isNull();
		google.verify(0, postRequestedFor(urlPathEqualTo("/token")));
	}

	@Test
	void userDecliningConsentConnectsNothing() throws Exception {
		Account account = fixtures.verifiedAccount("pm-deny");
		WebSession session = fixtures.signedIn(account);
		MvcResult start = session.get("/reputation/postmaster/google/connect");
		String state = UriComponentsBuilder.fromUriString(start.getResponse().getRedirectedUrl())
			.build()
			.getQueryParams()
			.getFirst("state");
		MvcResult denied = session.get("/reputation/postmaster/google/callback?error=access_denied&state=" + state);
		assertThat((String) denied.getFlashMap().get("error"))
			.isEqualTo("Access was not granted in Google: nothing was connected.");
		assertThat(postmaster.overview(account.owner()).google()).isNull();
	}

	@Test
	void expiredAccessTokenIsRefreshedAndTheNewOneUsed() throws Exception {
		Account account = fixtures.verifiedAccount("pm-refresh");
		LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		PostmasterStubs.tokenExchange(google, "access-old");
		connectGoogle(fixtures.signedIn(account));
		PostmasterStubs.refreshGives(google, "access-new");
		PostmasterStubs.domains(google, "access-new", "pm-refresh.test", "pm-refresh-two.test");
		PostmasterStubs.trafficStats(google, "access-new", "pm-refresh.test", yesterday);
		PostmasterStubs.trafficStats(google, "access-new", "pm-refresh-two.test", yesterday);

		// Two hours later the 1-hour access token has expired: refreshed before use.
		PostmasterPull.Outcome outcome = postmaster.syncNow(account.owner(), Provider.GOOGLE,
				Instant.now().plusSeconds(7200));
		assertThat(outcome.status()).isEqualTo(ConnectionStatus.CONNECTED);
		google.verify(postRequestedFor(urlPathEqualTo("/token")).withRequestBody(containing("grant_type=refresh_token"))
			.withRequestBody(containing("refresh_token=" + PostmasterStubs.REFRESH_TOKEN.replace("/", "%2F"))));
		google.verify(0, getRequestedFor(urlPathEqualTo("/v1/domains")).withHeader("Authorization",
				equalTo("Bearer access-old")));
	}

	@Test
	void refusedAccessTokenIsRefreshedOnce() throws Exception {
		Account account = fixtures.verifiedAccount("pm-401");
		PostmasterStubs.tokenExchange(google, "access-revoked-early");
		connectGoogle(fixtures.signedIn(account));
		PostmasterStubs.refreshGives(google, "access-fresh");
		PostmasterStubs.domains(google, "access-fresh", "pm-401.test", "pm-401-two.test");
		LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		PostmasterStubs.trafficStats(google, "access-fresh", "pm-401.test", yesterday);
		PostmasterStubs.trafficStats(google, "access-fresh", "pm-401-two.test", yesterday);
		// Within its hour, but Google answers 401: refreshed, then the new token works.
		PostmasterPull.Outcome outcome = postmaster.syncNow(account.owner(), Provider.GOOGLE, Instant.now());
		assertThat(outcome.status()).isEqualTo(ConnectionStatus.CONNECTED);
		google.verify(1,
				postRequestedFor(urlPathEqualTo("/token")).withRequestBody(containing("grant_type=refresh_token")));
	}

	@Test
	void revokedGrantAsksToConnectAgainAndStopsThePulls() throws Exception {
		Account account = fixtures.verifiedAccount("pm-revoked");
		PostmasterStubs.tokenExchange(google, "access-r");
		connectGoogle(fixtures.signedIn(account));
		PostmasterStubs.refreshRefused(google);
		PostmasterPull.Outcome outcome = postmaster.syncNow(account.owner(), Provider.GOOGLE,
				Instant.now().plusSeconds(7200));
		assertThat(outcome.status()).isEqualTo(ConnectionStatus.EXPIRED);
		assertThat(outcome.message()).contains("connect the account again");
		var status = postmaster.overview(account.owner()).google();
		assertThat(status.status()).isEqualTo(ConnectionStatus.EXPIRED);
		assertThatThrownBy(() -> postmaster.syncNow(account.owner(), Provider.GOOGLE, Instant.now()))
			.isInstanceOf(InvalidInputProblem.class)
			.hasMessageContaining("connect the account again");
		fixtures.awaitEvents("PostmasterAlerts");
		assertThat(alerts.recent(account.owner(), 10)).singleElement().satisfies(alert -> {
			assertThat(alert.title()).isEqualTo("Google Postmaster Tools must be connected again");
			assertThat(alert.body()).contains("connect the account again")
				.doesNotContain(PostmasterStubs.REFRESH_TOKEN);
			assertThat(alert.link()).isEqualTo("/reputation/postmaster");
		});
		// The scheduled pull skips it.
		assertThat(postmaster.pullDue(Instant.now().plusSeconds(3 * 86400), 1000)).isGreaterThanOrEqualTo(0);
		assertThat(postmaster.overview(account.owner()).google().lastPulledAt()).isNull();
	}

	@Test
	void sndsKeyPullsTheDataAndIpStatusFeeds() throws Exception {
		Account account = fixtures.verifiedAccount("pm-snds");
		String key = "0a1b2c3d-" + UUID.randomUUID().toString().substring(9);
		LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		PostmasterStubs.sndsData(google, key, yesterday);
		postmaster.connectSnds(account.owner(), key, Instant.now());
		PostmasterPull.Outcome outcome = postmaster.syncNow(account.owner(), Provider.SNDS, Instant.now());
		assertThat(outcome.status()).isEqualTo(ConnectionStatus.CONNECTED);
		assertThat(outcome.days()).isEqualTo(2);
		var data = postmaster.data(account.owner(), yesterday, yesterday);
		var red = data.snds().stream().filter(d -> d.ip().equals("192.0.2.66")).findFirst().get();
		assertThat(red.filterResult()).isEqualTo("RED");
		assertThat(red.complaintRate()).isEqualTo(0.012);
		assertThat(red.trapHits()).isEqualTo(14);
		assertThat(red.sampleHelo()).isEqualTo("relay, two");
		assertThat(red.sampleMailFrom()).isEqualTo("news@example.test");
		assertThat(red.messageRecipients()).isEqualTo(905);
		assertThat(red.comments()).isEqualTo("Trap hits seen");
		var green = data.snds().stream().filter(d -> d.ip().equals("192.0.2.10")).findFirst().get();
		assertThat(green.complaintRate()).isEqualTo(0.001);
		assertThat(green.complaintText()).isEqualTo("< 0.1%");
		assertThat(data.ipStatus()).singleElement().satisfies(s -> {
			assertThat(s.blocked()).isTrue();
			assertThat(s.details()).startsWith("Blocked due to user complaints");
		});
		assertThat(figures().daily(account.workspaceId(), Subject.ip("192.0.2.66"), yesterday, yesterday))
			.containsExactly(new DailyFigure(yesterday, DailyFigure.SNDS_COLOUR, 1, "RED"),
					new DailyFigure(yesterday, DailyFigure.SNDS_COMPLAINT_RATE, 0.012, "1.2%"),
					new DailyFigure(yesterday, DailyFigure.SNDS_TRAP_HITS, 14, null));
		assertThat(figures().subjects(account.workspaceId())).contains(Subject.ip("192.0.2.10"),
				Subject.ip("192.0.2.66"));
	}

	@Test
	void refusedSndsKeyAsksForTheKeyAgain() throws Exception {
		Account account = fixtures.verifiedAccount("pm-snds-bad");
		String key = "deadbeef-" + UUID.randomUUID().toString().substring(9);
		PostmasterStubs.sndsRefuses(google, key);
		postmaster.connectSnds(account.owner(), key, Instant.now());
		PostmasterPull.Outcome outcome = postmaster.syncNow(account.owner(), Provider.SNDS, Instant.now());
		assertThat(outcome.status()).isEqualTo(ConnectionStatus.EXPIRED);
		assertThat(outcome.message()).contains("access key is not valid");

		Account other = fixtures.verifiedAccount("pm-snds-redirect");
		String redirected = "feedbeef-" + UUID.randomUUID().toString().substring(9);
		PostmasterStubs.sndsRedirects(google, redirected);
		postmaster.connectSnds(other.owner(), redirected, Instant.now());
		assertThat(postmaster.syncNow(other.owner(), Provider.SNDS, Instant.now()).status())
			.isEqualTo(ConnectionStatus.EXPIRED);
	}

	@Test
	void scheduledPullClaimsEachDueConnectionOnceAndSchedulesTheNextDay() throws Exception {
		Account account = fixtures.verifiedAccount("pm-schedule");
		String key = "5c4e0000-" + UUID.randomUUID().toString().substring(9);
		Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).plusSeconds(60);
		PostmasterStubs.sndsData(google, key, LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1));
		postmaster.connectSnds(account.owner(), key, now.minusSeconds(60));
		// Other test classes' connections may be due too: pull them all, then ours is
		// done.
		while (postmaster.pullDue(now, 50) == 50) {
			// more
		}
		var status = postmaster.overview(account.owner()).snds();
		assertThat(status.status()).isEqualTo(ConnectionStatus.CONNECTED);
		assertThat(status.lastPulledAt()).isEqualTo(now);
		assertThat(status.nextPullAt()).isEqualTo(status.lastPulledAt().plusSeconds(86400));
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM postmaster_connections WHERE workspace_id = ? AND next_pull_at <= ?")
			.params(account.workspaceId(), java.sql.Timestamp.from(now))
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aConnectionBeingPulledIsNotClaimedTwice() throws Exception {
		Account account = fixtures.verifiedAccount("pm-lease");
		postmaster.connectSnds(account.owner(), "1ea5e000-0000-0000-0000-000000000001", Instant.now());
		Instant now = Instant.now();
		// A node claimed it (its lease runs): "sync now" on another node waits.
		fixtures.jdbc()
			.sql("UPDATE postmaster_connections SET pulling_until = ? WHERE workspace_id = ?")
			.params(java.sql.Timestamp.from(now.plusSeconds(600)), account.workspaceId())
			.update();
		assertThatThrownBy(() -> postmaster.syncNow(account.owner(), Provider.SNDS, now))
			.isInstanceOf(InvalidInputProblem.class)
			.hasMessageContaining("being pulled right now");
	}

}
