package com.penguinmails.warmup.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.penguinmails.warmup.internal.PoolPairing.Member;
import com.penguinmails.warmup.internal.PoolPairing.Pair;

import static org.assertj.core.api.Assertions.assertThat;

class PoolPairingTests {

	private static final UUID ONE = UUID.randomUUID();

	private static final UUID TWO = UUID.randomUUID();

	private static Member member(UUID workspace, String email, String imapHost, boolean shared, int planned) {
		return new Member(workspace, UUID.randomUUID(), email, PoolPairing.domainOf(email), Providers.of(imapHost),
				shared, planned, 0, false);
	}

	@Test
	void theProviderIsTheImapHostsRegisteredDomain() {
		assertThat(Providers.of("imap.gmail.com")).isEqualTo("gmail.com");
		assertThat(Providers.of("outlook.office365.com")).isEqualTo("office365.com");
		assertThat(Providers.of("mail.example.co.uk")).isEqualTo("example.co.uk");
		assertThat(Providers.of("127.0.0.1")).isEqualTo("127.0.0.1");
	}

	@Test
	void neverPairsAMailboxWithItselfOrItsDomainAndKeepsEveryShare() {
		List<Member> pool = new ArrayList<>();
		for (String domain : List.of("a.test", "b.test", "c.test")) {
			pool.add(member(ONE, "one@" + domain, "imap.gmail.com", false, 9));
			pool.add(member(ONE, "two@" + domain, "imap.fastmail.com", false, 9));
		}
		PoolPairing.Result result = PoolPairing.pair(pool, new Random(1));

		assertThat(result.shortfalls()).isEmpty();
		assertThat(result.pairs()).hasSize(54).allSatisfy(pair -> {
			assertThat(pair.recipient()).isNotEqualTo(pair.sender());
			assertThat(pair.recipient().domain()).isNotEqualTo(pair.sender().domain());
		});
		Map<UUID, Integer> received = new HashMap<>();
		result.pairs().forEach(pair -> received.merge(pair.recipient().mailboxId(), 1, Integer::sum));
		assertThat(received.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(10));
	}

	@Test
	void sixMailboxesOnThreeDomainsGetEveryPlannedThreadWhateverTheOrder() {
		for (int planned = 3; planned <= 29; planned += 2) {
			for (int seed = 0; seed < 50; seed++) {
				List<Member> pool = new ArrayList<>();
				for (String domain : List.of("a.test", "b.test", "c.test")) {
					pool.add(member(ONE, "one@" + domain, "127.0.0.1", true, planned));
					pool.add(member(TWO, "two@" + domain, "127.0.0.1", true, planned));
				}
				PoolPairing.Result result = PoolPairing.pair(pool, new Random(seed));
				assertThat(result.shortfalls()).as("%d a day, seed %d", planned, seed).isEmpty();
				assertThat(result.pairs()).hasSize(6 * planned);
			}
		}
	}

	@Test
	void prefersOtherWorkspacesAndSpreadsOverProviders() {
		Member sender = member(ONE, "sam@one.test", "imap.one.test", true, 5);
		Member sameWorkspace = member(ONE, "kim@other-one.test", "imap.gmail.com", true, 0);
		Member gmail = member(TWO, "ann@two.test", "imap.gmail.com", true, 0);
		Member outlook = member(TWO, "bob@three.test", "outlook.office365.com", true, 0);
		PoolPairing.Result result = PoolPairing.pair(List.of(sender, sameWorkspace, gmail, outlook), new Random(2));

		List<Member> recipients = result.pairs()
			.stream()
			.filter(pair -> pair.sender().equals(sender))
			.map(Pair::recipient)
			.toList();
		// Shares: 2 each; workspace TWO's first, one provider then the other; the
		// sender's
		// own workspace only once those are used.
		assertThat(recipients).hasSize(5);
		assertThat(recipients.subList(0, 2)).containsExactlyInAnyOrder(gmail, outlook);
		assertThat(recipients.subList(2, 4)).containsExactlyInAnyOrder(gmail, outlook);
		assertThat(recipients.get(4)).isEqualTo(sameWorkspace);
	}

	@Test
	void aPrivatePoolPairsWithinItsOwnWorkspaceAndSharedPoolsDoNotSeeIt() {
		Member privateA = member(ONE, "sam@a.test", "imap.a.test", false, 2);
		Member privateB = member(ONE, "kim@b.test", "imap.b.test", false, 2);
		Member sharedC = member(TWO, "ann@c.test", "imap.c.test", true, 2);
		PoolPairing.Result result = PoolPairing.pair(List.of(privateA, privateB, sharedC), new Random(3));

		assertThat(result.pairs()).extracting(pair -> pair.sender().email() + ">" + pair.recipient().email())
			.containsExactlyInAnyOrder("sam@a.test>kim@b.test", "sam@a.test>kim@b.test", "kim@b.test>sam@a.test",
					"kim@b.test>sam@a.test");
		assertThat(result.shortfalls()).containsEntry(sharedC.mailboxId(),
				"No partner: no other warmup mailbox in its pool. Turn warmup on for a mailbox on another domain, "
						+ "or join the shared pool (Warmup, pool settings).");
	}

	@Test
	void aSenderWithOnlyItsDomainInThePoolGetsNothingAndAReason() {
		Member sam = member(ONE, "sam@a.test", "imap.a.test", false, 3);
		Member kim = member(ONE, "kim@a.test", "imap.a.test", false, 3);
		PoolPairing.Result result = PoolPairing.pair(List.of(sam, kim), new Random(4));

		assertThat(result.pairs()).isEmpty();
		assertThat(result.shortfalls()).containsEntry(sam.mailboxId(),
				"No partner: only mailboxes on the same domain in its pool. Turn warmup on for a mailbox on another domain, "
						+ "or join the shared pool (Warmup, pool settings).");
	}

	@Test
	void membersThatAlreadyPlannedSendNothingMoreButStillReceiveWithinTheirShare() {
		Member done = new Member(ONE, UUID.randomUUID(), "sam@a.test", "a.test", "x", false, 3, 3, true);
		Member fresh = member(ONE, "kim@b.test", "imap.b.test", false, 3);
		PoolPairing.Result result = PoolPairing.pair(List.of(done, fresh), new Random(5));

		// done received 3 already; its share is 3 + 1: one more.
		assertThat(result.pairs()).hasSize(1);
		assertThat(result.pairs().get(0).sender()).isEqualTo(fresh);
		assertThat(result.shortfalls().get(fresh.mailboxId())).startsWith("No partner with room left: 2 of 3");
	}

}
