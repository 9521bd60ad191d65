package com.penguinmails.contacts;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.contacts.Contacts.NewContact;
import com.penguinmails.contacts.SegmentDefinition.Condition;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class SegmentTests {

	@Autowired
	Contacts contacts;

	@Autowired
	Segments segments;

	@Autowired
	CustomFields fields;

	@Autowired
	Fixtures fixtures;

	Account account;

	UUID vipList;

	@BeforeEach
	void someContacts() {
		account = fixtures.verifiedAccount("segments");
		Contact ada = add("ada@analytical.test", "Ada", "Analytical 100% Engines", "UK",
				Map.of("plan", "pro", "seats", "12"), List.of("vip", "uk"));
		add("bob@builder.test", "Bob", "Builder_Co", "US", Map.of("plan", "free", "seats", "three"), List.of("us"));
		Contact cat = add("cat@catalyst.test", "", "Catalyst", "UK", Map.of("seats", "250"), List.of());
		vipList = segments.createList(account.owner(), "VIPs").id();
		segments.addToList(account.owner(), vipList, List.of(ada.id(), cat.id()));
		// Another workspace's look-alike must never count.
		Account other = fixtures.verifiedAccount("segments-other");
		contacts.create(other.owner(), new NewContact("ada@analytical.test", "Ada", "", "Analytical 100% Engines", "",
				"", "", "", "", "UK", Map.of("plan", "pro"), List.of("vip")));
	}

	private Contact add(String email, String first, String company, String country, Map<String, Object> custom,
			List<String> tags) {
		return contacts.create(account.owner(),
				new NewContact(email, first, "", company, "", "", "", "", "", country, custom, tags));
	}

	private long count(String match, Condition... conditions) {
		return segments.count(account.owner(), new SegmentDefinition(match, List.of(conditions)));
	}

	@Test
	void everyFieldKindAndOperator() {
		assertThat(count("all", new Condition("country", "equals", "uk"))).isEqualTo(2);
		assertThat(count("all", new Condition("company", "contains", "100%"))).isEqualTo(1);
		// "_" is a literal, not LIKE's any-character: "d_r" would otherwise match
		// "Builder".
		assertThat(count("all", new Condition("company", "contains", "d_r"))).isZero();
		assertThat(count("all", new Condition("company", "contains", "er_co"))).isEqualTo(1);
		assertThat(count("all", new Condition("email", "ends_with", "@catalyst.test"))).isEqualTo(1);
		assertThat(count("all", new Condition("first_name", "is_empty", null))).isEqualTo(1);
		assertThat(count("all", new Condition("custom.plan", "equals", "PRO"))).isEqualTo(1);
		assertThat(count("all", new Condition("custom.plan", "is_empty", null))).isEqualTo(1);
		assertThat(count("all", new Condition("custom.seats", "greater_than", "10"))).isEqualTo(2);
		assertThat(count("all", new Condition("custom.seats", "less_than", "100"))).isEqualTo(1);
		assertThat(count("all", new Condition("tag", "in", "VIP"))).isEqualTo(1);
		assertThat(count("all", new Condition("tag", "not_in", "vip"))).isEqualTo(2);
		assertThat(count("all", new Condition("list", "in", vipList.toString()))).isEqualTo(2);
		assertThat(count("all", new Condition("list", "not_in", vipList.toString()))).isEqualTo(1);
	}

	@Test
	void allAndAnyCombineConditionsAndSavedSegmentsKeepTheirCount() {
		assertThat(count("all", new Condition("country", "equals", "UK"), new Condition("tag", "in", "vip")))
			.isEqualTo(1);
		assertThat(count("any", new Condition("country", "equals", "US"), new Condition("tag", "in", "vip")))
			.isEqualTo(2);
		Segments.Segment saved = segments.createSegment(account.owner(), "UK list members", new SegmentDefinition("all",
				List.of(new Condition("country", "equals", "UK"), new Condition("list", "in", vipList.toString()))));
		assertThat(saved.contacts()).isEqualTo(2);
		assertThat(segments.segments(account.owner())).extracting(Segments.Segment::contacts).containsExactly(2L);
		assertThat(segments.sample(account.owner(), saved.definition(), 10)).containsExactly("ada@analytical.test",
				"cat@catalyst.test");
	}

	@Test
	void typedCustomFieldsAndTypedStandardFieldsCompareByTheirType() {
		Account typed = fixtures.verifiedAccount("segments-typed");
		fields.define(typed.owner(), "seats", "number");
		fields.define(typed.owner(), "renewal", "date");
		fields.define(typed.owner(), "paying", "boolean");
		Contact ada = contacts.create(typed.owner(), new NewContact("ada@analytical.test", "Ada", "", "", "", "", "",
				"", "", "", Map.of("seats", "12.0", "renewal", "2027-03-01", "paying", "true"), List.of("vip")));
		contacts.create(typed.owner(), new NewContact("info@builder.test", "", "", "", "", "", "", "", "", "",
				Map.of("seats", 9, "renewal", "2026-12-31", "paying", false), List.of()));
		contacts.create(typed.owner(),
				new NewContact("cat@catalyst.test", "", "", "", "", "", "", "", "", "", Map.of(), List.of("vip")));
		UUID list = segments.createList(typed.owner(), "Customers").id();
		segments.addToList(typed.owner(), list, List.of(ada.id()));
		java.util.function.Function<Condition[], Long> typedCount = conditions -> segments.count(typed.owner(),
				new SegmentDefinition("all", List.of(conditions)));

		// Numbers compare as numbers: 12.0 equals 12, and 9 < 10 (as text "9" > "10").
		assertThat(typedCount.apply(new Condition[] { new Condition("custom.seats", "equals", "12") })).isEqualTo(1);
		assertThat(typedCount.apply(new Condition[] { new Condition("custom.seats", "less_than", "10") })).isEqualTo(1);
		assertThat(typedCount.apply(new Condition[] { new Condition("custom.seats", "is_empty", "") })).isEqualTo(1);
		// Dates as dates.
		assertThat(typedCount.apply(new Condition[] { new Condition("custom.renewal", "before", "2027-01-01") }))
			.isEqualTo(1);
		assertThat(typedCount.apply(new Condition[] { new Condition("custom.renewal", "after", "2026-12-30") }))
			.isEqualTo(2);
		assertThat(typedCount.apply(new Condition[] { new Condition("custom.renewal", "equals", "2027-03-01") }))
			.isEqualTo(1);
		assertThatThrownBy(
				() -> typedCount.apply(new Condition[] { new Condition("custom.renewal", "before", "next week") }))
			.hasMessageContaining("needs a date");
		// Booleans.
		assertThat(typedCount.apply(new Condition[] { new Condition("custom.paying", "is_true", "") })).isEqualTo(1);
		assertThat(typedCount.apply(new Condition[] { new Condition("custom.paying", "is_false", "") })).isEqualTo(1);
		// Typed standard fields: flags, the creation date, the score.
		assertThat(typedCount.apply(new Condition[] { new Condition("role_address", "is_true", "") })).isEqualTo(1);
		assertThat(typedCount.apply(new Condition[] { new Condition("created_at", "after", "2000-01-01") }))
			.isEqualTo(3);
		assertThat(typedCount.apply(new Condition[] { new Condition("score", "equals", "0") })).isEqualTo(3);
		assertThat(typedCount.apply(new Condition[] { new Condition("score", "greater_than", "-0.5") })).isEqualTo(3);
		assertThat(typedCount.apply(new Condition[] { new Condition("score", "less_than", "0") })).isZero();
		assertThat(typedCount.apply(new Condition[] { new Condition("created_at", "before", "2000-01-01") })).isZero();
		// Fields, tags and lists together, with all and any.
		assertThat(typedCount.apply(new Condition[] { new Condition("tag", "in", "vip"),
				new Condition("list", "not_in", list.toString()), new Condition("custom.paying", "is_empty", "") }))
			.isEqualTo(1);
		assertThat(segments.count(typed.owner(), new SegmentDefinition("any", List
			.of(new Condition("list", "in", list.toString()), new Condition("custom.seats", "less_than", "10")))))
			.isEqualTo(2);
	}

	@Test
	void valuesAreParametersAndFieldsAreWhitelisted() {
		assertThat(count("all", new Condition("company", "equals", "x' OR '1'='1"))).isZero();
		assertThat(count("all", new Condition("custom.plan'); DROP TABLE contacts; --", "equals", "pro"))).isZero();
		assertThatThrownBy(() -> count("all", new Condition("password_hash", "equals", "x")))
			.isInstanceOf(InvalidInputProblem.class)
			.hasMessageContaining("unknown field");
		assertThatThrownBy(() -> count("all", new Condition("company", "regex", "x")))
			.hasMessageContaining("unknown operator");
		assertThatThrownBy(() -> count("all", new Condition("custom.seats", "greater_than", "many")))
			.hasMessageContaining("needs a number");
		Account stranger = fixtures.verifiedAccount("segments-stranger");
		assertThatThrownBy(() -> segments.addToList(stranger.owner(), vipList, List.of()))
			.isInstanceOf(NotFoundProblem.class);
	}

	@Test
	void anotherWorkspacesContactIdsInListMembershipAreA404NamingThem() throws Exception {
		Account other = fixtures.verifiedAccount("segments-foreign");
		UUID theirs = contacts
			.create(other.owner(),
					new NewContact("their@client.test", "", "", "", "", "", "", "", "", "", Map.of(), List.of()))
			.id();
		UUID mine = add("dan@mine.test", "Dan", "", "", Map.of(), List.of()).id();
		Api api = fixtures.api(account, "contacts:write", "contacts:read");
		Api.Response added = api.post("/api/v1/lists/" + vipList + "/members",
				"{\"contactIds\":[\"" + mine + "\",\"" + theirs + "\"]}");
		assertThat(added.status()).isEqualTo(404);
		assertThat(added.body().get("unknownIds")).hasSize(1);
		assertThat(added.body().get("unknownIds").get(0).asText()).isEqualTo(theirs.toString());
		assertThat(added.body().get("detail").asText()).contains(theirs.toString());
		// Nothing of the request was done: Dan did not join either.
		assertThat(segments.listMemberIds(account.owner(), vipList)).doesNotContain(mine).doesNotContain(theirs);

		Api.Response removed = api.send(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.delete("/api/v1/lists/" + vipList + "/members")
			.contentType("application/json")
			.content("{\"contactIds\":[\"" + theirs + "\"]}"));
		assertThat(removed.status()).isEqualTo(404);
		assertThat(removed.body().get("unknownIds").get(0).asText()).isEqualTo(theirs.toString());
		// Removing from another workspace's list is a 404 too, not "removed": 0.
		List<UUID> before = segments.listMemberIds(account.owner(), vipList);
		assertThatThrownBy(() -> segments.removeFromList(other.owner(), vipList, List.of()))
			.isInstanceOf(NotFoundProblem.class);
		assertThat(segments.listMemberIds(account.owner(), vipList)).isEqualTo(before);

		// A body without contactIds (addresses instead of ids) is a 400 that says what
		// to send, not "added": 0.
		Api.Response byEmail = api.post("/api/v1/lists/" + vipList + "/members", "{\"emails\":[\"dan@mine.test\"]}");
		assertThat(byEmail.status()).isEqualTo(400);
		assertThat(byEmail.body().get("type").asText()).endsWith("missing-contact-ids");
		assertThat(byEmail.body().get("detail").asText()).contains("contactIds");
	}

}
