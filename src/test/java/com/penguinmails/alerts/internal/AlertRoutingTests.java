package com.penguinmails.alerts.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.alerts.Alert;
import com.penguinmails.alerts.AlertChannel;
import com.penguinmails.alerts.AlertEvent;
import com.penguinmails.alerts.AlertRoute;
import com.penguinmails.alerts.AlertSettings;
import com.penguinmails.alerts.Alerts;
import com.penguinmails.alerts.EscalationPolicies;
import com.penguinmails.alerts.EscalationPolicy;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Alerts routed to Slack- and Teams-format receivers (real HTTP servers on loopback),
 * escalated while nobody acknowledges, stopped by the signed link, held by quiet hours.
 * Time moves by the instants the test hands to the notifier and the escalator.
 */
@IntegrationTest
class AlertRoutingTests {

	private static final Pattern ACK_LINK = Pattern.compile("<(http[^|>]+/alerts/ack/[^|>]+)\\|Acknowledge>");

	@Autowired
	Fixtures fixtures;

	@Autowired
	AlertRaiser raiser;

	@Autowired
	AlertNotifier notifier;

	@Autowired
	AlertEscalator escalator;

	@Autowired
	AlertSettings settings;

	@Autowired
	EscalationPolicies escalation;

	@Autowired
	Alerts alerts;

	@Autowired
	AlertQueueCheck queueCheck;

	ChatReceiver chat;

	@BeforeEach
	void startReceiver() throws Exception {
		chat = ChatReceiver.start();
	}

	@AfterEach
	void stopReceiver() {
		chat.close();
	}

	@Test
	void anAlertRoutedToASlackFormatReceiverIsEscalatedToTheNextStepWhenNobodyAcknowledges() {
		Tenant owner = fixtures.verifiedAccount("alert-slack").owner();
		onCallPolicy(owner, "critical");

		UUID id = raiser.raise(owner.workspaceId(), "mailbox.failing", "critical", "ops@example.com is failing",
				"Its SMTP server refuses the login <since 09:00> & more.", "/mailboxes");
		Instant now = Instant.now();
		notifier.round(now);

		assertThat(chat.to("/primary")).hasSize(1);
		ChatReceiver.Request slack = chat.to("/primary").get(0);
		assertThat(slack.contentType()).isEqualTo("application/json");
		JsonNode body = slack.body();
		assertThat(body.get("text").asText()).isEqualTo("[critical] ops@example.com is failing");
		JsonNode blocks = body.get("blocks");
		assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
		assertThat(blocks.get(0).get("text").get("type").asText()).isEqualTo("plain_text");
		assertThat(blocks.get(0).get("text").get("text").asText()).isEqualTo("ops@example.com is failing");
		assertThat(blocks.get(1).get("type").asText()).isEqualTo("section");
		assertThat(blocks.get(1).get("text").get("type").asText()).isEqualTo("mrkdwn");
		String section = blocks.get(1).get("text").get("text").asText();
		assertThat(section).as("mrkdwn control characters escaped")
			.contains("&lt;since 09:00&gt; &amp; more")
			.contains("/alerts/" + id + "|Open in PenguinMails>");
		assertThat(ACK_LINK.matcher(section).find()).isTrue();
		assertThat(blocks.get(2).get("type").asText()).isEqualTo("context");
		assertThat(chat.to("/secondary")).isEmpty();

		escalator.escalateDue(now.plus(Duration.ofMinutes(14)));
		notifier.round(now.plus(Duration.ofMinutes(14)));
		assertThat(chat.to("/secondary")).as("not due before 15 minutes").isEmpty();

		escalator.escalateDue(now.plus(Duration.ofMinutes(16)));
		notifier.round(now.plus(Duration.ofMinutes(16)));

		assertThat(chat.to("/secondary")).hasSize(1);
		assertThat(chat.to("/secondary").get(0).body().get("text").asText())
			.isEqualTo("[critical] Escalated: ops@example.com is failing");
		assertThat(alerts.find(owner, id).escalationStep()).isEqualTo(2);
		assertThat(alerts.timeline(owner, id)).extracting(AlertEvent::kind)
			.containsExactly("raised", "notified", "escalated", "notified");
		assertThat(alerts.timeline(owner, id).get(2).detail())
			.isEqualTo("Not acknowledged after 15 min: escalated to step 2 (Secondary)");
		assertThat(settings.channels(owner)).allSatisfy(c -> assertThat(c.lastError()).isNull());
	}

	@Test
	void acknowledgingWithTheSignedLinkInTheSlackMessageStopsTheEscalation() throws Exception {
		Tenant owner = fixtures.verifiedAccount("alert-ack").owner();
		onCallPolicy(owner, "critical");
		UUID id = raiser.raise(owner.workspaceId(), "mailbox.failing", "critical", "ack@example.com is failing",
				"Its SMTP server refuses the login.", "/mailboxes");
		Instant now = Instant.now();
		notifier.round(now);
		String section = chat.to("/primary").get(0).body().get("blocks").get(1).get("text").get("text").asText();
		Matcher link = ACK_LINK.matcher(section);
		assertThat(link.find()).isTrue();

		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(link.group(1))).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("ack@example.com is failing").contains("id=\"ack-confirm\"");
		assertThat(alerts.find(owner, id).status()).as("a GET (a link preview) acknowledges nothing").isEqualTo("open");
		HttpResponse<String> done = http.send(
				HttpRequest.newBuilder(URI.create(link.group(1))).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(done.body()).contains("escalation stopped");

		escalator.escalateDue(now.plus(Duration.ofMinutes(30)));
		notifier.round(now.plus(Duration.ofMinutes(30)));

		assertThat(chat.to("/secondary")).isEmpty();
		Alert alert = alerts.find(owner, id);
		assertThat(alert.status()).isEqualTo("acknowledged");
		assertThat(alert.acknowledgedBy()).isEqualTo("the link sent to Primary");
		assertThat(alerts.timeline(owner, id)).extracting(AlertEvent::kind)
			.containsExactly("raised", "notified", "acknowledged");
	}

	@Test
	void anAlteredAcknowledgementLinkAcknowledgesNothing() throws Exception {
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/alerts/ack/AAAAforged"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"ack-invalid\"");
	}

	@Test
	void quietHoursHoldAWarningUntilTheyEndWhileACriticalAlertGoesThrough() {
		Tenant owner = fixtures.verifiedAccount("alert-quiet").owner();
		AlertChannel night = settings.addChannel(owner,
				new AlertSettings.ChannelRequest("Night", "slack", "", chat.url("/night")));
		Instant now = Instant.now();
		LocalTime local = now.atZone(ZoneOffset.UTC).toLocalTime().withSecond(0).withNano(0);
		settings.setQuietHours(owner, night.id(),
				new AlertSettings.QuietHoursRequest("UTC", local.minusHours(1), local.plusHours(1), true));
		settings.addRoute(owner, new AlertSettings.RouteRequest("default", "", night.id(), null));

		UUID warning = raiser.raise(owner.workspaceId(), "throttle.slowed", "warning", "Sending to Gmail slowed",
				"A clean window brings it back.", "/reputation/throttling");
		raiser.raise(owner.workspaceId(), "mailbox.failing", "critical", "quiet@example.com is failing",
				"Its SMTP server refuses the login.", "/mailboxes");
		notifier.round(now.plusSeconds(5));

		assertThat(chat.to("/night")).extracting(r -> r.body().get("text").asText())
			.containsExactly("[critical] quiet@example.com is failing");
		assertThat(alerts.timeline(owner, warning)).extracting(AlertEvent::kind).containsExactly("raised", "held");

		notifier.round(now.plus(Duration.ofMinutes(30)));
		assertThat(chat.to("/night")).hasSize(1);

		notifier.round(now.plus(Duration.ofMinutes(61)));
		assertThat(chat.to("/night")).extracting(r -> r.body().get("text").asText())
			.containsExactly("[critical] quiet@example.com is failing", "[warning] Sending to Gmail slowed");
		assertThat(alerts.timeline(owner, warning)).extracting(AlertEvent::kind)
			.containsExactly("raised", "held", "notified");
	}

	@Test
	void aRuleForATypeAtOneSeverityWinsOverTheTypesRuleAndLeavesOtherSeveritiesToIt() {
		Tenant owner = fixtures.verifiedAccount("alert-type-severity").owner();
		AlertChannel team = settings.addChannel(owner,
				new AlertSettings.ChannelRequest("Team", "slack", "", chat.url("/team")));
		AlertChannel pager = settings.addChannel(owner,
				new AlertSettings.ChannelRequest("Pager", "slack", "", chat.url("/pager")));
		AlertChannel critical = settings.addChannel(owner,
				new AlertSettings.ChannelRequest("All critical", "slack", "", chat.url("/critical")));
		settings.addRoute(owner, new AlertSettings.RouteRequest("type", "mailbox.failing", team.id(), null));
		settings.addRoute(owner,
				new AlertSettings.RouteRequest("type", "mailbox.failing", "critical", pager.id(), null));
		settings.addRoute(owner, new AlertSettings.RouteRequest("severity", "critical", critical.id(), null));
		assertThatThrownBy(() -> settings.addRoute(owner,
				new AlertSettings.RouteRequest("severity", "critical", "warning", pager.id(), null)))
			.isInstanceOf(InvalidInputProblem.class)
			.hasMessageContaining("narrows a type rule only");

		raiser.raise(owner.workspaceId(), "mailbox.failing", "critical", "down@example.com is failing",
				"Its SMTP server refuses the login.", "/mailboxes");
		raiser.raise(owner.workspaceId(), "mailbox.failing", "warning", "slow@example.com is failing",
				"Its SMTP server answers slowly.", "/mailboxes");
		notifier.round(Instant.now());

		assertThat(chat.to("/pager")).extracting(r -> r.body().get("text").asText())
			.containsExactly("[critical] down@example.com is failing");
		assertThat(chat.to("/team")).as("the type rule: not for the severity a narrower rule names")
			.extracting(r -> r.body().get("text").asText())
			.containsExactly("[warning] slow@example.com is failing");
		assertThat(chat.to("/critical")).as("severity rules still apply beside type rules")
			.extracting(r -> r.body().get("text").asText())
			.containsExactly("[critical] down@example.com is failing");
		assertThat(settings.routes(owner)).filteredOn(r -> r.channelId().equals(pager.id()))
			.extracting(AlertRoute::matchSeverity)
			.containsExactly("critical");
	}

	@Test
	void theMostSpecificRulesEscalationPolicyRuns() {
		Tenant owner = fixtures.verifiedAccount("alert-policy-order").owner();
		AlertChannel first = settings.addChannel(owner,
				new AlertSettings.ChannelRequest("First", "slack", "", chat.url("/first")));
		AlertChannel second = settings.addChannel(owner,
				new AlertSettings.ChannelRequest("Second", "slack", "", chat.url("/second")));
		EscalationPolicy broad = escalation.addPolicy(owner, new EscalationPolicies.PolicyRequest("Broad",
				List.of(new EscalationPolicies.StepRequest(first.id(), null, null))));
		EscalationPolicy narrow = escalation.addPolicy(owner, new EscalationPolicies.PolicyRequest("Narrow",
				List.of(new EscalationPolicies.StepRequest(second.id(), null, null))));
		settings.addRoute(owner, new AlertSettings.RouteRequest("severity", "critical", null, broad.id()));
		settings.addRoute(owner,
				new AlertSettings.RouteRequest("type", "route.failing", "critical", null, narrow.id()));

		raiser.raise(owner.workspaceId(), "route.failing", "critical", "Every provider is failing", "Check them.",
				"/mailboxes/sending-routes");
		notifier.round(Instant.now());

		assertThat(chat.to("/second")).hasSize(1);
		assertThat(chat.to("/first")).as("one policy per alert: the type-and-severity rule's").isEmpty();
	}

	@Test
	void teamsReceivesAnAdaptiveCardMessage() {
		Tenant owner = fixtures.verifiedAccount("alert-teams").owner();
		AlertChannel teams = settings.addChannel(owner,
				new AlertSettings.ChannelRequest("Ops room", "teams", "", chat.url("/teams")));
		settings.addRoute(owner, new AlertSettings.RouteRequest("type", "certificate.expiring", teams.id(), null));
		chat.answer(202);

		UUID id = raiser.raise(owner.workspaceId(), "certificate.expiring", "warning",
				"The HTTPS certificate of track.example.com expires soon", "It expires on 2026-12-20.", "/domains");
		notifier.round(Instant.now());

		assertThat(chat.to("/teams")).hasSize(1);
		JsonNode message = chat.to("/teams").get(0).body();
		assertThat(message.get("type").asText()).isEqualTo("message");
		JsonNode attachment = message.get("attachments").get(0);
		assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
		JsonNode card = attachment.get("content");
		assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
		assertThat(card.get("version").asText()).isEqualTo("1.4");
		assertThat(card.get("$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
		assertThat(card.get("body").get(0).get("type").asText()).isEqualTo("TextBlock");
		assertThat(card.get("body").get(0).get("text").asText())
			.isEqualTo("The HTTPS certificate of track.example.com expires soon");
		JsonNode actions = card.get("actions");
		assertThat(actions.get(0).get("type").asText()).isEqualTo("Action.OpenUrl");
		assertThat(actions.get(0).get("title").asText()).isEqualTo("Acknowledge");
		assertThat(actions.get(0).get("url").asText()).contains("/alerts/ack/");
		assertThat(actions.get(1).get("url").asText()).endsWith("/alerts/" + id);
		assertThat(alerts.timeline(owner, id).get(1).detail())
			.isEqualTo("Microsoft Teams \"Ops room\": delivered (HTTP 202)");
	}

	@Test
	void aFailingChannelKeepsItsLastErrorAndRetries() {
		Tenant owner = fixtures.verifiedAccount("alert-fail").owner();
		AlertChannel slack = settings.addChannel(owner,
				new AlertSettings.ChannelRequest("Broken", "slack", "", chat.url("/broken")));
		settings.addRoute(owner, new AlertSettings.RouteRequest("severity", "critical", slack.id(), null));
		chat.answer(500);

		UUID id = raiser.raise(owner.workspaceId(), "webhook.disabled", "critical", "Webhook endpoint disabled",
				"It answered 410 Gone.", "/settings/webhooks");
		Instant now = Instant.now();
		notifier.round(now);

		assertThat(settings.channels(owner).get(0).lastError()).isEqualTo("HTTP 500 from 127.0.0.1: invalid_payload");
		assertThat(alerts.timeline(owner, id).get(1).detail()).endsWith("(retried in 1 min)");
		assertThat((Long) queueCheck.run().figures().get("failing_channels")).as("on the system status page")
			.isPositive();

		chat.answer(200);
		notifier.round(now.plus(Duration.ofSeconds(70)));
		assertThat(chat.to("/broken")).hasSize(2);
		assertThat(settings.channels(owner).get(0).lastError()).isNull();
		assertThat(alerts.timeline(owner, id)).extracting(AlertEvent::kind)
			.containsExactly("raised", "failed", "notified");
	}

	@Test
	void aChannelUrlIntoAPrivateNetworkIsRefusedAndNeverReturned() {
		Tenant owner = fixtures.verifiedAccount("alert-ssrf").owner();
		assertThatThrownBy(() -> settings.addChannel(owner,
				new AlertSettings.ChannelRequest("Inside", "slack", "", "http://10.1.2.3/services/T0/B0/secret")))
			.isInstanceOf(InvalidInputProblem.class)
			.hasMessageContaining("private");
		AlertChannel stored = settings.addChannel(owner,
				new AlertSettings.ChannelRequest("Outside", "slack", "", chat.url("/services/T0/B0/secret")));
		assertThat(stored.urlHint()).isEqualTo("http://127.0.0.1/…").doesNotContain("secret");
		assertThat(fixtures.jdbc()
			.sql("SELECT encode(encrypted_url, 'escape') FROM alert_channels WHERE id = ?")
			.param(stored.id())
			.query(String.class)
			.single()).doesNotContain("secret");
	}

	/**
	 * Critical alerts go to policy "On call": Primary, then Secondary after 15 minutes.
	 */
	private EscalationPolicy onCallPolicy(Tenant owner, String severity) {
		AlertChannel primary = settings.addChannel(owner,
				new AlertSettings.ChannelRequest("Primary", "slack", "", chat.url("/primary")));
		AlertChannel secondary = settings.addChannel(owner,
				new AlertSettings.ChannelRequest("Secondary", "slack", "", chat.url("/secondary")));
		EscalationPolicy policy = escalation.addPolicy(owner,
				new EscalationPolicies.PolicyRequest("On call",
						List.of(new EscalationPolicies.StepRequest(primary.id(), null, null),
								new EscalationPolicies.StepRequest(secondary.id(), null, 15))));
		settings.addRoute(owner, new AlertSettings.RouteRequest("severity", severity, null, policy.id()));
		return policy;
	}

	@Autowired
	com.penguinmails.shared.PenguinMailsProperties properties;

	private String baseUrl() {
		return properties.baseUrl().toString().replaceAll("/$", "");
	}

}
