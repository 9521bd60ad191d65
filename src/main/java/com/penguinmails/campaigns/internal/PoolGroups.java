package com.penguinmails.campaigns.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.penguinmails.campaigns.internal.CampaignRepository.Running;

/**
 * Splits a tick's campaigns into groups that share no mailbox: two campaigns whose pools
 * overlap (directly or through a third) are in one group. A mailbox's pacing (its cap,
 * its gaps) is read and planned by one campaign at a time, so a group is scheduled in
 * order while the groups run side by side.
 */
public final class PoolGroups {

	private PoolGroups() {
	}

	/**
	 * The groups, each in the order of {@code campaigns}, the groups in the order of
	 * their first campaign.
	 * @param pools each campaign's mailbox ids (a campaign missing here has an empty pool
	 * and is a group of its own)
	 */
	public static List<List<Running>> of(List<Running> campaigns, Map<UUID, List<UUID>> pools) {
		int[] parent = new int[campaigns.size()];
		Map<UUID, Integer> owner = new HashMap<>();
		for (int i = 0; i < campaigns.size(); i++) {
			parent[i] = i;
			for (UUID mailbox : pools.getOrDefault(campaigns.get(i).id(), List.of())) {
				Integer other = owner.putIfAbsent(mailbox, i);
				if (other != null) {
					parent[root(parent, i)] = root(parent, other);
				}
			}
		}
		Map<Integer, List<Running>> groups = new LinkedHashMap<>();
		for (int i = 0; i < campaigns.size(); i++) {
			groups.computeIfAbsent(root(parent, i), r -> new ArrayList<>()).add(campaigns.get(i));
		}
		return new ArrayList<>(groups.values());
	}

	private static int root(int[] parent, int i) {
		int r = i;
		while (parent[r] != r) {
			parent[r] = parent[parent[r]];
			r = parent[r];
		}
		return r;
	}

}
