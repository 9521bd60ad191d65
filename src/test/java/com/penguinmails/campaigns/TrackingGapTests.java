package com.penguinmails.campaigns;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Tracking;
import com.penguinmails.campaigns.Campaign.Variant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a campaign's tracking will not see: plain-text steps have no open pixel and keep
 * their links as written, said when tracking is on.
 */
class TrackingGapTests {

	@Test
	void saysNothingWithTrackingOffOrEveryStepInHtml() {
		assertThat(campaign(Tracking.off(), StepFormat.TEXT).trackingGap()).isNull();
		assertThat(campaign(new Tracking(true, true), StepFormat.HTML, StepFormat.HTML).trackingGap()).isNull();
	}

	@Test
	void namesThePlainTextStepsAndWhatIsNotTrackedInThem() {
		assertThat(campaign(new Tracking(true, false), StepFormat.HTML, StepFormat.TEXT, StepFormat.TEXT).trackingGap())
			.startsWith("Steps 2, 3 are plain text: their opens will not be tracked")
			.contains("Replies, bounces and unsubscribes are still counted")
			.doesNotContain("clicks");
		assertThat(campaign(new Tracking(true, true), StepFormat.TEXT).trackingGap())
			.startsWith("The step is plain text: its opens and clicks will not be tracked");
		assertThat(campaign(new Tracking(false, true), StepFormat.TEXT, StepFormat.TEXT).trackingGap())
			.startsWith("All steps are plain text: their clicks will not be tracked");
	}

	private static Campaign campaign(Tracking tracking, StepFormat... formats) {
		List<Step> steps = Arrays.stream(formats)
			.map(format -> new Step(0, null, null, false, format, List.of(new Variant("Hi", "<p>Hi</p>", "Hi")), null,
					null, null, null))
			.toList();
		return new Campaign(UUID.randomUUID(), "Test", CampaignStatus.DRAFT, null, null, tracking, List.of(), steps,
				null, null);
	}

}
