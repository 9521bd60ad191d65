package com.penguinmails.inbound;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.inbound.internal.ProviderEventReader;
import com.penguinmails.inbound.internal.ProviderWebhookStore;
import com.penguinmails.mailboxes.ProviderProperties;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.AuditedAction;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The sending providers' event webhooks of a workspace: where each provider posts
 * ({@code /webhooks/providers/{postmark|mailgun|ses}/{token}}, the token secret and per
 * workspace), the credentials each provider's signature scheme needs, and the checking of
 * a received request before its events are handled:
 * <ul>
 * <li>Mailgun: {@code signature.signature} must be the hex HMAC-SHA256 of
 * {@code timestamp + token} under the webhook signing key, the timestamp within
 * {@code penguinmails.providers.webhook-max-age}, and the token never seen before
 * (Mailgun's "Securing webhooks");</li>
 * <li>Postmark: HTTP Basic credentials (RFC 7617) generated here and put in the webhook
 * URL, compared in constant time (Postmark's "Webhooks: Basic HTTP authentication");</li>
 * <li>SES through SNS: the SNS message signature with a certificate from an allowed SNS
 * host; a SubscriptionConfirmation is confirmed.</li>
 * </ul>
 * A refused signature stores nothing; a body that cannot be read after the check is kept
 * as received and answered 400.
 */
@Service
public class ProviderWebhooks {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Where each provider posts, and who may post there. */
	public record Endpoints(String postmarkUrl, String mailgunUrl, String sesUrl, String postmarkUsername,
			boolean mailgunSigningKeySet) {
	}

	/**
	 * New Postmark credentials, shown once: put {@code url} (credentials included) in
	 * Postmark's webhook settings.
	 */
	public record PostmarkCredentials(String username, String password, String url) {
	}

	/**
	 * What a received request got.
	 *
	 * @param status the HTTP status to answer: 200 handled (each event's outcome in
	 * {@code detail}), 400 malformed (kept), 401/403 refused (nothing stored), 404 no
	 * such URL
	 * @param type a stable slug for the problem body, or null on success
	 * @param detail what happened, in words
	 */
	public record Received(int status, String type, String detail) {
	}

	private final ProviderWebhookStore store;

	private final ProviderEventReader reader;

	private final Secrets secrets;

	private final PenguinMailsProperties app;

	private final ProviderProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ProviderWebhooks(ProviderWebhookStore store, ProviderEventReader reader, Secrets secrets,
			PenguinMailsProperties app, ProviderProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.events = events;
		this.reader = reader;
		this.secrets = secrets;
		this.app = app;
		this.properties = properties;
		this.clock = clock;
	}

	/** The workspace's webhook URLs (created the first time). */
	@Transactional
	public Endpoints endpoints(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "mailboxes:read");
		ProviderWebhookStore.Settings settings = settings(tenant.workspaceId());
		String base = app.baseUrl().toString().replaceAll("/$", "") + "/webhooks/providers/";
		return new Endpoints(base + "postmark/" + settings.token(), base + "mailgun/" + settings.token(),
				base + "ses/" + settings.token(), settings.postmarkUsername(), settings.mailgunSigningKey() != null);
	}

	/**
	 * One received event as listed.
	 *
	 * @param provider postmark, mailgun or ses
	 * @param event delivered, bounced, complained, opened, clicked, other, or empty when
	 * malformed
	 * @param outcome handled, duplicate, unmatched, ignored or malformed
	 * @param detail what became of it, in words
	 * @param outboxId the message of ours it concerns, or null
	 */
	public record ReceivedEvent(Instant receivedAt, String provider, String event, String outcome, String detail,
			UUID outboxId) {

		/** Words a person reads for the outcome. */
		public String outcomeLabel() {
			return switch (outcome) {
				case "handled" -> "Handled";
				case "duplicate" -> "Already known";
				case "unmatched" -> "No message of ours";
				case "ignored" -> "Not counted";
				default -> "Malformed, kept";
			};
		}

		/** Words a person reads for the event. */
		public String eventLabel() {
			return switch (event) {
				case "delivered" -> "Delivered";
				case "bounced" -> "Bounced";
				case "complained" -> "Spam complaint";
				case "opened" -> "Opened";
				case "clicked" -> "Clicked";
				case "" -> "Unreadable";
				default -> "Other";
			};
		}

		/** Words a person reads for the provider. */
		public String providerLabel() {
			return switch (provider) {
				case "postmark" -> "Postmark";
				case "mailgun" -> "Mailgun";
				default -> "Amazon SES";
			};
		}

	}

	/** The workspace's latest events (at most {@code limit}, up to 200), newest first. */
	public java.util.List<ReceivedEvent> recentEvents(Tenant tenant, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "mailboxes:read");
		return store.recent(tenant.workspaceId(), Math.max(1, Math.min(limit, 200)))
			.stream()
			.map(e -> new ReceivedEvent(e.receivedAt(), e.provider(), e.event(), e.outcome(), e.detail(), e.outboxId()))
			.toList();
	}

	/** New Postmark Basic credentials (the old ones stop working); shown this once. */
	@Transactional
	public PostmarkCredentials newPostmarkCredentials(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "mailboxes:write");
		ProviderWebhookStore.Settings settings = settings(tenant.workspaceId());
		String username = "postmark-" + random(6);
		String password = random(24);
		store.setPostmark(tenant.workspaceId(), username, encryptPostmark(tenant.workspaceId(), password));
		events.publishEvent(AuditedAction.by(tenant, "provider_webhooks.postmark_credentials_made",
				"Postmark webhook user " + username + " (the old credentials stop working)", clock.instant()));
		String base = app.baseUrl().toString().replaceAll("/$", "");
		String url = base.replaceFirst("://", "://" + username + ":" + password + "@") + "/webhooks/providers/postmark/"
				+ settings.token();
		return new PostmarkCredentials(username, password, url);
	}

	/**
	 * Stores Mailgun's webhook signing key (Mailgun: Sending, Webhooks, "HTTP webhook
	 * signing key"), encrypted.
	 * @throws InvalidInputProblem 400 when it is blank or not one line
	 */
	@Transactional
	public void setMailgunSigningKey(Tenant tenant, String key) {
		tenant.require(WorkspaceRole.ADMIN, "mailboxes:write");
		if (key == null || key.isBlank() || key.strip().length() > 200
				|| key.strip().chars().anyMatch(Character::isWhitespace)) {
			throw new InvalidInputProblem("invalid-signing-key", "Give Mailgun's HTTP webhook signing key (one word).");
		}
		settings(tenant.workspaceId());
		store.setMailgunKey(tenant.workspaceId(),
				secrets.encrypt(key.strip(), "provider-webhooks:mailgun:" + tenant.workspaceId()));
		events.publishEvent(AuditedAction.by(tenant, "provider_webhooks.mailgun_key_set", "Mailgun webhook signing key",
				clock.instant()));
	}

	/**
	 * Checks and handles one request a provider posted.
	 * @param provider postmark, mailgun or ses (from the URL)
	 * @param token the workspace's URL token
	 * @param authorization the Authorization header, or null
	 * @param body the request body as received
	 */
	public Received receive(String provider, String token, String authorization, String body) {
		Optional<ProviderWebhookStore.Settings> found = token == null || token.length() > 64 ? Optional.empty()
				: store.byToken(token);
		if (found.isEmpty()) {
			return new Received(404, "not-found", "No webhook at this address.");
		}
		ProviderWebhookStore.Settings settings = found.get();
		UUID workspaceId = settings.workspaceId();
		String name = provider.toLowerCase(Locale.ROOT);
		return switch (name) {
			case "postmark" -> {
				if (!postmarkAuthorised(settings, authorization)) {
					yield new Received(401, "bad-credentials", "The HTTP Basic credentials are not this workspace's.");
				}
				yield reader.read(workspaceId, "postmark", body);
			}
			case "mailgun" -> mailgun(settings, body);
			case "ses" -> reader.readSns(workspaceId, body);
			default -> new Received(404, "not-found", "Providers: postmark, mailgun, ses.");
		};
	}

	private Received mailgun(ProviderWebhookStore.Settings settings, String body) {
		UUID workspaceId = settings.workspaceId();
		JsonNode json;
		try {
			json = JSON.readTree(body);
		}
		catch (IOException ex) {
			json = null;
		}
		JsonNode signature = json == null ? null : json.path("signature");
		if (signature == null || !signature.path("timestamp").isValueNode() || !signature.path("token").isTextual()
				|| !signature.path("signature").isTextual()) {
			return new Received(401, "bad-signature", "The request carries no Mailgun signature.");
		}
		if (settings.mailgunSigningKey() == null) {
			return new Received(403, "no-signing-key",
					"Give PenguinMails Mailgun's webhook signing key before adding this webhook.");
		}
		String key = secrets.decrypt(settings.mailgunSigningKey(), "provider-webhooks:mailgun:" + workspaceId);
		String timestamp = signature.path("timestamp").asText();
		String nonce = signature.path("token").asText();
		byte[] expected;
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			expected = mac.doFinal((timestamp + nonce).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		byte[] given;
		try {
			given = HexFormat.of().parseHex(signature.path("signature").asText().toLowerCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			given = new byte[0];
		}
		if (!MessageDigest.isEqual(expected, given)) {
			return new Received(401, "bad-signature", "The Mailgun signature does not match the signing key.");
		}
		Instant now = clock.instant();
		long seconds;
		try {
			seconds = Long
				.parseLong(timestamp.contains(".") ? timestamp.substring(0, timestamp.indexOf('.')) : timestamp);
		}
		catch (NumberFormatException ex) {
			return new Received(401, "bad-signature", "The Mailgun timestamp is not a number.");
		}
		if (Math.abs(now.getEpochSecond() - seconds) > properties.webhookMaxAge().toSeconds()) {
			return new Received(401, "stale-signature", "The Mailgun signature is older than "
					+ properties.webhookMaxAge().toMinutes() + " minutes: " + "a replay, or a clock far off.");
		}
		store.forgetNonces(now.minus(properties.webhookMaxAge().multipliedBy(2)));
		if (!store.firstUse("mailgun", nonce, workspaceId, now)) {
			return new Received(401, "replayed-signature", "This Mailgun signature token was used before.");
		}
		return reader.read(workspaceId, "mailgun", body);
	}

	private boolean postmarkAuthorised(ProviderWebhookStore.Settings settings, String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return false;
		}
		String given;
		try {
			given = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		String password = secrets.decrypt(settings.postmarkPassword(),
				"provider-webhooks:postmark:" + settings.workspaceId());
		byte[] expected = (settings.postmarkUsername() + ":" + password).getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
	}

	private ProviderWebhookStore.Settings settings(UUID workspaceId) {
		Optional<ProviderWebhookStore.Settings> settings = store.of(workspaceId);
		if (settings.isPresent()) {
			return settings.get();
		}
		store.create(workspaceId, random(24), "postmark-" + random(6), encryptPostmark(workspaceId, random(24)),
				clock.instant());
		return store.of(workspaceId).orElseThrow();
	}

	private byte[] encryptPostmark(UUID workspaceId, String password) {
		return secrets.encrypt(password, "provider-webhooks:postmark:" + workspaceId);
	}

	private static String random(int bytes) {
		byte[] value = new byte[bytes];
		RANDOM.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

}
