package com.penguinmails.analytics.internal;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.penguinmails.analytics.TimelineEntry;
import com.penguinmails.delivery.ContactMessages.SentMessage;
import com.penguinmails.delivery.OutboxStatus;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineWordsTests {

	@Test
	void aSentAFailedAndACancelledMessageSayWhatHappened() {
		Instant at = Instant.parse("2026-11-30T10:00:00Z");
		UUID campaign = UUID.randomUUID();
		TimelineEntry sent = TimelineWords.sent(new SentMessage(UUID.randomUUID(), campaign, 1, 1, "sam@acme.test",
				"Hello", OutboxStatus.SENT, null, null, at), "Q4");
		assertThat(sent.title()).isEqualTo("Sent step 2 (variant B) from sam@acme.test");
		TimelineEntry failed = TimelineWords.sent(new SentMessage(UUID.randomUUID(), campaign, 0, 0, "sam@acme.test",
				"Hello", OutboxStatus.FAILED, "hard_bounce", "550 5.1.1 unknown", at), "Q4");
		assertThat(failed.title()).isEqualTo("Could not send step 1 (variant A) from sam@acme.test");
		assertThat(failed.detail()).startsWith("hard bounce: 550 5.1.1 unknown");
		// A reply scheduled in the inbox, then cancelled there.
		TimelineEntry cancelled = TimelineWords.sent(new SentMessage(UUID.randomUUID(), null, 0, 0, "sam@acme.test",
				"Re: Hello", OutboxStatus.CANCELLED, null, null, at), null);
		assertThat(cancelled.title()).isEqualTo("Cancelled before sending: a message from sam@acme.test");
	}

}
