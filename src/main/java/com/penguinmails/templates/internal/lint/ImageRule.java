package com.penguinmails.templates.internal.lint;

import java.util.List;

import org.jsoup.nodes.Element;

import com.penguinmails.templates.Finding;

/**
 * Images: {@code too-many-images} (more than {@value #MAX_IMAGES} {@code <img>}),
 * {@code image-only} (an image and fewer than {@value #MIN_WORDS} words of visible text)
 * and {@code image-alt} (an {@code <img>} without a non-empty {@code alt}, WCAG 2.1
 * §1.1.1 non-text content; one warning for all of them).
 */
public final class ImageRule implements LintRule {

	/** The most images a cold email should carry. */
	public static final int MAX_IMAGES = 2;

	/** The fewest words of text beside an image. */
	public static final int MIN_WORDS = 50;

	@Override
	public void check(LintContent content, List<Finding> findings) {
		List<Element> images = content.images();
		if (images.isEmpty()) {
			return;
		}
		if (images.size() > MAX_IMAGES) {
			findings.add(Finding.warning("too-many-images", images.size() + " images",
					"Many images look like a newsletter or an advertisement, most clients block them until "
							+ "the reader allows it, and they weigh the message down. Keep to at most " + MAX_IMAGES
							+ " (a logo in the signature counts)."));
		}
		int words = LintContent.words(content.visibleText()).size();
		if (words < MIN_WORDS) {
			findings.add(Finding.warning("image-only", "Images with only " + words + " words of text",
					"Filters cannot read text inside images, and spammers use images to hide it, so a "
							+ "message that is mostly images is distrusted; many readers see it blank. Write the "
							+ "message as text (at least " + MIN_WORDS + " words) and keep images as extras."));
		}
		long withoutAlt = images.stream().filter(img -> img.attr("alt").isBlank()).count();
		if (withoutAlt > 0) {
			findings.add(Finding.warning("image-alt",
					withoutAlt == 1 ? "An image without alt text" : withoutAlt + " images without alt text",
					"Screen readers and clients that block images show the alt text instead (WCAG 2.1 §1.1.1). "
							+ "Describe each image in a few words in its alt attribute."));
		}
	}

}
