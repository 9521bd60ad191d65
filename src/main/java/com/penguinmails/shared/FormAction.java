package com.penguinmails.shared;

import java.util.function.Consumer;

import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The one shape of a page's form action (Post/Redirect/Get): do the action, flash what
 * happened, redirect. On success the flash attribute {@code notice} carries the action's
 * message and the browser goes to the action's target; when the action throws a
 * {@link Problem}, the flash attribute {@code error} carries the problem's message (the
 * same words the API puts in the RFC 9457 {@code detail}) and the browser goes back to
 * the page the form was on. Any other exception is left to the error page. A form whose
 * page shows again in place uses {@link #inPage(Model, Action)}.
 *
 * <pre>{@code
 * return FormAction.run(redirect, "/campaigns", () -> {
 *     Campaign campaign = campaigns.create(tenant, draft);
 *     return FormAction.Done.to("/campaigns/" + campaign.id(), null);
 * });
 * }</pre>
 */
public final class FormAction {

	private FormAction() {
	}

	/** What a successful action says and where the browser goes next. */
	public record Done(String target, String notice) {

		/** Stays on (returns to) the page the form was on, with a notice (or none). */
		public static Done notice(String notice) {
			return new Done(null, notice);
		}

		/** Goes to {@code target} (an application path), with a notice (or none). */
		public static Done to(String target, String notice) {
			return new Done(target, notice);
		}

	}

	/** The action itself; throws a {@link Problem} to say why it did not happen. */
	@FunctionalInterface
	public interface Action {

		Done run();

	}

	/**
	 * Runs {@code action}; returns the redirect view name ({@code redirect:/path}).
	 * @param redirect the flash scope of this request
	 * @param back the application path of the page the form was on: the target after a
	 * problem, and after a {@link Done#notice(String)}
	 */
	public static String run(RedirectAttributes redirect, String back, Action action) {
		return run(redirect, back, action, problem -> {
		});
	}

	/**
	 * As {@link #run(RedirectAttributes, String, Action)}, and lets the page add to the
	 * flash after a problem (what the user typed, the reasons of a refusal).
	 */
	public static String run(RedirectAttributes redirect, String back, Action action, Consumer<Problem> onProblem) {
		try {
			Done done = action.run();
			if (done.notice() != null) {
				redirect.addFlashAttribute("notice", done.notice());
			}
			return "redirect:" + (done.target() == null ? back : done.target());
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
			onProblem.accept(problem);
			return "redirect:" + back;
		}
	}

	/**
	 * For a form whose page shows again with what happened (no redirect, so what was
	 * typed can stay): runs {@code action}; its notice, or the problem's message, goes in
	 * the model as {@code notice} or {@code error}. Returns whether the action happened.
	 */
	public static boolean inPage(Model model, Action action) {
		try {
			Done done = action.run();
			if (done.notice() != null) {
				model.addAttribute("notice", done.notice());
			}
			return true;
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			return false;
		}
	}

}
