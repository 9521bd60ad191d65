package com.penguinmails.reputation.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.reputation.PostmasterConnections;
import com.penguinmails.reputation.internal.postmaster.ConnectionStatus;
import com.penguinmails.reputation.internal.postmaster.GoogleOAuth;
import com.penguinmails.reputation.internal.postmaster.PostmasterPull;
import com.penguinmails.reputation.internal.postmaster.Provider;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.StoredValue;
import com.penguinmails.shared.Tenancy;

/**
 * The page {@code /reputation/postmaster}: connect or disconnect Google Postmaster Tools
 * (OAuth 2.0, the callback at {@value GoogleOAuth#CALLBACK_PATH}, the state bound to the
 * session) and Microsoft SNDS (an access key), pull now, and the tables of what came.
 */
@Controller
class PostmasterController {

	static final String PAGE = "/reputation/postmaster";

	/** The session attribute holding the pending Google authorization request. */
	static final String PENDING = PostmasterController.class.getName() + ".pending";

	/** Days the tables show. */
	static final int DAYS = 30;

	/** The SNDS form. */
	record SndsForm(String key) {
	}

	private final PostmasterConnections postmaster;

	private final Tenancy tenancy;

	private final Clock clock;

	PostmasterController(PostmasterConnections postmaster, Tenancy tenancy, Clock clock) {
		this.postmaster = postmaster;
		this.tenancy = tenancy;
		this.clock = clock;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
		PostmasterConnections.Overview overview = postmaster.overview(tenancy.current());
		model.addAttribute("overview", overview);
		model.addAttribute("data", postmaster.data(tenancy.current(), today.minusDays(DAYS), today));
		model.addAttribute("expired", ConnectionStatus.EXPIRED);
		model.addAttribute("view", new PostmasterView());
		return "reputation/postmaster";
	}

	// A link, not a form: the page's Content-Security-Policy (form-action 'self') stops a
	// form whose answer redirects to another origin. Like Spring Security's
	// /oauth2/authorization/{id}, starting only stores a fresh state in this session;
	// nothing is connected until Google sends back a code with that state.
	@GetMapping(PAGE + "/google/connect")
	String connectGoogle(HttpSession session, RedirectAttributes redirect) {
		try {
			GoogleOAuth.Pending pending = postmaster.startGoogle(tenancy.current());
			session.setAttribute(PENDING, pending);
			return "redirect:" + postmaster.authorizationUrl(pending);
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
			return "redirect:" + PAGE;
		}
	}

	// RFC 6749 §4.1.2: Google sends the browser back with code and state (or error and
	// state).
	@GetMapping(GoogleOAuth.CALLBACK_PATH)
	String googleCallback(@RequestParam(required = false) String state, @RequestParam(required = false) String code,
			@RequestParam(required = false) String error, HttpSession session, RedirectAttributes redirect) {
		GoogleOAuth.Pending pending = (GoogleOAuth.Pending) session.getAttribute(PENDING);
		// One answer per request: a replayed callback finds nothing pending.
		session.removeAttribute(PENDING);
		return FormAction.run(redirect, PAGE, () -> {
			postmaster.finishGoogle(tenancy.current(), pending, state, code, error, clock.instant());
			return FormAction.Done.notice(
					"Google Postmaster Tools connected: the first pull runs within a few minutes, or use Sync now.");
		});
	}

	@PostMapping(PAGE + "/snds")
	String connectSnds(SndsForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			postmaster.connectSnds(tenancy.current(), form.key(), clock.instant());
			return FormAction.Done
				.notice("Microsoft SNDS connected: the first pull runs within a few minutes, or use Sync now.");
		});
	}

	@PostMapping(PAGE + "/{provider}/disconnect")
	String disconnect(@PathVariable String provider, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			Provider which = provider(provider);
			postmaster.disconnect(tenancy.current(), which);
			return FormAction.Done.notice(which.label() + " disconnected; the figures already pulled stay.");
		});
	}

	@PostMapping(PAGE + "/{provider}/sync")
	String sync(@PathVariable String provider, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			Provider which = provider(provider);
			PostmasterPull.Outcome outcome = postmaster.syncNow(tenancy.current(), which, clock.instant());
			if (outcome.status() != ConnectionStatus.CONNECTED) {
				throw new SyncFailed(outcome.message());
			}
			return FormAction.Done.notice(which.label() + " pulled: " + outcome.days() + " days of figures.");
		});
	}

	static Provider provider(String value) {
		try {
			return StoredValue.of(Provider.class, value);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundProblem("provider");
		}
	}

	/** A pull that ended badly: its message goes on the page. */
	static final class SyncFailed extends com.penguinmails.shared.InvalidInputProblem {

		SyncFailed(String message) {
			super(org.springframework.http.HttpStatus.CONFLICT, "postmaster-pull-failed", message);
		}

	}

}
