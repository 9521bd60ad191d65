package com.penguinmails.sandbox.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.penguinmails.sandbox.web.SandboxMailController.Segment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Links in a caught message's plain text end where the URL ends, not at the next space.
 */
class SandboxLinkTests {

	private static List<String> links(String text) {
		return SandboxMailController.segments(text).stream().filter(Segment::link).map(Segment::text).toList();
	}

	@Test
	void trailingPunctuationStaysText() {
		assertThat(links("Go to https://x.example/a.")).containsExactly("https://x.example/a");
		assertThat(links("(see https://x.example/a)")).containsExactly("https://x.example/a");
		assertThat(links("https://x.example/a, then https://x.example/b;")).containsExactly("https://x.example/a",
				"https://x.example/b");
		assertThat(links("<https://x.example/a>")).containsExactly("https://x.example/a");
		assertThat(links("\"https://x.example/a\" and 'https://x.example/b'")).containsExactly("https://x.example/a",
				"https://x.example/b");
		assertThat(links("Really? https://x.example/a?!")).containsExactly("https://x.example/a");
	}

	@Test
	void theTextAroundIsKeptWhole() {
		assertThat(SandboxMailController.segments("Go to https://x.example/a. Done")).extracting(Segment::text)
			.containsExactly("Go to ", "https://x.example/a", ". Done");
	}

	@Test
	void bracketsAndQueriesThatBelongToTheUrlStay() {
		assertThat(links("https://en.example/wiki/Foo_(bar) x")).containsExactly("https://en.example/wiki/Foo_(bar)");
		assertThat(links("(https://en.example/wiki/Foo_(bar))")).containsExactly("https://en.example/wiki/Foo_(bar)");
		assertThat(links("https://x.example/verify-email?token=ab_c-1."))
			.containsExactly("https://x.example/verify-email?token=ab_c-1");
	}

}
