package com.penguinmails.analytics.internal.reports;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.penguinmails.analytics.AnalyticsFilter;
import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.shared.InvalidInputProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The analytics filter from request parameters: defaults, every filter, and refusals. */
class FilterParamsTests {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

	@Test
	void noParametersAreTheLast30DaysUnfiltered() {
		AnalyticsFilter filter = params(null, null, null, null, null, null, null, null).filter(PARIS, TODAY);
		assertThat(filter.from()).isEqualTo(LocalDate.of(2026, 11, 2));
		assertThat(filter.to()).isEqualTo(TODAY);
		assertThat(filter.zone()).isEqualTo(PARIS);
		assertThat(filter.filtered()).isFalse();
	}

	@Test
	void everyFilterIsRead() {
		UUID a = UUID.randomUUID();
		UUID b = UUID.randomUUID();
		UUID list = UUID.randomUUID();
		AnalyticsFilter filter = new FilterParams("2026-11-01", "2026-11-30", a + ", " + b, "", " Acme.TEST ", "2", "b",
				"Microsoft", list.toString(), "vip")
			.filter(PARIS, TODAY);
		assertThat(filter.from()).isEqualTo(LocalDate.of(2026, 11, 1));
		assertThat(filter.campaignIds()).containsExactlyInAnyOrder(a, b);
		assertThat(filter.mailboxIds()).isEmpty();
		assertThat(filter.domain()).isEqualTo("acme.test");
		assertThat(filter.step()).isEqualTo(2);
		assertThat(filter.variant()).isEqualTo(1);
		assertThat(filter.provider()).isEqualTo(RecipientProvider.MICROSOFT);
		assertThat(filter.listId()).isEqualTo(list);
		assertThat(filter.tag()).isEqualTo("vip");
	}

	@Test
	void aValueThatDoesNotParseIsAProblemNamingItsParameter() {
		assertProblem(params("1/11/2026", null, null, null, null, null, null, null), "invalid-from");
		assertProblem(params(null, null, "x", null, null, null, null, null), "invalid-campaign");
		assertProblem(params(null, null, null, "0", null, null, null, null), "invalid-step");
		assertProblem(params(null, null, null, null, "AB", null, null, null), "invalid-variant");
		assertProblem(params(null, null, null, null, null, "hotmail", null, null), "invalid-provider");
		assertProblem(params("2026-12-02", null, null, null, null, null, null, null), "invalid-period");
		assertProblem(params("2024-01-01", null, null, null, null, null, null, null), "invalid-period");
	}

	private static FilterParams params(String from, String to, String campaign, String step, String variant,
			String provider, String list, String tag) {
		return new FilterParams(from, to, campaign, null, null, step, variant, provider, list, tag);
	}

	private static void assertProblem(FilterParams params, String type) {
		assertThatThrownBy(() -> params.filter(PARIS, TODAY)).isInstanceOfSatisfying(InvalidInputProblem.class,
				problem -> assertThat(problem.type()).isEqualTo(type));
	}

}
