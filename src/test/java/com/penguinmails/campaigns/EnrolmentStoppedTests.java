package com.penguinmails.campaigns;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every stored stop reason gets the code webhook receivers read. */
class EnrolmentStoppedTests {

	@Test
	void storedReasonsMapToTheirCodes() {
		for (StopEvent event : StopEvent.values()) {
			assertThat(EnrolmentStopped.reasonOf(event.reason())).isEqualTo(event.reason());
		}
		assertThat(EnrolmentStopped.reasonOf("not delivered: 550 5.1.1 no such user")).isEqualTo("failed");
		assertThat(EnrolmentStopped.reasonOf("unsubscribed from this campaign")).isEqualTo("unsubscribed");
		assertThat(EnrolmentStopped.reasonOf("contact bounced")).isEqualTo("bounced");
		assertThat(EnrolmentStopped.reasonOf("contact complained")).isEqualTo("complained");
		assertThat(EnrolmentStopped.reasonOf("a colleague replied")).isEqualTo("colleague_replied");
		assertThat(EnrolmentStopped.reasonOf("campaign archived")).isEqualTo("campaign_archived");
		assertThat(EnrolmentStopped.reasonOf("contact deleted")).isEqualTo("contact_deleted");
		assertThat(EnrolmentStopped.reasonOf("suppressed")).isEqualTo("suppressed");
		assertThat(EnrolmentStopped.reasonOf("no value for company")).isEqualTo("missing_value");
		assertThat(EnrolmentStopped.reasonOf("something new")).isEqualTo("other");
		assertThat(EnrolmentStopped.reasonOf(null)).isEqualTo("other");
	}

}
