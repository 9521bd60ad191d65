package com.penguinmails.library;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.templates.Rendered;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped library as a whole: enough entries in every category, unique slugs, short
 * plain subjects, 3 to 5 steps per sequence, and every message renders with the product's
 * own renderer for a sample contact with no variable left without a value. (The
 * deliverability lint's check of every entry is a separate test.)
 */
@IntegrationTest
class LibraryContentTests {

	@Autowired
	Library library;

	@Autowired
	Fixtures fixtures;

	List<LibraryEntry> shipped() {
		return library.search(fixtures.verifiedAccount("library-content").owner(), Library.Query.all())
			.stream()
			.filter(e -> !e.own())
			.toList();
	}

	@Test
	void shipsOverAHundredTemplatesAndTwentySequencesInEveryCategory() {
		List<LibraryEntry> entries = shipped();
		assertThat(entries.stream().filter(e -> e.kind() == LibraryKind.TEMPLATE)).hasSizeGreaterThanOrEqualTo(105);
		assertThat(entries.stream().filter(e -> e.kind() == LibraryKind.SEQUENCE)).hasSizeGreaterThanOrEqualTo(22);
		assertThat(entries.stream().map(LibraryEntry::category).distinct())
			.containsExactlyInAnyOrder(LibraryCategory.values());
		assertThat(entries.stream().filter(e -> e.steps().get(0).writtenInHtml())).hasSizeBetween(8, 15);
	}

	@Test
	void slugsAreUniqueAndEveryEntryIsDescribed() {
		Set<String> seen = new HashSet<>();
		for (LibraryEntry entry : shipped()) {
			assertThat(seen.add(entry.kind() + "/" + entry.slug())).as("duplicate slug " + entry.slug()).isTrue();
			assertThat(entry.name()).isNotBlank();
			assertThat(entry.description()).as(entry.slug()).isNotBlank();
			assertThat(entry.tags()).as(entry.slug()).isNotEmpty();
			assertThat(entry.language()).isEqualTo("en");
		}
	}

	@Test
	void sequencesHaveThreeToFiveStepsAndTemplatesOne() {
		for (LibraryEntry entry : shipped()) {
			if (entry.kind() == LibraryKind.SEQUENCE) {
				assertThat(entry.steps()).as(entry.slug()).hasSizeBetween(3, 5);
				assertThat(entry.steps().get(0).newThread()).isTrue();
			}
			else {
				assertThat(entry.steps()).as(entry.slug()).hasSize(1);
			}
		}
	}

	@Test
	void everyMessageRendersForASampleContactWithShortPlainSubjects() {
		for (LibraryEntry entry : shipped()) {
			List<Rendered> rendered = library.preview(entry);
			for (int i = 0; i < rendered.size(); i++) {
				String where = entry.slug() + " step " + (i + 1);
				Rendered message = rendered.get(i);
				assertThat(message.missing()).as(where).isEmpty();
				assertThat(message.subject()).as(where).isNotBlank().hasSizeLessThanOrEqualTo(60).doesNotContain("!");
				assertThat(message.subject()).as(where).doesNotContain("{{").doesNotContain("{%");
				assertThat(message.text()).as(where).isNotBlank().doesNotContain("{{").doesNotContain("|");
				long upper = message.subject().chars().filter(Character::isUpperCase).count();
				long letters = message.subject().chars().filter(Character::isLetter).count();
				assertThat(upper * 2).as(where + " not in capitals").isLessThanOrEqualTo(letters);
				assertThat(message.html()).as(where).doesNotContain("<img");
			}
		}
	}

}
