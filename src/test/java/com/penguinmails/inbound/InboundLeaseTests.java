package com.penguinmails.inbound;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.inbound.internal.InboundProperties;
import com.penguinmails.inbound.internal.InboundStore;
import com.penguinmails.inbound.internal.MailboxSync;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's claim on a mailbox's sync is a short lease renewed while the sync runs: a slow
 * sync keeps its mailbox (no other node reads it meanwhile), and the claim ends with the
 * sync, so a node that dies holds the mailbox one lease at most.
 */
@IntegrationTest
class InboundLeaseTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Domains domains;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	InboundStore store;

	@Autowired
	MailboxSync mailboxSync;

	@Autowired
	InboundProperties properties;

	@Autowired
	Clock clock;

	@Test
	void aSlowSyncKeepsItsClaimPastTheLeaseAndFreesItWhenItEnds() throws Exception {
		// An IMAP server that accepts and then says nothing for 5 s: a sync that outlasts
		// the 2-second lease below.
		try (ServerSocket stalling = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
			CompletableFuture.runAsync(() -> {
				try (Socket client = stalling.accept()) {
					Thread.sleep(5_000);
				}
				catch (Exception ex) {
					// the test is over
				}
			});
			Fixtures.Account account = fixtures.verifiedAccount("inbound-lease");
			String domain = "lease-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
			domains.add(account.owner(), new NewDomain(domain, false, "", ""));
			String email = "sam@" + domain;
			Mailbox mailbox = mailboxes.add(account.owner(),
					new NewMailbox(email, "Sam", "generic",
							new ServerSettings("127.0.0.1", 25, Security.NONE, email, "secret"),
							new ServerSettings("127.0.0.1", stalling.getLocalPort(), Security.NONE, email, "secret"),
							"", "", 30, 0, 0));
			Duration lease = Duration.ofSeconds(2);
			InboundSync sync = new InboundSync(mailboxes, store, mailboxSync, withLease(lease), clock);
			// Claimed as tick claims it: due now, leased for 2 s.
			fixtures.jdbc()
				.sql("""
						INSERT INTO inbound_mailboxes (mailbox_id, workspace_id, next_sync_at, lease_until)
						VALUES (?, ?, now(), now() + interval '2 seconds')
						ON CONFLICT (mailbox_id) DO UPDATE SET lease_until = EXCLUDED.lease_until""")
				.params(mailbox.id(), account.workspaceId())
				.update();
			try {
				CompletableFuture<InboundSync.Result> running = CompletableFuture
					.supplyAsync(() -> sync.syncClaimed(account.workspaceId(), mailbox.id()));
				Thread.sleep(3_500);

				// Past the first lease, the sync still runs and still holds the mailbox.
				assertThat(running).isNotDone();
				assertThat(held(mailbox)).isTrue();

				InboundSync.Result result = running.get();
				assertThat(result.error()).isNotNull();
				assertThat(fixtures.jdbc()
					.sql("SELECT lease_until IS NULL FROM inbound_mailboxes WHERE mailbox_id = ?")
					.param(mailbox.id())
					.query(Boolean.class)
					.single()).as("the claim ends with the sync").isTrue();
			}
			finally {
				sync.stop();
			}
		}
	}

	private boolean held(Mailbox mailbox) {
		return fixtures.jdbc()
			.sql("SELECT lease_until > now() FROM inbound_mailboxes WHERE mailbox_id = ?")
			.param(mailbox.id())
			.query(Boolean.class)
			.single();
	}

	private InboundProperties withLease(Duration lease) {
		InboundProperties p = properties;
		return new InboundProperties(p.syncEnabled(), p.interval(), p.maxMessageBytes(), p.batchSize(), p.idle(),
				p.idleConnections(), p.complaintWindow(), p.complaintAlertRate(), p.complaintPauseRate(),
				p.complaintMinSent(), p.softBouncesToSuppress(), p.blocksToPause(), lease);
	}

}
