package com.penguinmails.mailboxes;

/**
 * What a user gives to add (or change) a workspace sending provider: a name and the
 * provider's settings, as for a mailbox's own provider ({@link TransportSettings}); the
 * kind is postmark, mailgun or ses. On a change, a blank secret keeps the stored one.
 *
 * @param name a name unique in the workspace, at most 100 characters
 * @param kind postmark, mailgun or ses
 * @param serverToken Postmark: the server API token
 * @param messageStream Postmark: the message stream id (default {@code outbound})
 * @param apiKey Mailgun: the private API key
 * @param domain Mailgun: the sending domain
 * @param region Mailgun: {@code us} or {@code eu}; SES: the AWS region
 * @param accessKeyId SES: the IAM access key id
 * @param secretAccessKey SES: the IAM secret access key
 * @param enabled false turns it off (routes skip it, it is not checked); null: on when
 * added, unchanged when changed
 */
public record NewSendingProvider(String name, String kind, String serverToken, String messageStream, String apiKey,
		String domain, String region, String accessKeyId, String secretAccessKey, Boolean enabled) {

	/** A provider that is on (or, on a change, stays as it is). */
	public NewSendingProvider(String name, String kind, String serverToken, String messageStream, String apiKey,
			String domain, String region, String accessKeyId, String secretAccessKey) {
		this(name, kind, serverToken, messageStream, apiKey, domain, region, accessKeyId, secretAccessKey, null);
	}

	/** The provider's settings, in the shape a mailbox's provider takes. */
	public TransportSettings transport() {
		return new TransportSettings(kind, serverToken, messageStream, apiKey, domain, region, accessKeyId,
				secretAccessKey, false);
	}

}
