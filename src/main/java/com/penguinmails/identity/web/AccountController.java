package com.penguinmails.identity.web;

import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.identity.internal.AccountService;
import com.penguinmails.identity.internal.CurrentUser;
import com.penguinmails.identity.internal.LoginAttemptRepository;
import com.penguinmails.identity.internal.LoginFlow;
import com.penguinmails.identity.internal.SessionService;
import com.penguinmails.identity.internal.TwoFactorService;
import com.penguinmails.identity.internal.TwoFactorService.Enrolment;
import com.penguinmails.identity.internal.UserAccount;
import com.penguinmails.identity.internal.UserRepository;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.Problem;

/**
 * The signed-in user's own account: profile, email, password, 2FA, sessions, login
 * activity.
 */
@Controller
class AccountController {

	static final String PENDING_TOTP = "pm.pendingTotp";

	private static final List<String> ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));

	private final AccountService accounts;

	private final UserRepository users;

	private final TwoFactorService twoFactor;

	private final SessionService sessions;

	private final LoginAttemptRepository attempts;

	AccountController(AccountService accounts, UserRepository users, TwoFactorService twoFactor,
			SessionService sessions, LoginAttemptRepository attempts) {
		this.accounts = accounts;
		this.users = users;
		this.twoFactor = twoFactor;
		this.sessions = sessions;
		this.attempts = attempts;
	}

	@GetMapping("/account")
	String profile(Model model) {
		model.addAttribute("user", me());
		model.addAttribute("zones", ZONES);
		return "identity/account";
	}

	@PostMapping("/account/profile")
	String updateProfile(@RequestParam(defaultValue = "") String displayName,
			@RequestParam(defaultValue = "UTC") String timeZone, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/account", () -> {
			accounts.updateProfile(me().id(), displayName, timeZone);
			return FormAction.Done.notice("Profile saved.");
		});
	}

	@PostMapping("/account/email")
	String changeEmail(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, "/account", () -> {
			accounts.requestEmailChange(me().id(), email, password);
			return FormAction.Done
				.notice("We sent a confirmation link to " + email + ". The change happens when you click it.");
		});
	}

	@GetMapping("/account/email/confirm")
	String confirmEmail(@RequestParam(defaultValue = "") String token, HttpServletRequest request, Model model) {
		FormAction.inPage(model, () -> FormAction.Done
			.notice("Your email address is now " + accounts.confirmEmailChange(token, request.getRemoteAddr()) + "."));
		return "identity/email-confirmed";
	}

	@PostMapping("/account/password")
	String changePassword(@RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword, HttpServletRequest request,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, "/account", () -> {
			accounts.changePassword(me().id(), currentPassword, newPassword, request.getSession().getId(),
					request.getRemoteAddr());
			return FormAction.Done.notice("Password changed. Your other sessions were signed out.");
		});
	}

	@GetMapping("/account/security")
	String security(HttpServletRequest request, Model model) {
		UserAccount user = me();
		model.addAttribute("user", user);
		model.addAttribute("backupCodesLeft", twoFactor.remainingBackupCodes(user.id()));
		model.addAttribute("sessions", sessions.sessionsOf(user.id(), request.getSession().getId()));
		model.addAttribute("attempts", attempts.recentForUser(user.id(), 50));
		return "identity/security";
	}

	@PostMapping("/account/sessions/{id}/revoke")
	String revokeSession(@PathVariable String id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/account/security", () -> {
			sessions.revoke(me().id(), id);
			return FormAction.Done.notice("Session signed out.");
		});
	}

	@PostMapping("/account/sessions/revoke-all")
	String revokeAll(HttpServletRequest request) {
		sessions.revokeAll(me().id());
		return "redirect:/login?logout";
	}

	@GetMapping("/account/2fa/setup")
	String setup(HttpServletRequest request, Model model) {
		UserAccount user = me();
		if (user.totpEnabled()) {
			return "redirect:/account/security";
		}
		HttpSession session = request.getSession();
		Enrolment enrolment = twoFactor.newEnrolment(user.email());
		session.setAttribute(PENDING_TOTP, enrolment.secret());
		model.addAttribute("enrolment", enrolment);
		model.addAttribute("required", Boolean.TRUE.equals(session.getAttribute(LoginFlow.MUST_ENROL_2FA)));
		return "identity/2fa-setup";
	}

	@PostMapping("/account/2fa/enable")
	String enable(@RequestParam(defaultValue = "") String code, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		HttpSession session = request.getSession();
		String secret = (String) session.getAttribute(PENDING_TOTP);
		if (secret == null) {
			redirect.addFlashAttribute("error", "The setup expired: scan the new QR code.");
			return "redirect:/account/2fa/setup";
		}
		try {
			List<String> codes = twoFactor.enable(me().id(), secret, code, request.getRemoteAddr());
			session.removeAttribute(PENDING_TOTP);
			session.removeAttribute(LoginFlow.MUST_ENROL_2FA);
			model.addAttribute("codes", codes);
			model.addAttribute("notice", "Two-factor authentication is on.");
			return "identity/backup-codes";
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
			return "redirect:/account/2fa/setup";
		}
	}

	@PostMapping("/account/2fa/disable")
	String disable(@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String code,
			HttpServletRequest request, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/account/security", () -> {
			twoFactor.disable(me().id(), password, code, request.getRemoteAddr());
			return FormAction.Done.notice("Two-factor authentication is off.");
		});
	}

	@PostMapping("/account/2fa/backup-codes")
	String regenerate(@RequestParam(defaultValue = "") String password, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		try {
			model.addAttribute("codes", twoFactor.regenerateBackupCodes(me().id(), password, request.getRemoteAddr()));
			model.addAttribute("notice", "New backup codes: the old ones no longer work.");
			return "identity/backup-codes";
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
			return "redirect:/account/security";
		}
	}

	private UserAccount me() {
		return users.findById(CurrentUser.get().id()).orElseThrow();
	}

}
