package com.penguinmails.warmup.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Pairs the new warmup threads of one day: who writes to whom. Pure logic over the pool
 * members, no I/O.
 * <p>
 * Rules (issue 15): a workspace's pool is every member of the workspaces that share their
 * pool when it shares, else its own members only, so the pools are disjoint and paired
 * one by one. A recipient is never the sender, never on the sender's email domain, and
 * never of the sender's workspace while a member of another workspace has room; threads
 * spread across providers (the IMAP host's registered domain), the provider with the
 * fewest of the sender's threads so far first, round-robin within it; a recipient takes
 * at most {@code max(1, its own planned count) + 1} new threads a day (its share).
 * Senders take turns one thread at a time so that nobody drains the shares first.
 */
public final class PoolPairing {

	/**
	 * One mailbox of the pool on the day.
	 *
	 * @param domain the email address's domain, lower case ({@link #domainOf})
	 * @param planned new threads it starts that day (WarmupPlan)
	 * @param received new threads it already receives that day (planned before)
	 * @param done whether it already planned its own threads that day (idempotence)
	 */
	public record Member(UUID workspaceId, UUID mailboxId, String email, String domain, String provider,
			boolean sharedPool, int planned, int received, boolean done) {
	}

	/** One new thread: from the sender to the recipient. */
	public record Pair(Member sender, Member recipient) {
	}

	/**
	 * The pairs of the day, and why a sender got fewer threads than planned (words a
	 * person reads, by mailbox id).
	 */
	public record Result(List<Pair> pairs, Map<UUID, String> shortfalls) {
	}

	private PoolPairing() {
	}

	/** Pairs every member's planned threads (members already done send nothing). */
	public static Result pair(List<Member> members, Random random) {
		Map<Object, List<Member>> pools = new LinkedHashMap<>();
		for (Member member : members) {
			pools.computeIfAbsent(member.sharedPool() ? "shared" : member.workspaceId(), k -> new ArrayList<>())
				.add(member);
		}
		List<Pair> pairs = new ArrayList<>();
		Map<UUID, String> shortfalls = new HashMap<>();
		for (List<Member> pool : pools.values()) {
			new OnePool(pool, random, pairs, shortfalls).pair();
		}
		return new Result(pairs, shortfalls);
	}

	/** The domain of an email address, lower case. */
	public static String domainOf(String email) {
		return email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
	}

	/** A member's room left today, in its provider's round. */
	private static final class Slot {

		final Member member;

		final int order;

		int room;

		long lastTaken;

		Slot(Member member, int order, int room) {
			this.member = member;
			this.order = order;
			this.room = room;
		}

	}

	private static final Comparator<Slot> MOST_ROOM_FIRST = Comparator.<Slot>comparingInt(slot -> -slot.room)
		.thenComparingLong(slot -> slot.lastTaken)
		.thenComparingInt(slot -> slot.order);

	private static final class OnePool {

		private final List<Member> members;

		private final Random random;

		private final List<Pair> pairs;

		private final Map<UUID, String> shortfalls;

		private final Map<String, TreeSet<Slot>> byProvider = new LinkedHashMap<>();

		private final boolean severalWorkspaces;

		private long taken;

		OnePool(List<Member> members, Random random, List<Pair> pairs, Map<UUID, String> shortfalls) {
			this.members = members;
			this.random = random;
			this.pairs = pairs;
			this.shortfalls = shortfalls;
			this.severalWorkspaces = members.stream().map(Member::workspaceId).distinct().count() > 1;
			List<Member> shuffled = new ArrayList<>(members);
			Collections.shuffle(shuffled, random);
			for (int i = 0; i < shuffled.size(); i++) {
				Member member = shuffled.get(i);
				int share = Math.max(1, member.planned()) + 1 - member.received();
				if (share > 0) {
					byProvider.computeIfAbsent(member.provider(), p -> new TreeSet<>(MOST_ROOM_FIRST))
						.add(new Slot(member, i, share));
				}
			}
		}

		void pair() {
			List<Member> senders = new ArrayList<>(members.stream().filter(m -> !m.done() && m.planned() > 0).toList());
			Collections.shuffle(senders, random);
			Map<UUID, Integer> left = new HashMap<>();
			Map<UUID, Map<String, Integer>> perProvider = new HashMap<>();
			senders.forEach(s -> left.put(s.mailboxId(), s.planned()));
			while (!senders.isEmpty()) {
				for (var it = senders.iterator(); it.hasNext();) {
					Member sender = it.next();
					Map<String, Integer> counts = perProvider.computeIfAbsent(sender.mailboxId(), k -> new HashMap<>());
					Member recipient = choose(sender, counts);
					if (recipient == null) {
						shortfalls.put(sender.mailboxId(), why(sender, left.get(sender.mailboxId())));
						it.remove();
						continue;
					}
					pairs.add(new Pair(sender, recipient));
					counts.merge(recipient.provider(), 1, Integer::sum);
					if (left.merge(sender.mailboxId(), -1, Integer::sum) == 0) {
						it.remove();
					}
				}
			}
		}

		private Member choose(Member sender, Map<String, Integer> counts) {
			List<String> providers = new ArrayList<>(byProvider.keySet());
			providers.sort(Comparator.comparingInt(p -> counts.getOrDefault(p, 0)));
			if (severalWorkspaces) {
				for (String provider : providers) {
					Member found = take(byProvider.get(provider), sender, true);
					if (found != null) {
						return found;
					}
				}
			}
			for (String provider : providers) {
				Member found = take(byProvider.get(provider), sender, false);
				if (found != null) {
					return found;
				}
			}
			return null;
		}

		/**
		 * The member of the provider's round with the most room left that may receive
		 * from the sender (the least recently taken among equals): keeps the shares even
		 * so that no sender is left with only full partners at the end.
		 */
		private Member take(TreeSet<Slot> round, Member sender, boolean otherWorkspace) {
			for (Slot slot : round) {
				if (eligible(sender, slot.member, otherWorkspace)) {
					round.remove(slot);
					slot.room--;
					slot.lastTaken = ++taken;
					if (slot.room > 0) {
						round.add(slot);
					}
					return slot.member;
				}
			}
			return null;
		}

		private static boolean eligible(Member sender, Member candidate, boolean otherWorkspace) {
			return !candidate.mailboxId().equals(sender.mailboxId()) && !candidate.domain().equals(sender.domain())
					&& (!otherWorkspace || !candidate.workspaceId().equals(sender.workspaceId()));
		}

		/** How a person gives a sender a partner. */
		private static final String FIX = " Turn warmup on for a mailbox on another domain, or join the shared pool (Warmup, pool settings).";

		private String why(Member sender, int missing) {
			boolean others = members.stream().anyMatch(m -> !m.mailboxId().equals(sender.mailboxId()));
			boolean partners = members.stream().anyMatch(m -> eligible(sender, m, false));
			if (!others) {
				return "No partner: no other warmup mailbox in its pool." + FIX;
			}
			if (!partners) {
				return "No partner: only mailboxes on the same domain in its pool." + FIX;
			}
			return "No partner with room left: " + missing + " of " + sender.planned()
					+ " new threads not planned (every partner received its share)";
		}

	}

}
