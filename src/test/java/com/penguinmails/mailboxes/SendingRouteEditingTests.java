package com.penguinmails.mailboxes;

import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.alerts.Alert;
import com.penguinmails.alerts.Alerts;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.ProviderApis;
import com.penguinmails.support.WebSession;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Sending providers and routes made right for a user: edited on their pages (a blank
 * secret keeps the stored one; a form keeps what was typed after an error, never a
 * secret), routes that could never match or send refused or shown broken, a mailbox's
 * transport switch forgetting the old transport's error, and one alert when every
 * provider of a route fails (Mailgun's check endpoint at WireMock), resolved when one
 * passes.
 */
@IntegrationTest
class SendingRouteEditingTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	SendingProviders providers;

	@Autowired
	SendingRoutes routes;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Alerts alerts;

	private final WireMockServer api = ProviderApis.shared();

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private SendingProvider mailgun(Account account, String name, String mgDomain, String key) {
		return providers.addProvider(account.owner(),
				new NewSendingProvider(name, "mailgun", null, null, key, mgDomain, "us", null, null));
	}

	/** Mailgun's domain endpoint (its health check) answers 200 for the key, else 401. */
	private void mailgunAccepts(String mgDomain, String key) {
		api.stubFor(get(urlPathEqualTo("/mailgun-us/v3/domains/" + mgDomain)).atPriority(5)
			.willReturn(aResponse().withStatus(401).withBody("Forbidden")));
		api.stubFor(get(urlPathEqualTo("/mailgun-us/v3/domains/" + mgDomain)).atPriority(1)
			.withBasicAuth("api", key)
			.willReturn(okJson("{\"domain\": {\"name\": \"" + mgDomain + "\", \"state\": \"active\"}}")));
	}

	private UUID campaign(Account account, String name, String status) {
		UUID id = UUID.randomUUID();
		fixtures.jdbc()
			.sql("""
					INSERT INTO campaigns (id, workspace_id, name, status, send_days, window_start, window_end, created_at)
					VALUES (?, ?, ?, ?, '{1,2,3,4,5,6,7}', '00:00', '23:59:59', now())""")
			.params(id, account.workspaceId(), name, status)
			.update();
		return id;
	}

	@Test
	void aProviderIsEditedOnItsPageAndABlankKeyKeepsTheStoredOne() throws Exception {
		Account account = fixtures.verifiedAccount("edit-provider");
		String key = unique("key-kept");
		String mgDomain = unique("mg") + ".example.com";
		String newDomain = unique("mg-new") + ".example.com";
		mailgunAccepts(newDomain, key);
		SendingProvider provider = mailgun(account, "Mailgun US", mgDomain, key);
		WebSession session = fixtures.signedIn(account);

		String page = session.get("/mailboxes/sending-routes/providers/" + provider.id() + "/edit")
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("value=\"Mailgun US\"")
			.contains("value=\"" + mgDomain + "\"")
			.contains("Leave empty to keep it")
			.doesNotContain(key)
			// Only Mailgun's fields: no Postmark token, no AWS region.
			.doesNotContain("serverToken")
			.doesNotContain("sesRegion");

		session.post("/mailboxes/sending-routes/providers/" + provider.id(), "name", "Mailgun renamed", "kind",
				"mailgun", "apiKey", "", "mailgunDomain", newDomain, "mailgunRegion", "us", "enabledShown", "true");

		SendingProvider changed = providers.provider(account.owner(), provider.id());
		assertThat(changed.name()).isEqualTo("Mailgun renamed");
		assertThat(changed.transport().domain()).isEqualTo(newDomain);
		assertThat(changed.enabled()).isFalse();
		// The stored key was kept: Mailgun accepts it.
		assertThat(providers.check(account.owner(), provider.id()).health()).isEqualTo(ProviderHealth.HEALTHY);
	}

	@Test
	void savingTheOnlyProviderOfARouteOffSaysWhichRoutesNowWait() throws Exception {
		Account account = fixtures.verifiedAccount("provider-off");
		String mgDomain = unique("mg") + ".example.com";
		SendingProvider only = mailgun(account, "SES Ireland", mgDomain, unique("key"));
		routes.addRoute(account.owner(),
				new NewSendingRoute("recipient_domain", "example.org", null, List.of(only.id()), true));
		routes.addRoute(account.owner(),
				new NewSendingRoute("recipient_domain", "example.net", null, List.of(only.id()), false));
		WebSession session = fixtures.signedIn(account);

		Object notice = session
			.post("/mailboxes/sending-routes/providers/" + only.id(), "name", "SES Ireland", "kind", "mailgun",
					"apiKey", "", "mailgunDomain", mgDomain, "mailgunRegion", "us", "enabledShown", "true")
			.getFlashMap()
			.get("notice");

		assertThat(notice).isEqualTo("SES Ireland is saved and off. Route 2 now has no provider on: its messages "
				+ "wait until you turn one on or add one.");
	}

	@Test
	void wordingsReadAsSentences() throws Exception {
		Account account = fixtures.verifiedAccount("route-wording");
		String mgDomain = unique("mg") + ".example.com";
		SendingProvider provider = mailgun(account, "Old name", mgDomain, unique("key"));
		providers.updateProvider(account.owner(), provider.id(),
				new NewSendingProvider("New name", "mailgun", null, null, null, mgDomain, "us", null, null));
		await().untilAsserted(() -> assertThat(auditTargets(account, "sending_provider.changed"))
			.anyMatch(target -> target.startsWith("Old name renamed to New name (Mailgun")));

		assertThatThrownBy(
				() -> routes.addRoute(account.owner(),
						new NewSendingRoute("recipient_domain", "example.org", null,
								List.of(provider.id(), provider.id()), true)))
			.hasMessage("Choose each provider once in a route.");

		String email = "jo@" + unique("wording") + ".example.com";
		Mailbox mailbox = mailboxes.add(account.owner(),
				new NewMailbox(email, "Jo", "generic", null,
						new ServerSettings("127.0.0.1", 1143, Security.NONE, email, "imap-secret"), "", "", 1000, 0, 0,
						null, TransportSettings.postmark(unique("token"), "outbound")));
		mailboxes.setTransport(account.owner(), mailbox.id(), TransportSettings.smtp());
		await().untilAsserted(() -> assertThat(auditTargets(account, "mailbox.transport_changed"))
			.contains(email + ": Postmark to its SMTP server"));
	}

	@Test
	void aRouteShadowedByAnEarlierRouteOfTheSameMatchIsFlaggedAsNeverUsed() throws Exception {
		Account account = fixtures.verifiedAccount("route-shadow");
		routes.addRoute(account.owner(), new NewSendingRoute("recipient_domain", "example.org", null, List.of(), true));
		routes.addRoute(account.owner(), new NewSendingRoute("recipient_domain", "*.edu", null, List.of(), true));
		routes.addRoute(account.owner(), new NewSendingRoute("recipient_domain", "Example.org", null, List.of(), true));

		List<SendingRoute> listed = routes.routes(account.owner());
		assertThat(listed.get(0).problem()).isNull();
		assertThat(listed.get(1).problem()).isNull();
		assertThat(listed.get(2).problem())
			.isEqualTo("Never used: route 1 matches these messages first. Delete this route, or change its match.");
		String page = fixtures.signedIn(account).get("/mailboxes/sending-routes").getResponse().getContentAsString();
		assertThat(page).contains("Never used: route 1 matches these messages first.")
			.doesNotContain("Broken: Never used");
	}

	private List<String> auditTargets(Account account, String action) {
		return fixtures.jdbc()
			.sql("SELECT target FROM audit_events WHERE workspace_id = ? AND action = ?")
			.params(account.workspaceId(), action)
			.query(String.class)
			.list();
	}

	@Test
	void theProviderFormKeepsWhatWasTypedAfterAnErrorButNeverTheSecrets() throws Exception {
		Account account = fixtures.verifiedAccount("edit-provider-error");
		WebSession session = fixtures.signedIn(account);

		String page = session
			.post("/mailboxes/sending-routes/providers", "name", "SES typed", "kind", "ses", "accessKeyId",
					"AKIATYPEDKEYID", "secretAccessKey", "typed-secret-key", "sesRegion", "mars-north", "enabledShown",
					"true", "enabled", "true")
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("Give the AWS region of SES, like eu-west-1.")
			.contains("value=\"SES typed\"")
			.contains("value=\"mars-north\"")
			.containsPattern("<option value=\"ses\"\\s+selected")
			.doesNotContain("AKIATYPEDKEYID")
			.doesNotContain("typed-secret-key");
		assertThat(providers.providers(account.owner())).isEmpty();
	}

	@Test
	void aRouteIsEditedOnItsPageAndAnErrorKeepsWhatWasChosen() throws Exception {
		Account account = fixtures.verifiedAccount("edit-route");
		SendingProvider mailgun = mailgun(account, "Mailgun", unique("mg") + ".example.com", unique("key"));
		SendingRoute route = routes.addRoute(account.owner(),
				new NewSendingRoute("recipient_domain", "example.org", null, List.of(mailgun.id()), true));
		WebSession session = fixtures.signedIn(account);

		String page = session.get("/mailboxes/sending-routes/" + route.id() + "/edit")
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("value=\"example.org\"")
			.containsPattern("<option value=\"" + mailgun.id() + "\"\\s+selected");

		String refused = session
			.post("/mailboxes/sending-routes/" + route.id(), "match", "campaign", "domain", "typed.example",
					"campaignId", "", "first", mailgun.id().toString(), "thenSmtp", "true")
			.getResponse()
			.getContentAsString();
		assertThat(refused).contains("Choose the campaign whose messages this route sends.")
			.containsPattern("<option value=\"campaign\"\\s+selected")
			.contains("value=\"typed.example\"");
		assertThat(routes.route(account.owner(), route.id()).value()).isEqualTo("example.org");

		session.post("/mailboxes/sending-routes/" + route.id(), "match", "recipient_domain", "domain", "*.edu", "first",
				mailgun.id().toString());
		SendingRoute changed = routes.route(account.owner(), route.id());
		assertThat(changed.value()).isEqualTo("*.edu");
		assertThat(changed.thenSmtp()).isFalse();
		assertThat(changed.words()).isEqualTo("Messages to any domain under edu go through Mailgun.");
	}

	@Test
	void routesThatCouldNeverMatchOrNeverSendAreRefused() {
		Account account = fixtures.verifiedAccount("route-never");
		SendingProvider off = providers.addProvider(account.owner(), new NewSendingProvider("Off", "mailgun", null,
				null, unique("key"), unique("mg") + ".example.com", "us", null, null, false));
		UUID archived = campaign(account, "Old launch", "archived");

		assertThatThrownBy(
				() -> routes.addRoute(account.owner(), new NewSendingRoute("campaign", null, null, List.of(), true)))
			.isInstanceOfSatisfying(InvalidInputProblem.class,
					problem -> assertThat(problem.type()).isEqualTo("campaign-required"));
		assertThatThrownBy(() -> routes.addRoute(account.owner(),
				new NewSendingRoute("campaign", null, archived, List.of(), true)))
			.isInstanceOfSatisfying(InvalidInputProblem.class, problem -> {
				assertThat(problem.type()).isEqualTo("campaign-archived");
				assertThat(problem.getMessage()).contains("\u201cOld launch\u201d is archived");
			});
		assertThatThrownBy(() -> routes.addRoute(account.owner(),
				new NewSendingRoute("recipient_domain", "example.org", null, List.of(off.id()), false)))
			.isInstanceOfSatisfying(InvalidInputProblem.class,
					problem -> assertThat(problem.type()).isEqualTo("providers-off"));
		assertThatThrownBy(() -> routes.addRoute(account.owner(),
				new NewSendingRoute("recipient_domain", "exa mple.org", null, List.of(), true)))
			.isInstanceOfSatisfying(InvalidInputProblem.class,
					problem -> assertThat(problem.type()).isEqualTo("invalid-route-domain"));
		assertThat(routes.routes(account.owner())).isEmpty();
	}

	@Test
	void archivedCampaignsAreNotOfferedAndARouteWhoseCampaignIsArchivedIsShownBroken() throws Exception {
		Account account = fixtures.verifiedAccount("route-archived");
		UUID live = campaign(account, "Live campaign", "running");
		campaign(account, "Archived campaign", "archived");
		SendingRoute route = routes.addRoute(account.owner(),
				new NewSendingRoute("campaign", null, live, List.of(), true));
		assertThat(route.problem()).isNull();
		fixtures.jdbc().sql("UPDATE campaigns SET status = 'archived' WHERE id = ?").param(live).update();

		assertThat(routes.route(account.owner(), route.id()).problem())
			.isEqualTo("Its campaign is archived, so this route never matches: change it or delete it.");
		String page = fixtures.signedIn(account).get("/mailboxes/sending-routes").getResponse().getContentAsString();
		assertThat(page).contains("Broken: Its campaign is archived")
			.doesNotContain(">Archived campaign<")
			.doesNotContain(">Live campaign<");
	}

	@Test
	void switchingAMailboxsTransportForgetsTheOldTransportsError() {
		Account account = fixtures.verifiedAccount("transport-switch");
		String email = "jo@" + unique("switch") + ".example.com";
		Mailbox mailbox = mailboxes.add(account.owner(),
				new NewMailbox(email, "Jo", "generic", null,
						new ServerSettings("127.0.0.1", 1143, Security.NONE, email, "imap-secret"), "", "", 1000, 0, 0,
						null, TransportSettings.postmark(unique("token"), "outbound")));
		fixtures.jdbc()
			.sql("UPDATE mailboxes SET status = 'error', last_error = ?, last_tested_at = now() WHERE id = ?")
			.params("Postmark refused the server token (HTTP 401).", mailbox.id())
			.update();
		assertThat(mailboxes.get(account.owner(), mailbox.id()).status()).isEqualTo(MailboxStatus.ERROR);

		Mailbox switched = mailboxes.setTransport(account.owner(), mailbox.id(),
				TransportSettings.mailgun(unique("key"), unique("mg") + ".example.com", "eu"));

		assertThat(switched.status()).isEqualTo(MailboxStatus.ACTIVE);
		assertThat(switched.lastError()).isNull();
		assertThat(switched.lastTestedAt()).isNull();
		assertThat(switched.transport().fallbackToSmtp()).isFalse();
		Mailbox back = mailboxes.setTransport(account.owner(), mailbox.id(),
				TransportSettings.smtp().withFallbackToSmtp(true));
		assertThat(back.transport().kind()).isEqualTo(TransportKind.SMTP);
		// Falling back to SMTP means nothing for SMTP itself: not answered.
		assertThat(back.transport().fallbackToSmtp()).isNull();
	}

	@Test
	void whenEveryProviderOfARouteFailsOneAlertSaysSoAndAnotherWhenOnePassesAgain() {
		Account account = fixtures.verifiedAccount("route-alert");
		String firstDomain = unique("mg-a") + ".example.com";
		String secondDomain = unique("mg-b") + ".example.com";
		String key = unique("key");
		api.stubFor(get(urlPathEqualTo("/mailgun-us/v3/domains/" + firstDomain))
			.willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
		api.stubFor(get(urlPathEqualTo("/mailgun-us/v3/domains/" + secondDomain)).atPriority(5)
			.willReturn(aResponse().withStatus(401).withBody("Forbidden")));
		SendingProvider first = mailgun(account, "Mailgun A", firstDomain, key);
		SendingProvider second = mailgun(account, "Mailgun B", secondDomain, key);
		routes.addRoute(account.owner(),
				new NewSendingRoute("recipient_domain", "example.org", null, List.of(first.id(), second.id()), false));

		providers.check(account.owner(), first.id());
		assertThat(alertTitles(account)).doesNotContain("Every provider of a sending route is failing");
		providers.check(account.owner(), second.id());
		providers.check(account.owner(), first.id());
		providers.check(account.owner(), second.id());

		await().untilAsserted(() -> assertThat(alertTitles(account))
			.containsOnlyOnce("Every provider of a sending route is failing"));
		Alert failing = alert(account, "Every provider of a sending route is failing");
		assertThat(failing.severity()).isEqualTo("critical");
		assertThat(failing.body()).contains("Messages to example.org addresses go through Mailgun A, then Mailgun B")
			.contains("Mailgun A (Mailgun")
			.contains("HTTP 503")
			.contains("Mailgun B (Mailgun")
			.contains("Meanwhile its messages wait")
			.contains("Check now on the Sending routes page");

		mailgunAccepts(secondDomain, key);
		providers.check(account.owner(), second.id());
		await().untilAsserted(() -> assertThat(alertTitles(account)).contains("A sending route sends again"));
		assertThat(alert(account, "A sending route sends again").body()).startsWith(
				"Mailgun B passed its health check, so route 1 sends through it again (Messages to example.org");
		assertThat(alertTitles(account)).containsOnlyOnce("Every provider of a sending route is failing");
	}

	@Test
	void oneOutageRaisesOneAlertListingTheRoutesThatCanMatchWithoutNestedQuotes() {
		Account account = fixtures.verifiedAccount("route-outage");
		String mgDomain = unique("mg-out") + ".example.com";
		api.stubFor(get(urlPathEqualTo("/mailgun-us/v3/domains/" + mgDomain))
			.willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
		SendingProvider provider = mailgun(account, "Mailgun Out", mgDomain, unique("key"));
		UUID archived = campaign(account, "Old launch", "draft");
		routes.addRoute(account.owner(),
				new NewSendingRoute("campaign", null, archived, List.of(provider.id()), false));
		routes.addRoute(account.owner(), new NewSendingRoute("campaign", null,
				campaign(account, "Q1 outreach", "draft"), List.of(provider.id()), false));
		routes.addRoute(account.owner(),
				new NewSendingRoute("recipient_domain", "example.net", null, List.of(provider.id()), true));
		fixtures.jdbc().sql("UPDATE campaigns SET status = 'archived' WHERE id = ?").param(archived).update();

		providers.check(account.owner(), provider.id());

		String title = "Every provider of 2 sending routes is failing";
		await().untilAsserted(() -> assertThat(alertTitles(account)).containsOnlyOnce(title));
		assertThat(alertTitles(account)).doesNotContain("Every provider of a sending route is failing");
		Alert alert = alert(account, title);
		assertThat(alert.severity()).isEqualTo("critical");
		assertThat(alert.body())
			.contains("Route 2: Messages of the campaign \u201cQ1 outreach\u201d go through Mailgun Out.")
			.contains("Route 3: Messages to example.net addresses go through Mailgun Out, then")
			.contains("Meanwhile its messages go through their mailbox's own SMTP server")
			.doesNotContain("Old launch")
			.doesNotContain("\u201cMessages");
	}

	@Test
	void aRouteThatFallsBackToSmtpRaisesAWarningNotACriticalAlert() {
		Account account = fixtures.verifiedAccount("route-fallback");
		String mgDomain = unique("mg-fb") + ".example.com";
		api.stubFor(get(urlPathEqualTo("/mailgun-us/v3/domains/" + mgDomain))
			.willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
		SendingProvider provider = mailgun(account, "Mailgun Fb", mgDomain, unique("key"));
		routes.addRoute(account.owner(),
				new NewSendingRoute("recipient_domain", "example.org", null, List.of(provider.id()), true));

		providers.check(account.owner(), provider.id());

		String title = "Every provider of a sending route is failing";
		await().untilAsserted(() -> assertThat(alertTitles(account)).containsOnlyOnce(title));
		assertThat(alert(account, title).severity()).isEqualTo("warning");
	}

	private Alert alert(Account account, String title) {
		return alerts.recent(account.owner(), 10)
			.stream()
			.filter(a -> a.title().equals(title))
			.findFirst()
			.orElseThrow();
	}

	private List<String> alertTitles(Account account) {
		return alerts.recent(account.owner(), 10).stream().map(Alert::title).toList();
	}

}
