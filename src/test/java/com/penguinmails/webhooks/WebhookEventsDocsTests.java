package com.penguinmails.webhooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/webhooks-events.md lists every type of the catalogue in its table, with its
 * schema's URL: a type added to {@link EventType} without its line fails here.
 */
class WebhookEventsDocsTests {

	@Test
	void theCatalogueTableHasEveryType() throws IOException {
		String docs = Files.readString(Path.of("docs/webhooks-events.md"));
		for (EventType type : EventType.values()) {
			assertThat(docs).as(type.type())
				.contains("| `" + type.type() + "` |")
				.contains("`/api/v1/webhooks/event-types/" + type.type() + "/schema`");
		}
	}

}
