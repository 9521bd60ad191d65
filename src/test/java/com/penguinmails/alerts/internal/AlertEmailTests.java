package com.penguinmails.alerts.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.alerts.Alert;
import com.penguinmails.alerts.AlertChannel;
import com.penguinmails.alerts.AlertEvent;
import com.penguinmails.alerts.AlertSettings;
import com.penguinmails.alerts.Alerts;
import com.penguinmails.sandbox.SandboxMail;
import com.penguinmails.sandbox.SandboxMailbox;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Alerts by email through the real SMTP peer (the sandbox's GreenMail): the fallback
 * email of a workspace without rules carries a working acknowledgement link, and an email
 * channel delivers (and retries) each of its addresses on its own.
 */
@IntegrationTest
class AlertEmailTests {

	private static final Pattern ACK_LINK = Pattern.compile("Acknowledge: (http\\S+/alerts/ack/\\S+)");

	@Autowired
	Fixtures fixtures;

	@Autowired
	AlertRaiser raiser;

	@Autowired
	Alerts alerts;

	@Autowired
	SandboxMailbox mailbox;

	@Autowired
	AlertNotifier notifier;

	@Autowired
	AlertSettings settings;

	@Test
	void theFallbackEmailToOwnerAndAdminsCarriesAWorkingAcknowledgementLink() throws Exception {
		Fixtures.Account account = fixtures.verifiedAccount("alert-fallback");
		Tenant owner = account.owner();
		UUID id = raiser.raise(owner.workspaceId(), "domain.dns_failing", "warning",
				"fallback.example fails DNS verification", "Its DKIM record is missing.", "/domains");

		List<SandboxMail> mails = to(account.email(), "fallback.example fails DNS verification");
		assertThat(mails).hasSize(1);
		Matcher link = ACK_LINK.matcher(mails.get(0).text());
		assertThat(link.find()).as("an Acknowledge line in:%n%s", mails.get(0).text()).isTrue();
		assertThat(alerts.timeline(owner, id)).extracting(AlertEvent::detail)
			.contains("Emailed " + account.email() + " (owner or admin)");

		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(link.group(1))).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("fallback.example fails DNS verification").contains("id=\"ack-confirm\"");
		assertThat(alerts.find(owner, id).status()).as("opening the link acknowledges nothing").isEqualTo("open");

		HttpResponse<String> done = http.send(
				HttpRequest.newBuilder(URI.create(link.group(1))).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(done.body()).contains("escalation stopped");
		Alert alert = alerts.find(owner, id);
		assertThat(alert.status()).isEqualTo("acknowledged");
		assertThat(alert.acknowledgedBy()).isEqualTo("the link sent by email");
	}

	@Test
	void anEmailChannelRetriesOnlyTheAddressThatFailedAndThePageNamesIt() throws Exception {
		Fixtures.Account account = fixtures.verifiedAccount("alert-addresses");
		Tenant owner = account.owner();
		String first = Fixtures.uniqueEmail("oncall-first");
		String second = Fixtures.uniqueEmail("oncall-second");
		AlertChannel channel = settings.addChannel(owner,
				new AlertSettings.ChannelRequest("On call by email", "email", first + ", " + second, ""));
		// An address stored before it would be refused (two dots in a row): Jakarta Mail
		// refuses it at send time, as an SMTP server refuses one recipient. GreenMail
		// accepts every recipient, so it cannot play that part.
		String broken = "broken.." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		fixtures.jdbc()
			.sql("UPDATE alert_channels SET addresses = ? WHERE id = ?")
			.params(first + ", " + broken + ", " + second, channel.id())
			.update();
		settings.addRoute(owner, new AlertSettings.RouteRequest("default", "", channel.id(), null));

		UUID id = raiser.raise(owner.workspaceId(), "mailbox.failing", "critical", "addresses@example.com is failing",
				"Its SMTP server refuses the login.", "/mailboxes");
		Instant now = Instant.now();
		notifier.round(now);

		assertThat(fixtures.mailsTo(first)).isEqualTo(1);
		assertThat(fixtures.mailsTo(second)).isEqualTo(1);
		AlertChannel failing = settings.channel(owner, channel.id());
		assertThat(failing.failingAddresses()).containsExactly(broken);
		assertThat(failing.lastError()).as("another address's delivery does not clear it").contains(broken);

		notifier.round(now.plus(Duration.ofSeconds(70)));

		assertThat(fixtures.mailsTo(first)).as("not re-sent by the retry").isEqualTo(1);
		assertThat(fixtures.mailsTo(second)).as("not re-sent by the retry").isEqualTo(1);
		assertThat(fixtures.jdbc()
			.sql("SELECT email, attempts FROM alert_notifications WHERE alert_id = ? ORDER BY email")
			.param(id)
			.query((rs, i) -> rs.getString("email") + " " + rs.getInt("attempts"))
			.list()).containsExactlyInAnyOrder(first + " 1", second + " 1", broken + " 2");
		assertThat(alerts.timeline(owner, id)).filteredOn(e -> e.kind().equals("failed"))
			.extracting(AlertEvent::detail)
			.hasSize(2)
			.allSatisfy(detail -> assertThat(detail).contains("Email to " + broken + " failed"));
		String page = fixtures.signedIn(account)
			.get("/settings/alerts")
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("Failing address:").contains(broken);
	}

	@Test
	void aTestMessageTriesEveryAddressAndNamesTheRefusedOne() {
		Tenant owner = fixtures.verifiedAccount("alert-test-addresses").owner();
		String good = Fixtures.uniqueEmail("oncall-test");
		AlertChannel channel = settings.addChannel(owner,
				new AlertSettings.ChannelRequest("Test by email", "email", good, ""));
		String broken = "broken.." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		fixtures.jdbc()
			.sql("UPDATE alert_channels SET addresses = ? WHERE id = ?")
			.params(broken + ", " + good, channel.id())
			.update();

		assertThatThrownBy(() -> settings.test(owner, channel.id())).isInstanceOf(InvalidInputProblem.class)
			.hasMessageContaining("Email to " + broken + " failed")
			.hasMessageNotContaining(good);
		assertThat(fixtures.mailsTo(good)).as("the address after the refused one").isEqualTo(1);
	}

	private List<SandboxMail> to(String address, String title) {
		return mailbox.messages()
			.stream()
			.filter(m -> m.to().stream().anyMatch(to -> to.equalsIgnoreCase(address)))
			.filter(m -> ("[PenguinMails] " + title).equals(m.subject()))
			.toList();
	}

}
