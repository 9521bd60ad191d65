package com.penguinmails.mailboxes.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.ConnectionTest;
import com.penguinmails.mailboxes.MailboxTransport;
import com.penguinmails.mailboxes.ProviderProperties;
import com.penguinmails.mailboxes.SmtpConnectionFailed;
import com.penguinmails.mailboxes.TransportKind;
import com.penguinmails.mailboxes.TransportSettings;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.shared.Secrets;

/**
 * The sending providers as mailbox transports: checks what a user gives
 * ({@link TransportSettings}) into what is stored (the secrets as one encrypted JSON
 * object, under an encryption context naming the owner: {@link #mailboxContext} for a
 * mailbox's own provider, {@link #sendingProviderContext} for a workspace's sending
 * provider), and opens a provider's transport or tests its credentials with the
 * provider's cheapest authenticated call. Secrets are decrypted here only, for the call.
 */
@Component
public class ProviderTransports {

	private static final Pattern DOMAIN = Pattern
		.compile("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$");

	private static final Pattern AWS_REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d$");

	private static final Pattern STREAM = Pattern.compile("^[a-z0-9-]{1,100}$");

	private final Secrets secrets;

	private final ProviderProperties properties;

	private final NetworkPolicy policy;

	ProviderTransports(Secrets secrets, ProviderProperties properties, NetworkPolicy policy) {
		this.secrets = secrets;
		this.properties = properties;
		this.policy = policy;
	}

	/** The encryption context of a mailbox's own provider secrets. */
	public static String mailboxContext(UUID mailboxId) {
		return "mailbox:provider:" + mailboxId;
	}

	/** The encryption context of a workspace sending provider's secrets. */
	public static String sendingProviderContext(UUID providerId) {
		return "sending-provider:" + providerId;
	}

	/**
	 * What to store for {@code given} under encryption context {@code context}, whose
	 * stored transport is {@code current}: a secret left blank keeps the stored one when
	 * the kind stays.
	 * @throws InvalidInputProblem 400 naming the missing or invalid field
	 */
	public MailboxRepository.Provider settings(String context, MailboxRepository.Provider current,
			TransportSettings given) {
		TransportKind kind = TransportKind.of(given.kind());
		if (kind == TransportKind.SMTP) {
			return MailboxRepository.Provider.SMTP;
		}
		JsonNode stored = kind == current.kind() && current.credentials() != null ? secretsOf(context, current)
				: ProviderHttp.JSON.createObjectNode();
		ObjectNode secret = ProviderHttp.JSON.createObjectNode();
		return switch (kind) {
			case POSTMARK -> {
				secret.put("serverToken", required(given.serverToken(), stored.path("serverToken").asText(null),
						"Give the Postmark server API token."));
				String stream = blank(given.messageStream())
						? (current.kind() == kind && current.stream() != null ? current.stream() : "outbound")
						: given.messageStream().strip();
				if (!STREAM.matcher(stream).matches()) {
					throw new InvalidInputProblem("invalid-message-stream",
							"The Postmark message stream id is lower-case letters, digits and dashes, like outbound.");
				}
				yield new MailboxRepository.Provider(kind, stream, null, null, encrypt(context, secret),
						fallback(current, given));
			}
			case MAILGUN -> {
				secret.put("apiKey", required(given.apiKey(), stored.path("apiKey").asText(null),
						"Give the Mailgun private API key."));
				String domain = blank(given.domain()) ? (current.kind() == kind ? current.domain() : null)
						: given.domain().strip().toLowerCase(Locale.ROOT);
				if (domain == null || !DOMAIN.matcher(domain).matches()) {
					throw new InvalidInputProblem("invalid-domain",
							"Give the Mailgun sending domain, like mg.example.com.");
				}
				String region = blank(given.region()) ? (current.kind() == kind ? current.region() : "us")
						: given.region().strip().toLowerCase(Locale.ROOT);
				if (!region.equals("us") && !region.equals("eu")) {
					throw new InvalidInputProblem("invalid-region", "The Mailgun region is us or eu.");
				}
				yield new MailboxRepository.Provider(kind, null, domain, region, encrypt(context, secret),
						fallback(current, given));
			}
			case SES -> {
				secret.put("accessKeyId", required(given.accessKeyId(), stored.path("accessKeyId").asText(null),
						"Give the AWS access key id."));
				secret.put("secretAccessKey", required(given.secretAccessKey(),
						stored.path("secretAccessKey").asText(null), "Give the AWS secret access key."));
				String region = blank(given.region()) ? (current.kind() == kind ? current.region() : null)
						: given.region().strip().toLowerCase(Locale.ROOT);
				if (region == null || !AWS_REGION.matcher(region).matches()) {
					throw new InvalidInputProblem("invalid-region", "Give the AWS region of SES, like eu-west-1.");
				}
				yield new MailboxRepository.Provider(kind, null, null, region, encrypt(context, secret),
						fallback(current, given));
			}
			case SMTP -> MailboxRepository.Provider.SMTP;
		};
	}

	/** Opens the provider's transport for a batch. */
	public MailboxTransport open(String context, MailboxRepository.Provider provider) throws SmtpConnectionFailed {
		JsonNode secret = secretsOf(context, provider);
		return switch (provider.kind()) {
			case POSTMARK -> new PostmarkTransport(http("Postmark", properties.postmarkUri()), properties.postmarkUri(),
					secret.path("serverToken").asText(), provider.stream());
			case MAILGUN -> {
				URI base = mailgunBase(provider);
				yield new MailgunTransport(http("Mailgun", base), base, provider.domain(),
						secret.path("apiKey").asText());
			}
			case SES -> {
				URI endpoint = properties.sesEndpoint();
				URI checked = endpoint != null ? endpoint
						: URI.create("https://email." + provider.region() + ".amazonaws.com");
				http("Amazon SES", checked);
				yield new SesTransport(provider.region(), secret.path("accessKeyId").asText(),
						secret.path("secretAccessKey").asText(), endpoint, properties.timeout());
			}
			case SMTP -> throw new IllegalArgumentException("An SMTP mailbox has no provider transport");
		};
	}

	/**
	 * The provider's own list of failures and complaints between {@code since} and
	 * {@code until} ({@link ProviderEventLists}), each in the shape of its webhook body;
	 * at most {@code maxPages} pages. Amazon SES keeps no such list (its events go only
	 * to SNS or EventBridge), so it is not asked.
	 * @throws SmtpConnectionFailed unreachable, credentials refused, or another answer
	 * (in words)
	 * @throws IllegalArgumentException for SMTP and SES
	 */
	public List<JsonNode> events(String context, MailboxRepository.Provider provider, Instant since, Instant until,
			int maxPages) throws SmtpConnectionFailed {
		JsonNode secret = secretsOf(context, provider);
		return switch (provider.kind()) {
			case POSTMARK -> ProviderEventLists.postmark(http("Postmark", properties.postmarkUri()),
					properties.postmarkUri(), secret.path("serverToken").asText(), since, until, maxPages);
			case MAILGUN -> {
				URI base = mailgunBase(provider);
				yield ProviderEventLists.mailgun(http("Mailgun", base), base, provider.domain(),
						secret.path("apiKey").asText(), since, until, maxPages);
			}
			case SES, SMTP -> throw new IllegalArgumentException(provider.kind() + " keeps no event list to read");
		};
	}

	/**
	 * A fingerprint of the account behind {@code provider}'s credentials (a hash, never
	 * the secret): two mailboxes sending through one Postmark server or Mailgun domain
	 * share it, so its events are read once.
	 */
	public String account(String context, MailboxRepository.Provider provider) {
		JsonNode secret = secretsOf(context, provider);
		String material = provider.kind().value() + "\n" + (provider.domain() == null ? "" : provider.domain()) + "\n"
				+ (provider.region() == null ? "" : provider.region()) + "\n" + secret.path("serverToken").asText("")
				+ secret.path("apiKey").asText("");
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
			return provider.kind().value() + ":" + HexFormat.of().formatHex(hash, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Calls the provider's cheapest authenticated endpoint and says the outcome. */
	public ConnectionTest.Step check(String context, MailboxRepository.Provider provider) {
		try (MailboxTransport transport = open(context, provider)) {
			if (transport instanceof PostmarkTransport postmark) {
				return postmark.check();
			}
			if (transport instanceof MailgunTransport mailgun) {
				return mailgun.check();
			}
			return ((SesTransport) transport).check();
		}
		catch (SmtpConnectionFailed ex) {
			return new ConnectionTest.Step(false, ex.stage(), ex.getMessage());
		}
	}

	private URI mailgunBase(MailboxRepository.Provider provider) {
		return "eu".equals(provider.region()) ? properties.mailgunEuUri() : properties.mailgunUsUri();
	}

	private ProviderHttp http(String name, URI base) throws SmtpConnectionFailed {
		return new ProviderHttp(name, base, properties.timeout(), policy);
	}

	private byte[] encrypt(String context, ObjectNode secret) {
		return secrets.encrypt(secret.toString(), context);
	}

	private JsonNode secretsOf(String context, MailboxRepository.Provider provider) {
		if (provider.credentials() == null) {
			return ProviderHttp.JSON.createObjectNode();
		}
		try {
			return ProviderHttp.JSON.readTree(secrets.decrypt(provider.credentials(), context));
		}
		catch (IOException ex) {
			throw new IllegalStateException("The stored provider credentials are not JSON", ex);
		}
	}

	private static boolean fallback(MailboxRepository.Provider current, TransportSettings given) {
		return given.fallbackToSmtp() == null ? current.fallbackToSmtp() : given.fallbackToSmtp();
	}

	private static String required(String given, String stored, String message) {
		String value = blank(given) ? stored : given.strip();
		if (blank(value) || value.length() > 500 || value.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputProblem("credentials-required", message);
		}
		return value;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
