package com.penguinmails.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.shared.AccessDeniedProblem;
import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.webhooks.internal.endpoints.EndpointRepository;
import com.penguinmails.webhooks.internal.endpoints.EndpointRules;
import com.penguinmails.webhooks.internal.endpoints.EndpointSettings;
import com.penguinmails.webhooks.internal.endpoints.SecretKind;
import com.penguinmails.webhooks.internal.filter.EventFilter;
import com.penguinmails.webhooks.internal.filter.PayloadTransform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The endpoints API: secrets once, rotation with two live secrets, the URL rules, CEL and
 * JSLT checked on save, workspaces and roles enforced.
 */
@IntegrationTest
class EndpointsApiTests {

	static final String BASE = "/api/v1/webhooks/endpoints";

	static final String BODY = """
			{"url": "https://hooks.example.org/penguin", "description": "CRM", "eventTypes": ["message.bounced",
			 "message.replied"], "filter": "event.bounce.reason == \\"mailbox_full\\"",
			 "transform": "{\\"who\\": .data.contact.email}"}""";

	@Autowired
	Fixtures fixtures;

	@Autowired
	EndpointRepository repository;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	NetworkPolicy network;

	@Autowired
	EventFilter filter;

	@Autowired
	PayloadTransform transform;

	@Test
	void createShowsTheSecretOnceAndNeverAgain() throws Exception {
		Account account = fixtures.verifiedAccount("wh-create");
		Api api = fixtures.api(account, "webhooks:read", "webhooks:write");
		Api.Response created = api.post(BASE, BODY);
		assertThat(created.status()).isEqualTo(201);
		String secret = created.body().path("secret").asText();
		assertThat(secret).startsWith("whsec_");
		assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);
		JsonNode endpoint = created.body().path("endpoint");
		String id = endpoint.path("id").asText();
		assertThat(created.header("Location")).endsWith(BASE + "/" + id);
		assertThat(endpoint.path("kind").asText()).isEqualTo("endpoint");
		assertThat(endpoint.path("eventTypes")).extracting(JsonNode::asText)
			.containsExactly("message.bounced", "message.replied");
		assertThat(endpoint.path("secretHint").asText()).isEqualTo("whsec_…" + secret.substring(secret.length() - 4));
		assertThat(endpoint.path("enabled").asBoolean()).isTrue();

		String listed = api.get(BASE).raw().getContentAsString();
		String one = api.get(BASE + "/" + id).raw().getContentAsString();
		assertThat(listed).contains(id).doesNotContain(secret.substring(6));
		assertThat(one).contains("hooks.example.org").doesNotContain(secret.substring(6));
		assertThat(repository.liveSecrets(account.workspaceId(), UUID.fromString(id), Instant.now()))
			.extracting(EndpointRepository.LiveSecret::secret)
			.containsExactly(secret);
	}

	@Test
	void updateChangesOnlyTheFieldsGivenAndEd25519ShowsItsPublicKey() throws Exception {
		Account account = fixtures.verifiedAccount("wh-update");
		Api api = fixtures.api(account, "webhooks:read", "webhooks:write");
		String id = api.post(BASE, BODY).body().path("endpoint").path("id").asText();
		Api.Response updated = api.patch(BASE + "/" + id,
				"{\"description\": \"Slack\", \"eventTypes\": [\"*\", \"message.sent\"], \"signEd25519\": true}");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.body().path("description").asText()).isEqualTo("Slack");
		assertThat(updated.body().path("url").asText()).isEqualTo("https://hooks.example.org/penguin");
		assertThat(updated.body().path("eventTypes")).extracting(JsonNode::asText).containsExactly("*");
		assertThat(updated.body().path("filter").asText()).contains("mailbox_full");
		String publicKey = updated.body().path("publicKey").asText();
		assertThat(publicKey).startsWith("whpk_");
		assertThat(java.util.Base64.getDecoder().decode(publicKey.substring(5))).hasSize(32);
		assertThat(updated.body().path("signEd25519").asBoolean()).isTrue();

		Api.Response off = api.patch(BASE + "/" + id, "{\"signEd25519\": false}");
		assertThat(off.body().has("publicKey")).isFalse();
		assertThat(repository.liveSecrets(account.workspaceId(), UUID.fromString(id), Instant.now().plusSeconds(1)))
			.extracting(EndpointRepository.LiveSecret::kind)
			.containsExactly(SecretKind.HMAC);
	}

	@Test
	void rotationKeepsTheOldSecretSigningUntilItExpires() throws Exception {
		Account account = fixtures.verifiedAccount("wh-rotate");
		Api api = fixtures.api(account, "webhooks:read", "webhooks:write");
		Api.Response created = api.post(BASE, BODY);
		String first = created.body().path("secret").asText();
		UUID id = UUID.fromString(created.body().path("endpoint").path("id").asText());

		Api.Response rotated = api.post(BASE + "/" + id + "/rotate-secret", "{\"keepHours\": 24}");
		assertThat(rotated.status()).isEqualTo(200);
		String second = rotated.body().path("secret").asText();
		assertThat(second).startsWith("whsec_").isNotEqualTo(first);
		Instant expires = Instant.parse(rotated.body().path("previousExpiresAt").asText());
		assertThat(expires).isBetween(Instant.now().plusSeconds(23 * 3600), Instant.now().plusSeconds(25 * 3600));
		assertThat(repository.liveSecrets(account.workspaceId(), id, Instant.now()))
			.extracting(EndpointRepository.LiveSecret::secret)
			.containsExactly(second, first);
		assertThat(repository.liveSecrets(account.workspaceId(), id, expires.plusSeconds(1)))
			.extracting(EndpointRepository.LiveSecret::secret)
			.containsExactly(second);
		assertThat(api.get(BASE + "/" + id).raw().getContentAsString()).doesNotContain(second.substring(6));
		assertThat(Instant.parse(api.get(BASE + "/" + id).body().path("previousSecretExpiresAt").asText()))
			.as("the overlap, readable after the rotation")
			.isCloseTo(expires, org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.SECONDS));

		String third = api.post(BASE + "/" + id + "/rotate-secret", "{\"keepHours\": 0}")
			.body()
			.path("secret")
			.asText();
		assertThat(repository.liveSecrets(account.workspaceId(), id, Instant.now().plusMillis(5)))
			.extracting(EndpointRepository.LiveSecret::secret)
			.containsExactly(third);
		assertProblem(api.post(BASE + "/" + id + "/rotate-secret", "{\"keepHours\": 1000}"), 400, "invalid-keep-hours");
	}

	@Test
	void disableThenEnableClearsTheReasonAndDeleteRemovesIt() throws Exception {
		Account account = fixtures.verifiedAccount("wh-enable");
		Api api = fixtures.api(account, "webhooks:read", "webhooks:write");
		String id = api.post(BASE, BODY).body().path("endpoint").path("id").asText();
		fixtures.jdbc()
			.sql("UPDATE webhook_endpoints SET failing_since = now() WHERE id = ?")
			.param(UUID.fromString(id))
			.update();
		Api.Response disabled = api.post(BASE + "/" + id + "/disable", "");
		assertThat(disabled.body().path("enabled").asBoolean()).isFalse();
		assertThat(disabled.body().path("disabledReason").asText()).isNotBlank();
		assertThat(disabled.body().path("disabledAt").asText()).isNotBlank();
		Api.Response enabled = api.post(BASE + "/" + id + "/enable", "");
		assertThat(enabled.body().path("enabled").asBoolean()).isTrue();
		assertThat(enabled.body().has("disabledReason")).isFalse();
		assertThat(enabled.body().has("failingSince")).isFalse();

		assertThat(api.delete(BASE + "/" + id).status()).isEqualTo(204);
		assertThat(api.get(BASE + "/" + id).status()).isEqualTo(404);
		assertThat(api.delete(BASE + "/" + id).status()).isEqualTo(404);
	}

	@Test
	void badInputIsAProblemWithTheMessageAndStoresNothing() throws Exception {
		Account account = fixtures.verifiedAccount("wh-bad");
		Api api = fixtures.api(account, "webhooks:read", "webhooks:write");
		// The test configuration allows http (its receivers are plain http on loopback):
		// the
		// default, https only, is checked with rules of its own.
		WebhookEndpoints httpsOnly = new WebhookEndpoints(repository,
				new EndpointRules(network, new EndpointSettings(false, 50), filter, transform), Clock.systemUTC());
		assertThatThrownBy(() -> httpsOnly.create(account.owner(),
				new EndpointRequest("http://hooks.example.org/", null, List.of("*"), null, null, null)))
			.hasMessageContaining("https://");
		assertProblem(api.post(BASE, "{\"url\": \"https://10.1.2.3/hook\", \"eventTypes\": [\"*\"]}"), 400,
				"address-not-allowed");
		assertProblem(api.post(BASE, "{\"url\": \"https://192.168.0.10:8443/\", \"eventTypes\": [\"*\"]}"), 400,
				"address-not-allowed");
		assertProblem(api.post(BASE, "{\"url\": \"https://u:p@hooks.example.org/\", \"eventTypes\": [\"*\"]}"), 400,
				"invalid-url");
		assertProblem(api.post(BASE, "{\"url\": \"https://hooks.example.org/\", \"eventTypes\": [\"mail.sent\"]}"), 400,
				"invalid-event-types");
		assertProblem(api.post(BASE, "{\"url\": \"https://hooks.example.org/\", \"eventTypes\": []}"), 400,
				"invalid-event-types");
		Api.Response cel = api.post(BASE,
				"{\"url\": \"https://hooks.example.org/\", \"eventTypes\": [\"*\"], \"filter\": \"event.type ==\"}");
		assertProblem(cel, 400, "invalid-filter");
		assertThat(cel.body().path("detail").asText()).contains("not valid CEL").contains("1:");
		Api.Response jslt = api.post(BASE,
				"{\"url\": \"https://hooks.example.org/\", \"eventTypes\": [\"*\"], \"transform\": \"{\\\"a\\\": }\"}");
		assertProblem(jslt, 400, "invalid-transform");
		assertThat(jslt.body().path("detail").asText()).contains("not valid JSLT").contains("line 1");
		assertThat(api.post(BASE, "not json").status()).isEqualTo(400);
		Api.Response single = api.post(BASE, "{\"url\": \"https://hooks.example.org/\", \"eventTypes\": \"*\"}");
		assertThat(single.status()).isEqualTo(400);
		assertThat(single.body().path("detail").asText()).contains("eventTypes must be a JSON array")
			.doesNotContain("ArrayList");
		assertThat(api.get(BASE + "/not-a-uuid").status()).isEqualTo(400);
		assertThat(api.get(BASE).body().path("data")).isEmpty();
	}

	@Test
	void allowListedPrivateAddressesAndHttpWhenTheAdministratorAllowsIt() throws Exception {
		Account account = fixtures.verifiedAccount("wh-allow");
		Api api = fixtures.api(account, "webhooks:read", "webhooks:write");
		// The test configuration allow-lists loopback (penguinmails.network.allow).
		assertThat(api.post(BASE, "{\"url\": \"https://127.0.0.1:9443/hook\", \"eventTypes\": [\"*\"]}").status())
			.isEqualTo(201);
		EndpointRules allowHttp = new EndpointRules(network, new EndpointSettings(true, 50), filter, transform);
		WebhookEndpoints lenient = new WebhookEndpoints(repository, allowHttp, Clock.systemUTC());
		WebhookEndpoints.Created created = lenient.create(account.owner(),
				new EndpointRequest("http://hooks.example.org/plain", null, List.of("message.sent"), null, null, null));
		assertThat(created.endpoint().url()).isEqualTo("http://hooks.example.org/plain");
		assertThatThrownBy(() -> lenient.create(account.owner(),
				new EndpointRequest("ftp://hooks.example.org/", null, List.of("*"), null, null, null)))
			.hasMessageContaining("https://");
	}

	@Test
	void theWorkspaceLimitIsAClearProblem() throws Exception {
		Account account = fixtures.verifiedAccount("wh-limit");
		EndpointRules two = new EndpointRules(network, new EndpointSettings(false, 2), filter, transform);
		WebhookEndpoints limited = new WebhookEndpoints(repository, two, Clock.systemUTC());
		EndpointRequest request = new EndpointRequest("https://hooks.example.org/", null, List.of("*"), null, null,
				null);
		limited.create(account.owner(), request);
		limited.create(account.owner(), request);
		assertThatThrownBy(() -> limited.create(account.owner(), request)).hasMessageContaining("at most 2");
	}

	@Test
	void otherWorkspacesSeeNothingAndReadersCannotWrite() throws Exception {
		Account owner = fixtures.verifiedAccount("wh-owner");
		Account stranger = fixtures.verifiedAccount("wh-stranger");
		Account viewer = fixtures.verifiedAccount("wh-viewer");
		String id = fixtures.api(owner, "webhooks:write").post(BASE, BODY).body().path("endpoint").path("id").asText();
		Api strangers = fixtures.api(stranger, "webhooks:read", "webhooks:write");
		assertThat(strangers.get(BASE + "/" + id).status()).isEqualTo(404);
		assertThat(strangers.patch(BASE + "/" + id, "{\"description\": \"x\"}").status()).isEqualTo(404);
		assertThat(strangers.post(BASE + "/" + id + "/rotate-secret", "{}").status()).isEqualTo(404);
		assertThat(strangers.post(BASE + "/" + id + "/disable", "").status()).isEqualTo(404);
		assertThat(strangers.delete(BASE + "/" + id).status()).isEqualTo(404);
		assertThat(strangers.get(BASE).body().path("data")).isEmpty();

		Api reader = fixtures.api(owner, "webhooks:read");
		assertThat(reader.get(BASE).body().path("data")).hasSize(1);
		assertThat(reader.post(BASE, BODY).status()).isEqualTo(403);
		assertThat(reader.delete(BASE + "/" + id).status()).isEqualTo(403);
		assertThat(fixtures.api(owner, "contacts:read").get(BASE).status()).isEqualTo(403);

		fixtures.join(owner, viewer, WorkspaceRole.VIEWER);
		Tenant asViewer = new Tenant(owner.workspaceId(), viewer.userId(), WorkspaceRole.VIEWER, Set.of(), null);
		assertThat(endpoints.list(asViewer)).hasSize(1);
		assertThatThrownBy(() -> endpoints.rotate(asViewer, UUID.fromString(id), 0))
			.isInstanceOf(AccessDeniedProblem.class);
	}

	@Test
	void theFilterTestSaysWhetherASampleMatchesAndWhatWouldBeSent() throws Exception {
		Account account = fixtures.verifiedAccount("wh-try");
		Api api = fixtures.api(account, "webhooks:read");
		Api.Response matched = api.post("/api/v1/webhooks/filters/test", """
				{"filter": "event.type == \\"message.bounced\\"", "transform": "{\\"kind\\": .type}",
				 "type": "message.bounced"}""");
		assertThat(matched.status()).isEqualTo(200);
		assertThat(matched.body().path("matched").asBoolean()).isTrue();
		assertThat(matched.body().path("body").path("kind").asText()).isEqualTo("message.bounced");
		assertThat(matched.body().path("event").path("type").asText()).isEqualTo("message.bounced");

		Api.Response pasted = api.post("/api/v1/webhooks/filters/test", """
				{"filter": "event.bounce.reason == \\"mailbox_full\\"", "event": {"type": "message.sent",
				 "timestamp": "2026-12-01T09:30:00Z", "data": {}}}""");
		assertThat(pasted.body().path("matched").asBoolean()).isFalse();
		assertThat(pasted.body().has("body")).isFalse();

		Api.Response broken = api.post("/api/v1/webhooks/filters/test",
				"{\"filter\": \"event.type ==\", \"type\": \"message.sent\"}");
		assertThat(broken.status()).isEqualTo(200);
		assertThat(broken.body().path("error").asText()).contains("not valid CEL");

		assertProblem(api.post("/api/v1/webhooks/filters/test", "{\"type\": \"nope\"}"), 400, "invalid-event-type");
		assertProblem(api.post("/api/v1/webhooks/filters/test", "{\"event\": [1]}"), 400, "invalid-event");
	}

	static void assertProblem(Api.Response response, int status, String type) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.body().path("type").asText()).endsWith("/" + type);
		assertThat(response.body().path("detail").asText()).isNotBlank();
	}

}
