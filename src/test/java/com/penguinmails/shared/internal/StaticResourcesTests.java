package com.penguinmails.shared.internal;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The static files and webjars are served per folder ({@link StaticResources}): the
 * stylesheet, scripts, images and version-less webjar paths answer, a page links the
 * webjars by version and leaves its own links as they are, and an unknown file is a 404.
 */
@IntegrationTest
class StaticResourcesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Test
	void theStaticFoldersAndTheWebjarsAreServed() throws Exception {
		for (String path : new String[] { "/css/app.css", "/js/inbox.js", "/webjars/htmx.org/dist/htmx.min.js",
				"/webjars/picocss__pico/css/pico.min.css" }) {
			var response = mvc.perform(MockMvcRequestBuilders.get(path)).andReturn().getResponse();
			assertThat(response.getStatus()).as(path).isEqualTo(200);
			assertThat(response.getContentAsByteArray()).as(path).isNotEmpty();
		}
		assertThat(mvc.perform(MockMvcRequestBuilders.get("/css/nothing.css")).andReturn().getResponse().getStatus())
			.isEqualTo(404);
	}

	@Test
	void theFaviconThatBrowsersAskForLeadsToTheLogo() throws Exception {
		// Browsers ask for /favicon.ico on downloads and API answers (no page to name an
		// icon): it used to be a 404 logged as a warning on each.
		var response = mvc.perform(MockMvcRequestBuilders.get("/favicon.ico")).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(301);
		assertThat(response.getHeader("Location")).isEqualTo("/img/logo.svg");
	}

	@Test
	void aPageLinksTheWebjarsByVersionAndItsOwnLinksAsWritten() throws Exception {
		var account = fixtures.verifiedAccount("static-links");
		String page = fixtures.signedIn(account).get("/inbox").getResponse().getContentAsString();
		assertThat(page).containsPattern("/webjars/htmx\\.org/\\d+\\.\\d+\\.\\d+/dist/htmx\\.min\\.js")
			.containsPattern("href=\"/css/app-[0-9a-f]{32}\\.css\"")
			.contains("href=\"/inbox\"");
	}

	@Test
	void whatAPageLinksIsCachedForAYearAndAPlainNameIsAskedForAgain() throws Exception {
		var account = fixtures.verifiedAccount("static-cache");
		String page = fixtures.signedIn(account).get("/inbox").getResponse().getContentAsString();
		java.util.regex.Matcher css = java.util.regex.Pattern.compile("/css/app-[0-9a-f]{32}\\.css").matcher(page);
		java.util.regex.Matcher htmx = java.util.regex.Pattern
			.compile("/webjars/htmx\\.org/[0-9.]+/dist/htmx\\.min\\.js")
			.matcher(page);
		assertThat(css.find()).isTrue();
		assertThat(htmx.find()).isTrue();
		for (String linked : new String[] { css.group(), htmx.group() }) {
			var response = mvc.perform(MockMvcRequestBuilders.get(linked)).andReturn().getResponse();
			assertThat(response.getStatus()).as(linked).isEqualTo(200);
			assertThat(response.getHeader("Cache-Control")).as(linked).isEqualTo("public, max-age=31536000, immutable");
			assertThat(response.getHeader("Pragma")).as(linked).isNull();
		}
		// The same file by its plain name: asked for again each time, a 304 while
		// unchanged.
		var plain = mvc.perform(MockMvcRequestBuilders.get("/css/app.css")).andReturn().getResponse();
		assertThat(plain.getHeader("Cache-Control")).isEqualTo("no-cache");
		assertThat(plain.getContentAsString()).isEqualTo(
				mvc.perform(MockMvcRequestBuilders.get(css.group())).andReturn().getResponse().getContentAsString());
		var again = mvc
			.perform(MockMvcRequestBuilders.get("/css/app.css")
				.header("If-Modified-Since", plain.getHeader("Last-Modified")))
			.andReturn()
			.getResponse();
		assertThat(again.getStatus()).isEqualTo(304);
		// A page itself is never stored.
		assertThat(fixtures.signedIn(account).get("/inbox").getResponse().getHeader("Cache-Control"))
			.contains("no-store");
	}

}
