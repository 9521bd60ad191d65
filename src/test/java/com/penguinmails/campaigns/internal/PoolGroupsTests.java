package com.penguinmails.campaigns.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.penguinmails.campaigns.internal.CampaignRepository.Running;

import static org.assertj.core.api.Assertions.assertThat;

class PoolGroupsTests {

	private static Running campaign() {
		return new Running(UUID.randomUUID(), UUID.randomUUID());
	}

	@Test
	void campaignsSharingAMailboxDirectlyOrThroughAnotherAreOneGroupInTheirOrder() {
		UUID a = UUID.randomUUID();
		UUID b = UUID.randomUUID();
		UUID c = UUID.randomUUID();
		UUID d = UUID.randomUUID();
		Running one = campaign();
		Running two = campaign();
		Running three = campaign();
		Running four = campaign();
		Running five = campaign();
		// one and three share a; three and five share b: one group. Two and four apart.
		var groups = PoolGroups.of(List.of(one, two, three, four, five), Map.of(one.id(), List.of(a), two.id(),
				List.of(c), three.id(), List.of(a, b), four.id(), List.of(d), five.id(), List.of(b)));

		assertThat(groups).containsExactly(List.of(one, three, five), List.of(two), List.of(four));
	}

	@Test
	void aCampaignWithNoPoolIsAGroupOfItsOwn() {
		Running one = campaign();
		Running two = campaign();

		assertThat(PoolGroups.of(List.of(one, two), Map.of())).containsExactly(List.of(one), List.of(two));
	}

}
