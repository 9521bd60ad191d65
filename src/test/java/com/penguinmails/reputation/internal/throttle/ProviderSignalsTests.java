package com.penguinmails.reputation.internal.throttle;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.reputation.internal.throttle.ProviderSignals.Classified;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classifier on replies shaped as the providers send them (multi-line Gmail replies,
 * Microsoft's bracketed agent tails, Yahoo's postmaster links, DSN diagnostic codes).
 */
class ProviderSignalsTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					gmail rate limited | rate_limited | 421 | 4.7.28 | google | 421-4.7.28 [192.0.2.10      15] Our system has detected an unusual rate of\\n421-4.7.28 unsolicited mail originating from your IP address. To protect our\\n421-4.7.28 users from spam, mail sent from your IP address has been temporarily\\n421-4.7.28 rate limited. Please visit\\n421 4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError d9-20020a05 - gsmtp
					gmail low reputation | low_reputation | 421 | 4.7.0 | google | 421-4.7.0 [192.0.2.10] Our system has detected that this message is\\n421-4.7.0 suspicious due to the very low reputation of the sending domain. To\\n421 4.7.0 best protect our users from spam, the message has been blocked. a1si - gsmtp
					gmail unauthenticated | unauthenticated | 550 | 5.7.26 | google | 550-5.7.26 This mail has been blocked because the sender is unauthenticated.\\n550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.\\n550 5.7.26  https://support.google.com/mail/answer/81126#authentication x7si - gsmtp
					gmail spam | spam_blocked | 550 | 5.7.1 | google | 550-5.7.1 [192.0.2.10      12] Our system has detected that this message is\\n550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail,\\n550 5.7.1 this message has been blocked. https://support.google.com/mail/?p=UnsolicitedMessageError q3si - gsmtp
					gmail too fast | recipient_too_fast | 452 | 4.2.1 | google | 452-4.2.1 The recipient you are trying to contact is receiving mail at a rate that\\n452 4.2.1 prevents additional messages from being delivered. https://support.google.com/mail/?p=ReceivingRatePerm t8si - gsmtp
					gmail too many conns | too_many_connections | 421 | 4.7.0 | google | 421-4.7.0 Try again later, closing connection. (EHLO) s2si - gsmtp
					microsoft 4.7.650 | ip_reputation_throttled | 451 | 4.7.650 | microsoft | 451 4.7.650 The mail server [192.0.2.10] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://aka.ms/postmaster (S775) [Name=Protocol Filter Agent][AGT=PFA][MxId=11BB5E2F0C4D2F70] [DB5EUR03FT019.eop-EUR03.prod.protection.outlook.com]
					microsoft 4.7.651 | ip_reputation_throttled | 451 | 4.7.651 | microsoft | 451 4.7.651 The mail server [192.0.2.10] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://aka.ms/postmaster (S843) [BN1NAM02FT014.eop-nam02.prod.protection.outlook.com]
					microsoft 5.7.708 | ip_not_accepted | 550 | 5.7.708 | microsoft | 550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(842) [AM4PEPF00027A5F.eurprd04.prod.outlook.com]
					microsoft S3150 | block_listed | 550 | 5.7.1 | microsoft | 550 5.7.1 Unfortunately, messages from [192.0.2.10] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [VI1EUR04FT043.eop-eur04.prod.protection.outlook.com]
					microsoft S3140 | block_listed | 550 | 5.7.1 | microsoft | 550 5.7.1 Unfortunately, messages from [192.0.2.10] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [DM3NAM06FT012.Eop-nam06.prod.protection.outlook.com]
					yahoo TSS04 | volume_deferred | 421 | 4.7.0 | yahoo | 421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes
					yahoo TSS09 | permanently_deferred | 421 | 4.7.0 | yahoo | 421 4.7.0 [TSS09] All messages from 192.0.2.10 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes
					yahoo PH01 | policy_refused | 554 | | yahoo | 554 Message not allowed - [PH01] Email not accepted for policy reasons.  Please visit https://postmaster.yahooinc.com/error-codes
					yahoo 5.7.9 | policy_refused | 554 | 5.7.9 | yahoo | 554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes
					postfix too many | too_many_connections | 421 | 4.7.0 | | 421 4.7.0 mx.example.org Error: too many connections from 192.0.2.10
					postgrey | greylisted | 450 | 4.2.0 | | 450 4.2.0 <jo@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html
					greylist try later | greylisted | 451 | 4.7.1 | | 451 4.7.1 Please try again later
					greylist 450 | greylisted | 450 | 4.7.1 | | 450 4.7.1 <jo@example.org>: Recipient address rejected: Try again later
					""")
	void readsTheProvidersReplies(String name, String signal, int code, String status, String provider, String reply) {
		Optional<Classified> read = ProviderSignals.classify(reply.replace("\\n", "\r\n"));
		assertThat(read).as(name).isPresent();
		assertThat(read.get().signal().value()).as(name).isEqualTo(signal);
		assertThat(read.get().replyCode()).as(name).isEqualTo(code);
		assertThat(read.get().status()).as(name).isEqualTo(status);
		assertThat(read.get().provider() == null ? null : read.get().provider().value()).as(name).isEqualTo(provider);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown in virtual mailbox table
					552 5.2.2 <full@example.org>: Mailbox full
					250 2.0.0 Ok: queued as 4Bx1
					550-5.1.1 The email account that you tried to reach does not exist. Please try\\n550 5.1.1 double-checking the recipient's email address. https://support.google.com/mail/?p=NoSuchUser a1si - gsmtp
					''
					""")
	void repliesWithoutASignalGiveNone(String reply) {
		assertThat(ProviderSignals.classify(reply.replace("\\n", "\r\n"))).isEmpty();
	}

	@Test
	void aDsnDiagnosticIsReadWithItsStatusField() {
		// RFC 3464 §2.3.6: Diagnostic-Code: smtp; 421-4.7.28 ... (the Status field apart)
		Optional<Classified> read = ProviderSignals.classify(421, "4.7.28",
				"smtp; 421-4.7.28 [192.0.2.10] Our system has detected an unusual rate of unsolicited mail - gsmtp");
		assertThat(read).get().satisfies(c -> {
			assertThat(c.signal()).isEqualTo(ProviderSignal.RATE_LIMITED);
			assertThat(c.provider()).isEqualTo(RecipientProvider.GOOGLE);
		});
		assertThat(ProviderSignals.classify(null, null, "smtp; 550 5.7.708 Access denied, traffic not accepted")).get()
			.satisfies(c -> {
				assertThat(c.signal()).isEqualTo(ProviderSignal.IP_NOT_ACCEPTED);
				assertThat(c.replyCode()).isEqualTo(550);
			});
	}

	@Test
	void greylistingAndARecipientReceivingTooFastNeverCountAgainstThePath() {
		assertThat(ProviderSignal.GREYLISTED.response()).isEqualTo(ProviderSignal.Response.NONE);
		assertThat(ProviderSignal.RECIPIENT_TOO_FAST.response()).isEqualTo(ProviderSignal.Response.NONE);
		assertThat(ProviderSignal.RATE_LIMITED.response()).isEqualTo(ProviderSignal.Response.SLOW);
		assertThat(ProviderSignal.BLOCK_LISTED.response()).isEqualTo(ProviderSignal.Response.SUSPEND);
	}

}
