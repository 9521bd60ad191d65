package com.penguinmails.templates.internal.lint;

import org.junit.jupiter.api.Test;

import com.penguinmails.templates.Finding;

import static org.assertj.core.api.Assertions.assertThat;

class ImageRuleTests {

	private static final String SIXTY_WORDS = "<p>" + "Our team reviewed your public roadmap last week. ".repeat(8)
			+ "Worth a call?</p>";

	@Test
	void noImagesNoFindings() {
		assertThat(Messages.run(new ImageRule(), Messages.html("Hi", "<p>Hi Ada</p>"))).isEmpty();
	}

	@Test
	void twoImagesWithAltAndEnoughTextAreFine() {
		assertThat(Messages.run(new ImageRule(), Messages.html("Hi", SIXTY_WORDS
				+ "<img src=\"https://acme.com/logo.png\" alt=\"Acme logo\"><img src=\"https://acme.com/sam.jpg\" alt=\"Sam\">")))
			.isEmpty();
	}

	@Test
	void threeImagesAreTooMany() {
		String images = "<img src=\"a.png\" alt=\"A\"><img src=\"b.png\" alt=\"B\"><img src=\"c.png\" alt=\"C\">";
		assertThat(Messages.codes(new ImageRule(), Messages.html("Hi", SIXTY_WORDS + images)))
			.containsExactly("too-many-images");
	}

	@Test
	void anImageWithLittleTextIsImageOnly() {
		assertThat(Messages.run(new ImageRule(),
				Messages.html("Hi", "<p>Our new offer:</p><img src=\"https://acme.com/flyer.png\" alt=\"Flyer\">")))
			.extracting(Finding::code, Finding::message)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("image-only", "Images with only 3 words of text"));
	}

	@Test
	void imagesWithoutAltGetOneWarning() {
		assertThat(Messages.run(new ImageRule(),
				Messages.html("Hi", SIXTY_WORDS + "<img src=\"a.png\"><img src=\"b.png\" alt=\"  \">")))
			.extracting(Finding::code, Finding::message)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("image-alt", "2 images without alt text"));
	}

}
