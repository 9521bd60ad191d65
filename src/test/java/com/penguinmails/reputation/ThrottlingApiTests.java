package com.penguinmails.reputation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Overrides of throttled paths by API and on the page: resume, keep suspended, custom
 * rate; bad input is a 4xx problem (or a message on the page), scopes and workspaces are
 * enforced.
 */
@IntegrationTest
class ThrottlingApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Test
	void overridesKeepSuspendedSetARateAndResumeWithTheirDecisions() throws Exception {
		Account account = fixtures.verifiedAccount("thr-api");
		Mailbox mailbox = mailbox(account);
		Api api = fixtures.api(account, "reputation:read", "reputation:write");
		String until = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
		String base = "/api/v1/reputation/throttling/paths/" + mailbox.id();

		Api.Response kept = api.post(base + "/google/override",
				"{\"action\":\"keep_suspended\",\"until\":\"" + until + "\"}");
		assertThat(kept.status()).isEqualTo(200);
		assertThat(kept.body().path("action").asText()).isEqualTo("keep_suspended");
		assertThat(kept.body().path("state").asText()).isEqualTo("suspended");
		assertThat(kept.body().path("suspendedUntil").asText()).isEqualTo(until);
		JsonNode listed = api.get("/api/v1/reputation/throttling/paths").body();
		assertThat(listed).singleElement().satisfies(p -> {
			assertThat(p.path("provider").asText()).isEqualTo("google");
			assertThat(p.path("manual").asBoolean()).isTrue();
			assertThat(p.path("email").asText()).isEqualTo(mailbox.email());
		});

		Api.Response rate = api.post(base + "/mx.example.org/override",
				"{\"action\":\"custom_rate\",\"perHour\":12,\"minGapSeconds\":300}");
		assertThat(rate.status()).isEqualTo(200);
		assertThat(rate.body().path("provider").asText()).isEqualTo("other");
		assertThat(rate.body().path("perHour").asInt()).isEqualTo(12);

		Api.Response resumed = api.post(base + "/google/override", "{\"action\":\"resume\"}");
		assertThat(resumed.body().path("state").asText()).isEqualTo("normal");
		assertThat(api.get("/api/v1/reputation/throttling/decisions").body()).extracting(d -> d.path("action").asText())
			.containsExactly("resume", "custom_rate", "keep_suspended");
	}

	@Test
	void badOverridesAreProblemsAndChangeNothing() throws Exception {
		Account account = fixtures.verifiedAccount("thr-bad");
		Mailbox mailbox = mailbox(account);
		Api api = fixtures.api(account, "reputation:read", "reputation:write");
		String base = "/api/v1/reputation/throttling/paths/" + mailbox.id();
		assertProblem(api.post(base + "/google/override", "{\"action\":\"nap\"}"), 400, "invalid-action");
		assertProblem(api.post(base + "/google/override", "{\"action\":\"keep_suspended\"}"), 400, "invalid-until");
		assertProblem(
				api.post(base + "/google/override",
						"{\"action\":\"keep_suspended\",\"until\":\"" + Instant.now().minusSeconds(60) + "\"}"),
				400, "invalid-until");
		assertProblem(api.post(base + "/google/override", "{\"action\":\"custom_rate\",\"perHour\":0}"), 400,
				"invalid-rate");
		assertProblem(api.post(base + "/a_b/override", "{\"action\":\"resume\"}"), 400, "invalid-path");
		assertThat(api.post("/api/v1/reputation/throttling/paths/not-a-uuid/google/override", "{\"action\":\"resume\"}")
			.status()).isEqualTo(400);
		assertThat(api.post(base + "/google/override", "not json").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/reputation/throttling/decisions", "limit", "0").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/reputation/throttling/decisions", "limit", "many").status()).isEqualTo(400);
		assertThat(api
			.post("/api/v1/reputation/throttling/paths/" + UUID.randomUUID() + "/google/override",
					"{\"action\":\"resume\"}")
			.status()).isEqualTo(404);
		assertThat(api.get("/api/v1/reputation/throttling/decisions").body()).isEmpty();
	}

	@Test
	void readersCannotOverrideAndOtherWorkspacesSeeNothing() throws Exception {
		Account owner = fixtures.verifiedAccount("thr-owner");
		Account stranger = fixtures.verifiedAccount("thr-stranger");
		Mailbox mailbox = mailbox(owner);
		String path = "/api/v1/reputation/throttling/paths/" + mailbox.id() + "/yahoo/override";
		assertThat(fixtures.api(owner, "reputation:read").post(path, "{\"action\":\"resume\"}").status())
			.isEqualTo(403);
		assertThat(fixtures.api(owner, "mailboxes:read").get("/api/v1/reputation/throttling/paths").status())
			.isEqualTo(403);
		assertThat(fixtures.api(stranger, "reputation:write").post(path, "{\"action\":\"resume\"}").status())
			.isEqualTo(404);
		fixtures.api(owner, "reputation:write").post(path, "{\"action\":\"custom_rate\",\"perHour\":5}");
		assertThat(fixtures.api(stranger, "reputation:read").get("/api/v1/reputation/throttling/paths").body())
			.isEmpty();
	}

	@Test
	void thePageSaysWhatToDoWhenEmptyThenListsPathsAndOverridesThem() throws Exception {
		Account account = fixtures.verifiedAccount("thr-page");
		Mailbox mailbox = mailbox(account);
		WebSession session = fixtures.signedIn(account);
		assertThat(session.get("/reputation/throttling").getResponse().getContentAsString())
			.contains("Nothing throttled");

		session.post("/reputation/throttling/override", "mailboxId", mailbox.id().toString(), "path", "microsoft",
				"action", "custom_rate", "perHour", "7", "minGapSeconds", "60");
		String page = session.get("/reputation/throttling").getResponse().getContentAsString();
		assertThat(page).contains("Custom rate set by hand: sending to Microsoft")
			.contains(mailbox.email())
			.contains("7 an hour, 60 s apart")
			.doesNotContain("custom_rate</span>");

		session.post("/reputation/throttling/override", "mailboxId", mailbox.id().toString(), "path", "microsoft",
				"action", "keep_suspended", "until", "yesterday");
		assertThat(session.get("/reputation/throttling").getResponse().getContentAsString())
			.contains("Give the end of the suspension as a date and time (UTC).");
	}

	private static void assertProblem(Api.Response response, int status, String type) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.body().path("type").asText()).endsWith("/" + type);
		assertThat(response.body().path("detail").asText()).isNotBlank();
	}

	private Mailbox mailbox(Account account) {
		return mailboxes.add(account.owner(),
				new NewMailbox("jo@" + "thr-" + UUID.randomUUID().toString().substring(0, 8) + ".test", "Jo", "generic",
						new ServerSettings("127.0.0.1", 2525, Security.NONE, "sender", "s3cret"),
						new ServerSettings("127.0.0.1", 1143, Security.NONE, "sender", null), "", "", 1000, 0, 0));
	}

}
