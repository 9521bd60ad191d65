package com.penguinmails.webhooks.internal.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CEL filters over a Standard Webhooks payload. */
class EventFilterTests {

	private final EventFilter filter = new EventFilter();

	private final ObjectMapper json = new ObjectMapper();

	private JsonNode bounced() throws Exception {
		return json.readTree(
				"""
						{"type": "message.bounced", "timestamp": "2026-12-01T09:30:00Z",
						 "data": {"campaign": {"id": "c-1", "name": "Launch"}, "bounce": {"reason": "mailbox_full", "hard": false},
						          "message": {"step": 2, "to": "ann@example.org"}, "score": 0.5, "tags": ["vip", "eu"]}}
						""");
	}

	@Test
	void matchesOnDataFieldsAndTheAddedTypeAndTimestamp() throws Exception {
		assertThat(filter.matches("event.campaign.id == \"c-1\" && event.bounce.reason == \"mailbox_full\"", bounced()))
			.isTrue();
		assertThat(filter.matches("event.type == \"message.bounced\"", bounced())).isTrue();
		assertThat(filter.matches("event.timestamp.startsWith(\"2026-12\")", bounced())).isTrue();
		assertThat(filter.matches("event.campaign.id == \"c-2\"", bounced())).isFalse();
	}

	@Test
	void integersAreInt64AndOtherNumbersDouble() throws Exception {
		assertThat(filter.matches("event.message.step == 2", bounced())).isTrue();
		assertThat(filter.matches("event.message.step >= 2 && event.score > 0.4", bounced())).isTrue();
		assertThat(filter.matches("\"vip\" in event.tags && !event.bounce.hard", bounced())).isTrue();
	}

	@Test
	void aMissingFieldDoesNotMatchAndHasTestsForIt() throws Exception {
		JsonNode sent = json.readTree("{\"type\": \"message.sent\", \"timestamp\": \"t\", \"data\": {}}");
		assertThat(filter.matches("event.bounce.reason == \"x\"", sent)).isFalse();
		assertThat(filter.matches("has(event.bounce) && event.bounce.reason == \"x\"", sent)).isFalse();
		assertThat(filter.matches("!has(event.bounce)", sent)).isTrue();
		assertThat(filter.matches("event.bounce.reason == \"x\" || event.type == \"message.sent\"", sent)).isTrue();
	}

	@Test
	void aBlankFilterLetsEverythingThrough() throws Exception {
		assertThat(filter.matches("", bounced())).isTrue();
		assertThat(filter.matches(null, bounced())).isTrue();
		filter.check("  ");
	}

	@Test
	void checkSaysWhatIsWrongAndWhere() {
		assertThatThrownBy(() -> filter.check("event.campaign.id == ")).isInstanceOf(ExpressionException.class)
			.hasMessageContaining("not valid CEL")
			.hasMessageContaining("1:");
		assertThatThrownBy(() -> filter.check("undeclared == 1")).isInstanceOf(ExpressionException.class)
			.hasMessageContaining("undeclared");
		assertThat(((ExpressionException) catchThrown(() -> filter.check("1 +"))).type()).isEqualTo("invalid-filter");
	}

	@Test
	void theResultMustBeABoolean() throws Exception {
		assertThatThrownBy(() -> filter.check("\"yes\"")).isInstanceOf(ExpressionException.class)
			.hasMessageContaining("bool");
		assertThatThrownBy(() -> filter.matches("event.campaign.name", bounced()))
			.isInstanceOf(ExpressionException.class)
			.hasMessageContaining("true or false");
	}

	@Test
	void failuresOtherThanAMissingFieldAreExpressionErrors() throws Exception {
		assertThatThrownBy(() -> filter.matches("event.message.step / 0 == 1", bounced()))
			.isInstanceOf(ExpressionException.class)
			.hasMessageContaining("failed on this event");
	}

	@Test
	void longFiltersAndRunawayComprehensionsAreRefused() throws Exception {
		String huge = "true && ".repeat(600) + "true";
		assertThatThrownBy(() -> filter.check(huge)).isInstanceOf(ExpressionException.class)
			.hasMessageContaining("at most 4096");
		assertThatThrownBy(() -> filter
			.matches("[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, "
					+ "[1,2,3,4,5,6,7,8,9,10].all(d, a + b + c + d > 0))))", bounced()))
			.isInstanceOf(ExpressionException.class);
	}

	private static Throwable catchThrown(Runnable runnable) {
		try {
			runnable.run();
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

}
