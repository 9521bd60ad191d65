package com.penguinmails.templates.internal.lint;

import java.util.List;

import com.penguinmails.templates.Finding;

/** One check of the deliverability lint: adds its findings (none when all is well). */
public interface LintRule {

	/** Adds what this rule finds in {@code content} to {@code findings}. */
	void check(LintContent content, List<Finding> findings);

}
