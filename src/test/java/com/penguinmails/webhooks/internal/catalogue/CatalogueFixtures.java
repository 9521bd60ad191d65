package com.penguinmails.webhooks.internal.catalogue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.OutgoingMessage;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.webhooks.CatalogueSchemas;
import com.penguinmails.webhooks.EventCatalogue;
import com.penguinmails.webhooks.EventType;

/**
 * What the catalogue's listener tests need: a workspace with an endpoint subscribed to
 * every type, a contact, a campaign and one queued message of it; publishing an
 * application event the way features do (inside a transaction, so the module listeners
 * run after its commit); and reading the stored events, each checked against its schema.
 */
@Component
class CatalogueFixtures {

	/** A message of a campaign to a contact, with the workspace's endpoint. */
	record Sent(Account account, UUID workspaceId, UUID campaignId, UUID contactId, String to, UUID enrolmentId,
			UUID outboxId, String messageId, UUID mailboxId) {
	}

	private static final List<String> LISTENERS = List.of("MessageEvents", "InboundEvents", "TrackingEvents",
			"HealthEvents");

	private final Fixtures fixtures;

	private final Contacts contacts;

	private final Campaigns campaigns;

	private final Outbox outbox;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final EventCatalogue catalogue;

	private final ObjectMapper json;

	CatalogueFixtures(Fixtures fixtures, Contacts contacts, Campaigns campaigns, Outbox outbox,
			ApplicationEventPublisher events, TransactionTemplate transactions, EventCatalogue catalogue,
			ObjectMapper json) {
		this.fixtures = fixtures;
		this.contacts = contacts;
		this.campaigns = campaigns;
		this.outbox = outbox;
		this.events = events;
		this.transactions = transactions;
		this.catalogue = catalogue;
		this.json = json;
	}

	/** A new workspace with an endpoint wanting every type, and a queued message. */
	Sent sent(String name) {
		Account account = fixtures.verifiedAccount(name);
		endpoint(account.workspaceId(), "*");
		String to = "jo." + name + "@client.test";
		UUID contact = contacts
			.create(account.owner(), new Contacts.NewContact(to, "Jo", "", "", "", "", "", "", "", "", null, List.of()))
			.id();
		UUID campaign = campaigns.create(account.owner(), new Campaigns.Draft("Launch " + name, null, null, null, null))
			.id();
		UUID enrolment = UUID.randomUUID();
		UUID mailbox = UUID.randomUUID();
		Outbox.Queued queued = outbox
			.enqueue(new OutgoingMessage(account.workspaceId(), campaign, enrolment, 1, 1, mailbox, "sam@sender.test",
					contact, to, "Jo", "Hi", "<p>Hi</p>", "Hi", null, null), Instant.now())
			.orElseThrow();
		return new Sent(account, account.workspaceId(), campaign, contact, to, enrolment, queued.outboxId(),
				queued.messageId(), mailbox);
	}

	/** A new workspace with an endpoint wanting every type. */
	UUID workspace(String name) {
		UUID workspace = fixtures.verifiedAccount(name).workspaceId();
		endpoint(workspace, "*");
		return workspace;
	}

	void endpoint(UUID workspace, String type) {
		Timestamp now = Timestamp.from(Instant.now());
		fixtures.jdbc().sql("""
				INSERT INTO webhook_endpoints (id, workspace_id, url, event_types, enabled, created_at, updated_at)
				VALUES (?, ?, 'https://example.com/hook', ARRAY[?], true, ?, ?)
				""").params(UUID.randomUUID(), workspace, type, now, now).update();
	}

	/**
	 * Publishes each event as its feature does, one after the other: each is handled
	 * before the next goes out (the publication registry tells two equal events in flight
	 * at once apart by neither, and a republished event comes alone, after a restart).
	 */
	void publish(Object... published) {
		for (Object event : published) {
			transactions.executeWithoutResult(status -> events.publishEvent(event));
			handled();
		}
	}

	/** Waits until the catalogue's listeners have handled every event so far. */
	void handled() {
		try {
			LISTENERS.forEach(fixtures::awaitEvents);
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("Still unhandled: " + fixtures.jdbc()
				.sql("SELECT listener_id || ' ' || event_type FROM event_publication WHERE completion_date IS NULL")
				.query(String.class)
				.list(), ex);
		}
	}

	/**
	 * The stored payloads of a type in the workspace, oldest first, each checked: its
	 * type, and its data against the type's schema.
	 */
	List<JsonNode> payloads(UUID workspace, EventType type) {
		List<JsonNode> payloads = fixtures.jdbc()
			.sql("SELECT payload::text FROM webhook_events WHERE workspace_id = ? AND type = ? ORDER BY created_at")
			.params(workspace, type.type())
			.query(String.class)
			.list()
			.stream()
			.map(this::read)
			.toList();
		payloads.forEach(payload -> CatalogueSchemas.assertValid(catalogue, type, payload.get("data")));
		return payloads;
	}

	/** The ordering keys of a type's stored events. */
	List<String> orderingKeys(UUID workspace, EventType type) {
		return fixtures.jdbc()
			.sql("SELECT ordering_key FROM webhook_events WHERE workspace_id = ? AND type = ?")
			.params(workspace, type.type())
			.query(String.class)
			.list();
	}

	JdbcClient jdbc() {
		return fixtures.jdbc();
	}

	private JsonNode read(String text) {
		try {
			return json.readTree(text);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
