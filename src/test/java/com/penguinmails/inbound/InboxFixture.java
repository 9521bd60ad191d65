package com.penguinmails.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.support.Fixtures;

import static com.penguinmails.inbound.InboundFixtures.message;

/**
 * Conversations for the inbox's tests: a workspace whose campaign ("Quick question",
 * tracking off) went to a few people who each answered it, synced into the inbox as one
 * conversation each.
 */
@Component
public class InboxFixture {

	private final InboundFixtures setup;

	private final InboundSync sync;

	private final Fixtures fixtures;

	InboxFixture(InboundFixtures setup, InboundSync sync, Fixtures fixtures) {
		this.setup = setup;
		this.sync = sync;
		this.fixtures = fixtures;
	}

	/**
	 * One person's answer.
	 *
	 * @param address the person's address, {@code <first name>-<6 hex>@client.test}
	 * @param ours the Message-ID of our message it answers
	 * @param threadId the conversation it is in
	 */
	public record Reply(String address, String ours, UUID threadId) {
	}

	/**
	 * What {@link #replied} made.
	 *
	 * @param sender the workspace and its mailbox on GreenMail
	 * @param campaign the campaign that wrote to the people
	 * @param replies one per person, in the order given
	 */
	public record Replied(Sender sender, Campaign campaign, List<Reply> replies) {

		/** The first person's address. */
		public String address() {
			return this.replies.get(0).address();
		}

		/** The Message-ID of our message to the first person. */
		public String ours() {
			return this.replies.get(0).ours();
		}

		/** The first person's conversation. */
		public UUID threadId() {
			return this.replies.get(0).threadId();
		}

	}

	/**
	 * A new workspace named {@code name} whose campaign went to one person per first
	 * name, each of whom answered "Re: Quick question" (RFC 5322 §3.6.4: In-Reply-To and
	 * References name our message), synced.
	 * @param name the workspace's name (also its owner's address's local part)
	 * @param text each answer's text; {@code %s} stands for the person's first name
	 * @param firstNames the people, lower case ("ada")
	 * @return the workspace, the campaign and the answers
	 * @throws Exception when GreenMail refuses a message
	 */
	public Replied replied(String name, String text, String... firstNames) throws Exception {
		Sender sender = this.setup.sender(name);
		String tag = UUID.randomUUID().toString().substring(0, 6);
		List<String> people = List.of(firstNames).stream().map(first -> first + "-" + tag + "@client.test").toList();
		Campaign campaign = this.setup.sendTo(sender, people, Campaign.Tracking.off(), "<p>Hi {{ first_name }}</p>");
		List<String> ours = new ArrayList<>();
		for (int i = 0; i < people.size(); i++) {
			String messageId = this.fixtures.jdbc()
				.sql("SELECT message_id FROM outbox WHERE campaign_id = ? AND step = 0 AND to_address = ?")
				.params(campaign.id(), people.get(i))
				.query(String.class)
				.single();
			ours.add(messageId);
			sender.user()
				.deliver(message(people.get(i), sender.mailbox().email(), "Re: Quick question",
						text.formatted(firstNames[i]), Map.of("In-Reply-To", messageId, "References", messageId)));
		}
		this.sync.sync(sender.account().workspaceId(), sender.mailbox().id());
		List<Reply> replies = new ArrayList<>();
		for (int i = 0; i < people.size(); i++) {
			UUID threadId = this.fixtures.jdbc()
				.sql("SELECT thread_id FROM inbound_messages WHERE workspace_id = ? AND direction = 'in' AND from_address = ?")
				.params(sender.account().workspaceId(), people.get(i))
				.query(UUID.class)
				.single();
			replies.add(new Reply(people.get(i), ours.get(i), threadId));
		}
		return new Replied(sender, campaign, replies);
	}

}
