package com.penguinmails.mailboxes;

/**
 * How a mailbox sends, as users see it: the kind and the provider's settings that are not
 * secret. Tokens, API keys and AWS keys are write-only: only whether they are set is
 * said.
 *
 * @param kind smtp, postmark, mailgun or ses
 * @param messageStream Postmark's message stream (e.g. {@code outbound}), else null
 * @param domain Mailgun's sending domain, else null
 * @param region Mailgun's region ({@code us} or {@code eu}) or the AWS region of SES
 * (e.g. {@code eu-west-1}), else null
 * @param credentialsSet whether the provider's credentials are stored
 * @param fallbackToSmtp whether a message the provider cannot take goes through the
 * mailbox's SMTP server instead
 */
public record SendingTransport(TransportKind kind, String messageStream, String domain, String region,
		boolean credentialsSet, boolean fallbackToSmtp) {

	/** The mailbox's own SMTP server. */
	public static final SendingTransport SMTP = new SendingTransport(TransportKind.SMTP, null, null, null, false,
			false);

}
