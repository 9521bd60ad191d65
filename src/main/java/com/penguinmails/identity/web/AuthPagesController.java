package com.penguinmails.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.altcha.altcha.Altcha.Challenge;

import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import com.penguinmails.identity.internal.AccountService;
import com.penguinmails.identity.internal.AccountService.SignUp;
import com.penguinmails.identity.internal.CaptchaService;
import com.penguinmails.identity.internal.CurrentUser;
import com.penguinmails.identity.internal.LoginFlow;
import com.penguinmails.identity.internal.LoginFlow.CodeResult;
import com.penguinmails.identity.internal.LoginProtection;
import com.penguinmails.shared.Problem;

/**
 * The pages before one is signed in: sign-up, login (and its 2FA step), email links,
 * password reset.
 */
@Controller
class AuthPagesController {

	private final AccountService accounts;

	private final LoginProtection protection;

	private final CaptchaService captcha;

	private final LoginFlow loginFlow;

	private final boolean sandbox;

	AuthPagesController(AccountService accounts, LoginProtection protection, CaptchaService captcha,
			LoginFlow loginFlow, Environment environment) {
		this.accounts = accounts;
		this.protection = protection;
		this.captcha = captcha;
		this.loginFlow = loginFlow;
		this.sandbox = environment.getProperty("penguinmails.sandbox.enabled", Boolean.class, false);
	}

	@GetMapping("/signup")
	String signupForm(Model model) {
		model.addAttribute("form", new SignUp("", "", "", "", ""));
		return "identity/signup";
	}

	@PostMapping("/signup")
	String signup(SignUp form, Model model) {
		try {
			accounts.signUp(form);
		}
		catch (Problem problem) {
			// Keep what was typed, except the password.
			model.addAttribute("form",
					new SignUp(form.email(), "", form.displayName(), form.workspaceName(), form.timeZone()));
			model.addAttribute("error", problem.getMessage());
			return "identity/signup";
		}
		model.addAttribute("email", form.email());
		model.addAttribute("sandbox", sandbox);
		return "identity/check-email";
	}

	@GetMapping("/login")
	String login(HttpServletRequest request, Model model) {
		if (CurrentUser.fullySignedIn()) {
			return "redirect:/";
		}
		HttpSession session = request.getSession(false);
		if (request.getParameterMap().containsKey("error") && session != null
				&& session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		if (request.getParameterMap().containsKey("captcha")) {
			model.addAttribute("error", "Please complete the check below before logging in.");
		}
		if (request.getParameterMap().containsKey("locked")) {
			model.addAttribute("error", "Too many wrong codes: the account is locked for a while. Try again later.");
		}
		model.addAttribute("captchaRequired", protection.captchaRequired(request.getRemoteAddr()));
		model.addAttribute("sandbox", sandbox);
		return "identity/login";
	}

	@GetMapping("/captcha/challenge")
	@ResponseBody
	ResponseEntity<Challenge> challenge() {
		return ResponseEntity.ok().header("Cache-Control", "no-store").body(captcha.newChallenge());
	}

	@GetMapping("/login/2fa")
	String codeForm() {
		return "identity/login-2fa";
	}

	@PostMapping("/login/2fa")
	String code(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		CodeResult result = loginFlow.verifyCode(request, response, code);
		return switch (result) {
			case SIGNED_IN -> "redirect:/";
			case LOCKED -> "redirect:/login?locked";
			case WRONG_CODE -> {
				model.addAttribute("error",
						"That code is not right. Use the current code from your app, or a backup code.");
				yield "identity/login-2fa";
			}
		};
	}

	@GetMapping("/verify-email")
	String verify(@RequestParam(defaultValue = "") String token, Model model) {
		try {
			accounts.verifyEmail(token);
			return "redirect:/login?verified";
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			return "identity/verify-failed";
		}
	}

	@PostMapping("/verify-email/resend")
	String resend(@RequestParam(defaultValue = "") String email, Model model) {
		try {
			accounts.resendVerification(email);
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			return "identity/verify-failed";
		}
		model.addAttribute("email", email);
		model.addAttribute("sandbox", sandbox);
		return "identity/check-email";
	}

	@GetMapping("/forgot-password")
	String forgotForm() {
		return "identity/forgot-password";
	}

	@PostMapping("/forgot-password")
	String forgot(@RequestParam(defaultValue = "") String email, HttpServletRequest request, Model model) {
		try {
			if (!protection.tryAcquire(request.getRemoteAddr())) {
				model.addAttribute("error", "Too many requests from your network. Wait a few minutes and try again.");
				return "identity/forgot-password";
			}
			accounts.requestPasswordReset(email, request.getRemoteAddr());
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			model.addAttribute("email", email);
			return "identity/forgot-password";
		}
		model.addAttribute("notice",
				"If an account uses " + email + ", we sent it a link to reset the password. It expires in 1 hour.");
		model.addAttribute("sandbox", sandbox);
		return "identity/forgot-password";
	}

	@GetMapping("/reset-password")
	String resetForm(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		return "identity/reset-password";
	}

	@PostMapping("/reset-password")
	String reset(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
			HttpServletRequest request, Model model) {
		try {
			accounts.resetPassword(token, password, request.getRemoteAddr());
		}
		catch (Problem problem) {
			model.addAttribute("token", token);
			model.addAttribute("error", problem.getMessage());
			return "identity/reset-password";
		}
		return "redirect:/login?reset";
	}

}
