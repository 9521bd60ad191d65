package com.penguinmails.tracking.internal;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedirectUrisTests {

	@Test
	void percentEncodesNonAsciiPathQueryAndFragmentAsUtf8() throws Exception {
		String link = "https://shop.example.test/straße/größe?farbe=grün#übersicht";
		String ascii = RedirectUris.toAscii(link);
		assertThat(ascii)
			.isEqualTo("https://shop.example.test/stra%C3%9Fe/gr%C3%B6%C3%9Fe?farbe=gr%C3%BCn#%C3%BCbersicht");
		URI uri = new URI(ascii);
		assertThat(uri.getPath()).isEqualTo("/straße/größe");
		assertThat(uri.getQuery()).isEqualTo("farbe=grün");
		assertThat(uri.getFragment()).isEqualTo("übersicht");
	}

	@Test
	void anIdnHostBecomesItsALabels() {
		assertThat(RedirectUris.toAscii("https://bücher.example:8443/a?b=ü"))
			.isEqualTo("https://xn--bcher-kva.example:8443/a?b=%C3%BC");
	}

	@Test
	void aUriAlreadyEncodedIsLeftAsItIs() {
		String uri = "https://example.com/a%20b/%C3%BC?q=1&r=%2F#top";
		assertThat(RedirectUris.toAscii(uri)).isEqualTo(uri);
	}

	@Test
	void spacesBracesStrayPercentsAndLineBreaksAreEncoded() {
		assertThat(RedirectUris.toAscii("https://example.com/a page?q={x}&p=100%&n=1\r\nSet-Cookie: x"))
			.isEqualTo("https://example.com/a%20page?q=%7Bx%7D&p=100%25&n=1%0D%0ASet-Cookie:%20x");
	}

	@Test
	void emojiAndASecondHashAreEncoded() {
		assertThat(RedirectUris.toAscii("https://example.com/🐧#a#b"))
			.isEqualTo("https://example.com/%F0%9F%90%A7#a%23b");
	}

}
