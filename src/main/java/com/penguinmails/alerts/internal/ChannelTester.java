package com.penguinmails.alerts.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.alerts.AlertChannel;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.Secrets;

/**
 * Sends a test message to a channel now, the way alerts go (same payloads, same network
 * policy), and records the outcome on the channel like a delivery. No alert is stored.
 */
@Component
public class ChannelTester {

	private final ChannelRepository channels;

	private final ChannelMessages messages;

	private final ChannelHttp http;

	private final AlertMail mail;

	private final Secrets secrets;

	private final WorkspaceDirectory directory;

	private final PenguinMailsProperties properties;

	private final Clock clock;

	ChannelTester(ChannelRepository channels, ChannelMessages messages, ChannelHttp http, AlertMail mail,
			Secrets secrets, WorkspaceDirectory directory, PenguinMailsProperties properties, Clock clock) {
		this.channels = channels;
		this.messages = messages;
		this.http = http;
		this.mail = mail;
		this.secrets = secrets;
		this.directory = directory;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Sends the test message.
	 * @return what happened, in words ("Delivered (HTTP 200)")
	 * @throws InvalidInputProblem {@code channel-test-failed} (502) with the receiver's
	 * answer or the network error; {@code channel-test-unsupported} (400) for a webhook
	 * channel, whose endpoints have their own test
	 */
	public String send(UUID workspaceId, AlertChannel channel) {
		String settings = UriComponentsBuilder.fromUri(properties.baseUrl()).path("/settings/alerts").toUriString();
		ChannelMessages.Message message = new ChannelMessages.Message("Test alert from PenguinMails", "info", "test",
				"This channel receives PenguinMails alerts. Nothing needs doing.", directory.workspaceName(workspaceId),
				settings, settings);
		String outcome;
		switch (channel.kind()) {
			case "slack", "teams" -> {
				String url = secrets.decrypt(channels.encryptedUrl(workspaceId, channel.id()),
						AlertSecrets.context(channel.id()));
				ChannelHttp.Outcome sent = http.post(url,
						"slack".equals(channel.kind()) ? messages.slack(message) : messages.teams(message));
				if (!sent.delivered()) {
					throw failed(workspaceId, channel, sent.error());
				}
				outcome = "Delivered (HTTP " + sent.status() + ")";
			}
			case "email" -> {
				List<String> to = channel.addresses().isBlank() ? directory.adminEmails(workspaceId)
						: List.of(channel.addresses().split("\\s*,\\s*"));
				// Every address is tried, as alerts go: one refused address stops no
				// other.
				List<String> refused = new ArrayList<>();
				for (String address : to) {
					try {
						mail.send(address, "[PenguinMails] " + message.headline(), message.body() + "\n");
					}
					catch (MailException ex) {
						refused.add("Email to " + address + " failed: " + ex.getMessage());
					}
				}
				if (!refused.isEmpty()) {
					throw failed(workspaceId, channel, String.join("; ", refused));
				}
				outcome = "Emailed " + String.join(", ", to);
			}
			default -> throw new InvalidInputProblem("channel-test-unsupported",
					"A webhook channel goes to your webhook endpoints: test them on Settings, Webhooks.");
		}
		channels.delivered(workspaceId, channel.id(), clock.instant());
		return outcome;
	}

	private InvalidInputProblem failed(UUID workspaceId, AlertChannel channel, String error) {
		channels.failed(workspaceId, channel.id(), error, clock.instant());
		return new InvalidInputProblem(HttpStatus.BAD_GATEWAY, "channel-test-failed", error);
	}

}
