package com.penguinmails.delivery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.penguinmails.delivery.internal.Replies;
import com.penguinmails.mailboxes.SmtpReply;

import com.penguinmails.shared.BounceReason;

import static org.assertj.core.api.Assertions.assertThat;

class RepliesTests {

	@Test
	void hardBouncesAreTheAddressThatDoesNotExist() {
		assertThat(Replies.hardBounce(new SmtpReply(550, "550 5.1.1 <x@y.test>: User unknown"))).isTrue();
		assertThat(Replies.hardBounce(new SmtpReply(550, "550-5.1.1 The email account does not exist"))).isTrue();
		assertThat(Replies.hardBounce(new SmtpReply(553, "553 5.1.0 Address rejected"))).isTrue();
		assertThat(Replies.hardBounce(new SmtpReply(556, "556 5.1.10 Recipient address has null MX"))).isTrue();
		assertThat(Replies.hardBounce(new SmtpReply(550, "550 User unknown in local recipient table"))).isTrue();
		assertThat(Replies.hardBounce(new SmtpReply(550, "550 5.7.1 Message rejected as spam"))).isFalse();
		assertThat(Replies.hardBounce(new SmtpReply(552, "552 5.2.2 Mailbox full"))).isFalse();
		assertThat(Replies.hardBounce(new SmtpReply(450, "450 4.1.1 User unknown (try later)"))).isFalse();
	}

	@Test
	void aRefusalAboutUsNeverSuppressesTheRecipientWhateverItsCode() {
		// GoDaddy misuses 5.1.1 for a rate limit; Cox's 5.1.0 names our sender.
		assertThat(Replies.hardBounce(new SmtpReply(550,
				"550 5.1.1 <bob@client.test> - 198.51.100.225 has sent to too many recipients this hour. IB607")))
			.isFalse();
		assertThat(Replies.hardBounce(new SmtpReply(550, "550 5.1.0 <alice@outreach.test> sender rejected. AUP#CDRBL")))
			.isFalse();
		assertThat(Replies.reason(new SmtpReply(451,
				"451 4.7.650 The mail server [192.0.2.25] has been temporarily rate limited due to IP reputation.")))
			.isEqualTo(BounceReason.BAD_REPUTATION);
		assertThat(Replies.reason(new SmtpReply(552, "552 5.2.2 Over quota"))).isEqualTo(BounceReason.MAILBOX_FULL);
		assertThat(Replies.hardBounce(
				new SmtpReply(550, "550 Requested action not taken: mailbox unavailable (blocked by policy: spam)")))
			.isFalse();
		// Exchange and Gmail in their own words.
		assertThat(Replies.reason(new SmtpReply(550, "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found")))
			.isEqualTo(BounceReason.USER_UNKNOWN);
		assertThat(Replies.reason(new SmtpReply(554,
				"554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message")))
			.isEqualTo(BounceReason.RATE_LIMITED);
		assertThat(Replies.reason(new SmtpReply(450,
				"450-4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend later.")))
			.isEqualTo(BounceReason.RATE_LIMITED);
		assertThat(Replies.reason(new SmtpReply(552, "552 5.3.4 RESOLVER.RST.RecipSizeLimit; message too large")))
			.isEqualTo(BounceReason.MESSAGE_TOO_BIG);
	}

	@Test
	void permanentFailuresAreClassifiedByTheirEnhancedCode() {
		assertThat(Replies.failure(new SmtpReply(550, "550 5.1.1 no such user"))).isEqualTo("hard_bounce");
		assertThat(Replies.failure(new SmtpReply(552, "552 5.2.2 Mailbox full"))).isEqualTo("mailbox_full");
		assertThat(Replies.failure(new SmtpReply(550, "550 5.7.26 Unauthenticated email is not accepted")))
			.isEqualTo("policy");
		assertThat(Replies.failure(new SmtpReply(552, "552 5.3.4 Message too big"))).isEqualTo("message");
		assertThat(Replies.failure(new SmtpReply(554, "554 Transaction failed"))).isEqualTo("other");
	}

	@Test
	void retriesBackOffFiveTimesWithinADay() {
		assertThat(Replies.backoff(1)).contains(Duration.ofMinutes(5));
		assertThat(Replies.backoff(2)).contains(Duration.ofMinutes(15));
		assertThat(Replies.backoff(5)).contains(Duration.ofMinutes(405));
		assertThat(Replies.backoff(6)).isEmpty();
		assertThat(Replies.BACKOFF.stream().reduce(Duration.ZERO, Duration::plus)).isLessThan(Duration.ofDays(1));
	}

	@Test
	void findsTheQueueIdInCommonReplies() {
		assertThat(Replies.queueId("250 2.0.0 Ok: queued as 4Bx1Yz2QpRz")).isEqualTo("4Bx1Yz2QpRz");
		assertThat(Replies.queueId("250 OK id=1rAbCd-0001Xy-2Z")).isEqualTo("1rAbCd-0001Xy-2Z");
		assertThat(Replies.queueId("250 2.0.0 OK  1700000000 a1-20020a17090a.123 - gsmtp"))
			.isEqualTo("a1-20020a17090a.123");
		assertThat(Replies.queueId("250 Ok")).isNull();
	}

}
