package com.penguinmails.mailboxes;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

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
 * @param fallbackToSmtp a mailbox sending through a provider: whether a message the
 * provider cannot take goes through the mailbox's SMTP server instead; absent (null)
 * where it means nothing: a mailbox sending through SMTP, and a workspace's sending
 * provider (its routes say whether SMTP comes after it)
 */
public record SendingTransport(TransportKind kind, String messageStream, String domain, String region,
		boolean credentialsSet,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Schema(
				description = "Only for a mailbox sending through a provider: whether a message the provider cannot "
						+ "take (unreachable, refused key, 429 or 5xx) goes through the mailbox's SMTP server instead; "
						+ "absent for SMTP and for sending providers") Boolean fallbackToSmtp) {

	/** The mailbox's own SMTP server. */
	public static final SendingTransport SMTP = new SendingTransport(TransportKind.SMTP, null, null, null, false, null);

	/**
	 * The same settings without {@code fallbackToSmtp}, for a workspace's sending
	 * provider.
	 */
	public SendingTransport withoutFallback() {
		return new SendingTransport(kind, messageStream, domain, region, credentialsSet, null);
	}

}
