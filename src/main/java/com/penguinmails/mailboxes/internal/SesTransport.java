package com.penguinmails.mailboxes.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;

import com.penguinmails.mailboxes.ConnectionTest;
import com.penguinmails.mailboxes.MailboxTransport;
import com.penguinmails.mailboxes.SmtpConnectionFailed;
import com.penguinmails.mailboxes.SentVia;
import com.penguinmails.mailboxes.SmtpReply;
import com.penguinmails.mailboxes.TransportKind;
import com.penguinmails.shared.NetworkFailures;

/**
 * Amazon SES through the official AWS SDK v2 ({@code sesv2} {@code SendEmail} with
 * {@code Content.Raw}): our raw signed MIME goes as it is, so our DKIM signature,
 * Message-ID, threading headers and List-Unsubscribe stay; SES may add its own signature.
 * The SDK's retries are off: a throttled or failed call is a 4xx reply and the
 * dispatcher's backoff retries it.
 * <p>
 * SES answers a {@code MessageId}, which goes in the reply as {@code queued as ...} where
 * the dispatcher keeps it for SES's event notifications.
 */
final class SesTransport implements MailboxTransport {

	private final SesV2Client client;

	private final String region;

	/** The host called, named when it cannot be reached. */
	private final String host;

	SesTransport(String region, String accessKeyId, String secretAccessKey, URI endpoint, Duration timeout) {
		this.region = region;
		this.host = endpoint != null ? endpoint.getHost() : "email." + region + ".amazonaws.com";
		SesV2ClientBuilder builder = SesV2Client.builder()
			.region(Region.of(region))
			.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
			.httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
			.overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(timeout));
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		this.client = builder.build();
	}

	@Override
	public SmtpReply send(MimeMessage message) throws SmtpConnectionFailed {
		byte[] raw;
		List<String> to = new ArrayList<>();
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			message.writeTo(out);
			raw = out.toByteArray();
			for (Address address : message.getAllRecipients()) {
				to.add(((InternetAddress) address).getAddress());
			}
		}
		catch (MessagingException | IOException ex) {
			return new SmtpReply(554, "554 5.6.0 The message could not be written: " + ex.getMessage());
		}
		try {
			SendEmailResponse response = client.sendEmail(request -> request.destination(d -> d.toAddresses(to))
				.content(c -> c.raw(r -> r.data(SdkBytes.fromByteArray(raw)))));
			return new SmtpReply(250, "250 2.0.0 Ok: queued as " + response.messageId() + " (Amazon SES)");
		}
		catch (AwsServiceException ex) {
			return reply(ex);
		}
		catch (ApiCallTimeoutException ex) {
			throw new SmtpConnectionFailed("timeout", "Amazon SES did not answer in time: " + ex.getMessage());
		}
		catch (SdkClientException ex) {
			throw new SmtpConnectionFailed("tcp",
					"Amazon SES could not be reached: " + NetworkFailures.why(host, ex) + ".");
		}
	}

	/**
	 * SES v2's errors (its API reference, SendEmail "Errors"): MessageRejected,
	 * MailFromDomainNotVerified and BadRequest refuse this message; TooManyRequests and
	 * LimitExceeded and any 5xx are transient; a refused signature or key, a suspended
	 * account or paused sending fail the connection.
	 */
	private static SmtpReply reply(AwsServiceException ex) throws SmtpConnectionFailed {
		String code = ex.awsErrorDetails() == null ? "" : ex.awsErrorDetails().errorCode();
		String words = ex.awsErrorDetails() == null || ex.awsErrorDetails().errorMessage() == null ? ex.getMessage()
				: ex.awsErrorDetails().errorMessage();
		words = ProviderHttp.cut(words == null ? "" : words);
		int status = ex.statusCode();
		if (status == 401 || status == 403 || code.startsWith("InvalidClientTokenId")
				|| code.startsWith("SignatureDoesNotMatch") || code.startsWith("UnrecognizedClient")) {
			throw new SmtpConnectionFailed("authentication",
					"Amazon SES refused the access key (" + code + ", HTTP " + status + "): " + words);
		}
		if (code.startsWith("AccountSuspended") || code.startsWith("SendingPaused")) {
			throw new SmtpConnectionFailed("unavailable",
					"Amazon SES does not send for this account now (" + code + "): " + words);
		}
		if (status == 429 || code.startsWith("TooManyRequests") || code.startsWith("LimitExceeded")
				|| code.startsWith("Throttling")) {
			return new SmtpReply(421, "421 4.7.0 Amazon SES rate limit (" + code + "): " + words);
		}
		if (status >= 500) {
			return new SmtpReply(451,
					"451 4.3.0 Amazon SES could not take it now (HTTP " + status + ", " + code + "): " + words);
		}
		if (code.startsWith("MailFromDomainNotVerified")) {
			return new SmtpReply(550,
					"550 5.7.1 Amazon SES: the sending domain is not verified (" + code + "): " + words);
		}
		return new SmtpReply(554, "554 5.6.0 Amazon SES refused the message (" + code + "): " + words);
	}

	/** The cheapest authenticated call: {@code GetAccount}. */
	ConnectionTest.Step check() {
		try {
			GetAccountResponse account = client.getAccount(request -> {
			});
			boolean sending = account.sendingEnabled() == null || account.sendingEnabled();
			boolean production = Boolean.TRUE.equals(account.productionAccessEnabled());
			String quota = account.sendQuota() == null ? ""
					: " Quota: " + Math.round(account.sendQuota().max24HourSend()) + " a day, "
							+ Math.round(account.sendQuota().maxSendRate()) + " a second.";
			if (!sending) {
				return new ConnectionTest.Step(false, "unavailable",
						"Amazon SES accepted the key, but sending is paused for this account in " + region + "."
								+ quota);
			}
			return new ConnectionTest.Step(true, null, "Amazon SES accepted the access key in " + region + "."
					+ (production ? "" : " The account is in the SES sandbox: it sends only to verified addresses.")
					+ quota);
		}
		catch (AwsServiceException ex) {
			try {
				SmtpReply reply = reply(ex);
				return new ConnectionTest.Step(false, "protocol", reply.text());
			}
			catch (SmtpConnectionFailed failed) {
				return new ConnectionTest.Step(false, failed.stage(), failed.getMessage());
			}
		}
		catch (SdkClientException ex) {
			return new ConnectionTest.Step(false, "tcp",
					"Amazon SES could not be reached: " + NetworkFailures.why(host, ex) + ".");
		}
	}

	@Override
	public SentVia via() {
		return new SentVia(TransportKind.SES, null);
	}

	@Override
	public void close() {
		client.close();
	}

}
