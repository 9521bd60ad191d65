package com.penguinmails.library.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import com.penguinmails.library.LibraryCategory;
import com.penguinmails.library.LibraryEntry;
import com.penguinmails.library.LibraryKind;
import com.penguinmails.library.LibraryStep;
import com.penguinmails.campaigns.StepFormat;

/**
 * The library that ships with PenguinMails, read once at start from
 * {@code classpath:library/templates/*.json} (arrays of {@code {slug, name, category,
 * tags, language, description, subject, text, html, format}}) and
 * {@code classpath:library/sequences/*.json} (arrays of
 * {@code {slug, name, category, tags, language, description, steps: [{delay: {amount,
 * unit}, newThread, subject, text, html, format}]}}). Each entry is checked by
 * {@link EntryRules} as own entries are.
 */
@Component
public class ShippedEntries {

	record TemplateFile(String slug, String name, LibraryCategory category, List<String> tags, String language,
			String description, String subject, String text, String html, StepFormat format) {

		LibraryEntry entry() {
			return new LibraryEntry(LibraryKind.TEMPLATE, slug, name, category, tags, language, description, false,
					List.of(new LibraryStep(LibraryStep.Delay.NONE, true, subject, text, html, format)));
		}

	}

	record SequenceFile(String slug, String name, LibraryCategory category, List<String> tags, String language,
			String description, List<LibraryStep> steps) {

		LibraryEntry entry() {
			return new LibraryEntry(LibraryKind.SEQUENCE, slug, name, category, tags, language, description, false,
					steps);
		}

	}

	private final List<LibraryEntry> entries;

	ShippedEntries(ObjectMapper json) {
		this.entries = load(json);
	}

	/** Every shipped entry, sorted by name. */
	public List<LibraryEntry> all() {
		return entries;
	}

	static List<LibraryEntry> load(ObjectMapper json) {
		List<LibraryEntry> loaded = new ArrayList<>();
		try {
			var resolver = new PathMatchingResourcePatternResolver();
			for (Resource file : resolver.getResources("classpath*:library/templates/*.json")) {
				try (InputStream in = file.getInputStream()) {
					for (TemplateFile template : json.readValue(in, TemplateFile[].class)) {
						loaded.add(EntryRules.check(template.entry()));
					}
				}
			}
			for (Resource file : resolver.getResources("classpath*:library/sequences/*.json")) {
				try (InputStream in = file.getInputStream()) {
					for (SequenceFile sequence : json.readValue(in, SequenceFile[].class)) {
						loaded.add(EntryRules.check(sequence.entry()));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The shipped library cannot be read", ex);
		}
		loaded.sort(Comparator.comparing((LibraryEntry e) -> e.name().toLowerCase(java.util.Locale.ROOT))
			.thenComparing(e -> e.kind().value()));
		return List.copyOf(loaded);
	}

}
