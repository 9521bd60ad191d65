package com.penguinmails.webhooks.internal.catalogue;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.support.IntegrationTest;
import com.penguinmails.tracking.EngagementsTracked;
import com.penguinmails.tracking.LinkClicked;
import com.penguinmails.tracking.internal.LinkTokens;
import com.penguinmails.webhooks.EventType;
import com.penguinmails.webhooks.internal.catalogue.CatalogueFixtures.Sent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Tracking's events in the catalogue: the open pixel fetched twice is one
 * {@code message.opened}; clicks are one per message and link; the RFC 8058 one-click
 * POST is one {@code message.unsubscribed} of scope all.
 */
@IntegrationTest
class TrackingEventsTests {

	private static final String READER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Mobile/15E148";

	@Autowired
	CatalogueFixtures catalogue;

	@Autowired
	MockMvc mvc;

	@Autowired
	LinkTokens links;

	@Test
	void theOpenPixelFetchedTwiceIsOneOpen() throws Exception {
		Sent sent = catalogue.sent("catalogue-open");
		String pixel = "/o/" + links.open(sent.enrolmentId(), 1);
		for (int i = 0; i < 2; i++) {
			assertThat(mvc.perform(get(pixel).header("User-Agent", READER)).andReturn().getResponse().getStatus())
				.isEqualTo(200);
		}
		catalogue.handled();

		List<JsonNode> opened = catalogue.payloads(sent.workspaceId(), EventType.MESSAGE_OPENED);
		assertThat(opened).hasSize(1);
		JsonNode data = opened.get(0).get("data");
		assertThat(data.at("/message/id").asText()).isEqualTo(sent.outboxId().toString());
		assertThat(data.at("/campaign/name").asText()).isEqualTo("Launch catalogue-open");
		assertThat(data.at("/open/machine").isBoolean()).isTrue();
		assertThat(catalogue.orderingKeys(sent.workspaceId(), EventType.MESSAGE_OPENED))
			.containsExactly(sent.contactId().toString());
	}

	@Test
	void clicksAreOnePerMessageAndLinkAndMachinesAreFlagged() {
		Sent sent = catalogue.sent("catalogue-click");
		Instant at = Instant.parse("2026-12-01T10:00:00Z");
		LinkClicked pricing = click(sent, at, false, "https://acme.test/pricing");
		// The same click twice in one batch, again in a later batch, and a retried batch.
		catalogue.publish(clicks(pricing, pricing),
				clicks(click(sent, at.plusSeconds(60), false, "https://acme.test/pricing")),
				clicks(click(sent, at.plusSeconds(5), false, "https://acme.test/about"),
						click(sent, at.minusSeconds(1), true, "https://acme.test/pricing")),
				clicks(pricing));

		List<JsonNode> clicked = catalogue.payloads(sent.workspaceId(), EventType.MESSAGE_CLICKED);
		assertThat(clicked).hasSize(3);
		assertThat(clicked).extracting(
				payload -> payload.at("/data/click/url").asText() + " " + payload.at("/data/click/machine").asBoolean())
			.containsExactlyInAnyOrder("https://acme.test/pricing false", "https://acme.test/about false",
					"https://acme.test/pricing true");
	}

	@Test
	void theOneClickPostIsOneUnsubscribeFromEverything() throws Exception {
		Sent sent = catalogue.sent("catalogue-unsubscribe");
		String link = "/u/" + links.unsubscribe(sent.enrolmentId(), 1);
		for (int i = 0; i < 2; i++) {
			// RFC 8058 §3.1: the POST body is exactly "List-Unsubscribe=One-Click".
			assertThat(mvc
				.perform(post(link).contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.content("List-Unsubscribe=One-Click"))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(200);
		}
		catalogue.handled();

		List<JsonNode> unsubscribed = catalogue.payloads(sent.workspaceId(), EventType.MESSAGE_UNSUBSCRIBED);
		assertThat(unsubscribed).hasSize(1);
		JsonNode data = unsubscribed.get(0).get("data");
		assertThat(data.at("/unsubscribe/scope").asText()).isEqualTo("all");
		assertThat(data.at("/unsubscribe/source").asText()).isEqualTo("link");
		assertThat(data.at("/contact/id").asText()).isEqualTo(sent.contactId().toString());
	}

	private static EngagementsTracked clicks(LinkClicked... clicks) {
		return new EngagementsTracked(List.of(), List.of(clicks));
	}

	private static LinkClicked click(Sent sent, Instant at, boolean machine, String url) {
		return new LinkClicked(sent.workspaceId(), sent.campaignId(), sent.enrolmentId(), 1, 1, sent.outboxId(), at,
				machine, "Desktop", "Chrome", url);
	}

}
