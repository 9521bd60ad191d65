package com.penguinmails.campaigns.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.DelayUnit;
import com.penguinmails.campaigns.StepFormat;
import com.penguinmails.shared.InvalidInputProblem;

/**
 * One step card's form, bound by Spring MVC: the delay as a whole number of
 * {@code delayUnit} (minutes, hours or days), same or new thread, the format (text or
 * html) and the variants as parallel arrays in order (A to E): subject, body (the text of
 * a plain-text step, the HTML of an HTML step), the visual editor's {@code source}, and
 * the template a variant came from ({@code templateId}, {@code templateLinked} "true"
 * when linked). A {@code delay} that is not a whole number is a binding error.
 */
record StepForm(Integer delay, String delayUnit, String newThread, String format, String[] subject, String[] body,
		String[] source, String[] templateId, String[] templateLinked, String winnerMetric, Integer minSample) {

	/**
	 * The step as the API takes it.
	 * @throws InvalidInputProblem for an unknown unit or format, naming step {@code n}
	 */
	Step toStep(int n) {
		DelayUnit unit;
		StepFormat stepFormat;
		try {
			unit = DelayUnit.of(delayUnit == null ? "days" : delayUnit);
			stepFormat = StepFormat.of(format == null ? "text" : format);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-step",
					"Step " + n + ": the delay is in minutes, hours or days, the format plain text or HTML.");
		}
		List<Variant> variants = new ArrayList<>();
		int count = Math.max(1, subject == null ? 0 : subject.length);
		for (int i = 0; i < count; i++) {
			String written = at(body, i);
			String template = at(templateId, i);
			variants.add(new Variant(at(subject, i), stepFormat == StepFormat.HTML ? written : null,
					stepFormat == StepFormat.TEXT ? written : null,
					template.isBlank() ? null : UUID.fromString(template), "true".equals(at(templateLinked, i)),
					at(source, i).isBlank() ? null : at(source, i)));
		}
		int amount = delay == null ? 0 : delay;
		return new Step(0, unit, amount, "true".equals(newThread), stepFormat, variants,
				winnerMetric == null || winnerMetric.isBlank() ? null : winnerMetric, minSample, null, null);
	}

	private static String at(String[] values, int i) {
		return values != null && i < values.length && values[i] != null ? values[i] : "";
	}

}
