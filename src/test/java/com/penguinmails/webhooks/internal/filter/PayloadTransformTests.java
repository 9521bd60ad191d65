package com.penguinmails.webhooks.internal.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSLT transformations of a Standard Webhooks payload. */
class PayloadTransformTests {

	private final PayloadTransform transform = new PayloadTransform();

	private final ObjectMapper json = new ObjectMapper();

	private JsonNode bounced() throws Exception {
		return json.readTree("""
				{"type": "message.bounced", "timestamp": "2026-12-01T09:30:00Z",
				 "data": {"contact": {"email": "ann@example.org"}, "bounce": {"reason": "mailbox_full"}}}
				""");
	}

	@Test
	void reshapesThePayload() throws Exception {
		JsonNode body = transform.apply("{\"text\": \"Bounce of \" + .data.contact.email, \"kind\": .type}", bounced());
		assertThat(body.path("text").asText()).isEqualTo("Bounce of ann@example.org");
		assertThat(body.path("kind").asText()).isEqualTo("message.bounced");
		assertThat(transform.apply("[.data.bounce.reason]", bounced()).get(0).asText()).isEqualTo("mailbox_full");
	}

	@Test
	void aBlankTransformationSendsThePayloadAsIs() throws Exception {
		JsonNode payload = bounced();
		assertThat(transform.apply(" ", payload)).isSameAs(payload);
		transform.check("");
	}

	@Test
	void checkSaysWhatIsWrongAndWhere() {
		assertThatThrownBy(() -> transform.check("{\"a\": .data.}")).isInstanceOf(ExpressionException.class)
			.hasMessageContaining("not valid JSLT")
			.hasMessageContaining("line 1");
	}

	@Test
	void theResultMustBeAnObjectOrArray() throws Exception {
		assertThatThrownBy(() -> transform.apply(".type", bounced())).isInstanceOf(ExpressionException.class)
			.hasMessageContaining("object or array")
			.hasMessageContaining("string");
		assertThatThrownBy(() -> transform.apply(".nothing", bounced())).isInstanceOf(ExpressionException.class)
			.hasMessageContaining("null");
	}

	@Test
	void abuseIsRefused() throws Exception {
		assertThatThrownBy(() -> transform.check("import \"application.yml\" as x {}"))
			.isInstanceOf(ExpressionException.class)
			.hasMessageContaining("import");
		assertThatThrownBy(() -> transform.check("{\"a\": \"" + "x".repeat(5000) + "\"}"))
			.isInstanceOf(ExpressionException.class)
			.hasMessageContaining("at most 4096");
		assertThatThrownBy(() -> transform.apply("def f(x) f($x) {\"a\": f(1)}", bounced()))
			.isInstanceOf(ExpressionException.class)
			.hasMessageContaining("failed on this event");
		assertThatThrownBy(() -> transform.apply("{\"a\": error(\"stop\")}", bounced()))
			.isInstanceOf(ExpressionException.class)
			.hasMessageContaining("stop");
	}

}
