package com.penguinmails.library.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import com.penguinmails.library.LibraryCategory;
import com.penguinmails.library.LibraryEntry;
import com.penguinmails.library.LibraryKind;
import com.penguinmails.library.LibraryStep;
import com.penguinmails.campaigns.StepFormat;
import com.penguinmails.shared.WarmUps;

/**
 * The library that ships with PenguinMails, read once (just after start) from
 * {@code classpath:library/templates/*.json} (arrays of {@code {slug, name, category,
 * tags, language, description, subject, text, html, format}}) and
 * {@code classpath:library/sequences/*.json} (arrays of
 * {@code {slug, name, category, tags, language, description, steps: [{delay: {amount,
 * unit}, newThread, subject, text, html, format}]}}). Each entry is checked by
 * {@link EntryRules} as own entries are.
 */
@Component
public class ShippedEntries {

	private static final Logger log = LoggerFactory.getLogger(ShippedEntries.class);

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

	private final ObjectMapper json;

	private volatile List<LibraryEntry> entries;

	ShippedEntries(ObjectMapper json) {
		this.json = json;
	}

	/**
	 * Read after the application is ready, on a thread of its own, not while it starts:
	 * the {@code classpath*:} look-up walks every jar, and each entry is rendered and
	 * checked (about 5% of a start's work).
	 */
	@EventListener(ApplicationReadyEvent.class)
	void warmUp() {
		WarmUps.start("library-warm-up", this::all, log,
				"The shipped library could not be read; it is read again when asked for");
	}

	/**
	 * Every shipped entry, sorted by name; read once, on first use (callers meanwhile
	 * wait).
	 * @throws UncheckedIOException when the shipped files cannot be read
	 */
	public List<LibraryEntry> all() {
		List<LibraryEntry> loaded = entries;
		if (loaded == null) {
			synchronized (this) {
				loaded = entries;
				if (loaded == null) {
					loaded = load(json);
					entries = loaded;
				}
			}
		}
		return loaded;
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
