package com.penguinmails.campaigns.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.DelayUnit;
import com.penguinmails.campaigns.StepFormat;
import com.penguinmails.templates.EmailTemplate;

/**
 * A step card as the page shows it: its number, the one-line summary ("Step 2 · 3 days
 * after step 1 · same thread · plain text"), and the values of its fields: the autosaved
 * draft's when there is one (so an unsaved edit survives a reload), else the saved
 * step's.
 *
 * @param n the step's number, from 1
 * @param shown what the fields show (the draft or the step)
 * @param draftSavedAt "10:42" when the fields show a draft, else null
 * @param savedAt "10:42" right after a Save, else null
 */
public record StepView(int n, Step shown, String summary, String draftSavedAt, String savedAt,
		List<VariantView> variants, boolean open) {

	/**
	 * A variant's fields: {@code letter} A to E; {@code body} the text of a plain-text
	 * step, the HTML of an HTML step; {@code template} the template it came from (null
	 * when written in place or when that template is gone).
	 */
	public record VariantView(int v, char letter, String subject, String body, String source, UUID templateId,
			boolean linked, EmailTemplate template) {
	}

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

	static StepView of(int n, Step step, Map<UUID, EmailTemplate> templates, ZoneId zone, Instant savedAt,
			boolean open) {
		Step shown = step.draft() == null ? step : step.draft().step();
		List<VariantView> variants = new ArrayList<>();
		boolean text = shown.formatOrDefault() == StepFormat.TEXT;
		for (int i = 0; i < shown.variants().size(); i++) {
			Variant variant = shown.variants().get(i);
			String body = text ? firstOf(variant.text(), variant.html()) : firstOf(variant.html(), variant.text());
			variants.add(new VariantView(i + 1, (char) ('A' + i), variant.subject() == null ? "" : variant.subject(),
					body, variant.source(), variant.templateId(), variant.templateLinked(),
					variant.templateId() == null ? null : templates.get(variant.templateId())));
		}
		String draftAt = step.draft() == null ? null : HOUR.format(step.draft().savedAt().atZone(zone));
		String saved = savedAt == null ? null : HOUR.format(savedAt.atZone(zone));
		boolean empty = step.variants().stream().anyMatch(Variant::empty);
		return new StepView(n, shown, summary(n, shown), draftAt, saved, variants, open || empty || draftAt != null);
	}

	/** "Step 2 · 3 days after step 1 · same thread · plain text". */
	static String summary(int n, Step step) {
		DelayUnit unit = step.delayUnit() == null ? DelayUnit.fitting(step.delayMinutes()) : step.delayUnit();
		int amount = step.delay() == null ? step.delayMinutes() / unit.minutes() : step.delay();
		String after = n == 1 ? "the start" : "step " + (n - 1);
		String delay = amount == 0 ? (n == 1 ? "at the start" : "right after step " + (n - 1))
				: unit.words(amount) + " after " + after;
		String thread = n == 1 ? "" : step.newThread() ? " · new thread" : " · same thread";
		return "Step " + n + " · " + delay + thread + " · "
				+ (step.formatOrDefault() == StepFormat.TEXT ? "plain text" : "HTML");
	}

	/** The delay amount the field shows, in the step's unit. */
	public int delay() {
		DelayUnit unit = unit();
		return shown.delay() == null ? shown.delayMinutes() / unit.minutes() : shown.delay();
	}

	/** The unit the select shows. */
	public DelayUnit unit() {
		return shown.delayUnit() == null ? DelayUnit.fitting(shown.delayMinutes()) : shown.delayUnit();
	}

	public boolean html() {
		return shown.formatOrDefault() == StepFormat.HTML;
	}

	private static String firstOf(String a, String b) {
		return a != null && !a.isBlank() ? a : b == null ? "" : b;
	}

}
