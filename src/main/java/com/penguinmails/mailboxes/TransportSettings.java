package com.penguinmails.mailboxes;

/**
 * What a user gives to send a mailbox's mail through a provider (or back through SMTP).
 * Which fields count depends on {@code kind}; the secrets are stored encrypted and never
 * returned. On a change, a {@code null} or blank secret keeps the stored one when the
 * kind stays the same.
 *
 * @param kind smtp, postmark, mailgun or ses (null: smtp)
 * @param serverToken Postmark: the server API token (header
 * {@code X-Postmark-Server-Token})
 * @param messageStream Postmark: the message stream id (default {@code outbound})
 * @param apiKey Mailgun: the private API key (HTTP Basic, user {@code api})
 * @param domain Mailgun: the sending domain set up in Mailgun
 * @param region Mailgun: {@code us} (api.mailgun.net, default) or {@code eu}
 * (api.eu.mailgun.net); SES: the AWS region, e.g. {@code eu-west-1}
 * @param accessKeyId SES: the IAM access key id
 * @param secretAccessKey SES: the IAM secret access key
 * @param fallbackToSmtp for a provider only: true: when the provider cannot take a
 * message (unreachable, refused key, 429 or 5xx), the batch goes on through the mailbox's
 * SMTP server; null keeps the stored setting; ignored for smtp
 */
public record TransportSettings(String kind, String serverToken, String messageStream, String apiKey, String domain,
		String region, String accessKeyId, String secretAccessKey, Boolean fallbackToSmtp) {

	public TransportSettings(String kind, String serverToken, String messageStream, String apiKey, String domain,
			String region, String accessKeyId, String secretAccessKey) {
		this(kind, serverToken, messageStream, apiKey, domain, region, accessKeyId, secretAccessKey, null);
	}

	/** The same settings, falling back to SMTP or not. */
	public TransportSettings withFallbackToSmtp(boolean fallback) {
		return new TransportSettings(kind, serverToken, messageStream, apiKey, domain, region, accessKeyId,
				secretAccessKey, fallback);
	}

	/** Back to the mailbox's SMTP server. */
	public static TransportSettings smtp() {
		return new TransportSettings("smtp", null, null, null, null, null, null, null);
	}

	public static TransportSettings postmark(String serverToken, String messageStream) {
		return new TransportSettings("postmark", serverToken, messageStream, null, null, null, null, null);
	}

	public static TransportSettings mailgun(String apiKey, String domain, String region) {
		return new TransportSettings("mailgun", null, null, apiKey, domain, region, null, null);
	}

	public static TransportSettings ses(String accessKeyId, String secretAccessKey, String region) {
		return new TransportSettings("ses", null, null, null, null, region, accessKeyId, secretAccessKey);
	}

}
