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
	void valuesAreParametersAndFieldsAreWhitelisted() {
		assertThat(count("all", new Condition("company", "equals", "x' OR '1'='1"))).isZero();
		assertThat(count("all", new Condition("custom.plan'); DROP TABLE contacts; --", "equals", "pro"))).isZero();
		assertThatThrownBy(() -> count("all", new Condition("password_hash", "equals", "x")))
			.isInstanceOf(InvalidInputProblem.class)
			.hasMessageContaining("unknown field");
		assertThatThrownBy(() -> count("all", new Condition("company", "regex", "x")))
			.hasMessageContaining("unknown operator");
		assertThatThrownBy(() -> count("all", new Condition("custom.seats", "greater_than", "many")))
			.hasMessageContaining("need a number");
		Account stranger = fixtures.verifiedAccount("segments-stranger");
		assertThatThrownBy(() -> segments.addToList(stranger.owner(), vipList, List.of()))
			.isInstanceOf(NotFoundProblem.class);
	}

}
