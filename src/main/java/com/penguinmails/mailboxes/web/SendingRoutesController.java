package com.penguinmails.mailboxes.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.mailboxes.NewSendingProvider;
import com.penguinmails.mailboxes.NewSendingRoute;
import com.penguinmails.mailboxes.RouteMatch;
import com.penguinmails.mailboxes.SendingProvider;
import com.penguinmails.mailboxes.SendingProviders;
import com.penguinmails.mailboxes.SendingRoutes;
import com.penguinmails.mailboxes.TransportKind;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;

/**
 * The sending routes page: the workspace's sending providers with their health (add,
 * check now, delete) and its routes in order, each said in words (add, move up or down,
 * delete). Mistakes are said on the page.
 */
@Controller
class SendingRoutesController {

	/** The add-a-provider form; the region field depends on the kind. */
	record ProviderForm(String name, String kind, String serverToken, String messageStream, String apiKey,
			String mailgunDomain, String mailgunRegion, String sesRegion, String accessKeyId, String secretAccessKey) {

		NewSendingProvider toProvider() {
			String region = "ses".equals(kind) ? sesRegion : mailgunRegion;
			return new NewSendingProvider(name, kind, serverToken, messageStream, apiKey, mailgunDomain, region,
					accessKeyId, secretAccessKey);
		}

	}

	/** The add-a-route form: up to three providers in order, blanks skipped. */
	record RouteForm(String match, String domain, String recipientProvider, UUID campaignId, UUID first, UUID second,
			UUID third, Boolean thenSmtp) {

		NewSendingRoute toRoute() {
			List<UUID> providers = new ArrayList<>();
			for (UUID id : Arrays.asList(first, second, third)) {
				if (id != null) {
					providers.add(id);
				}
			}
			String value = "recipient_provider".equals(match) ? recipientProvider
					: "recipient_domain".equals(match) ? domain : null;
			return new NewSendingRoute(match, value, "campaign".equals(match) ? campaignId : null, providers,
					Boolean.TRUE.equals(thenSmtp));
		}

	}

	private final SendingProviders providers;

	private final SendingRoutes routes;

	private final Tenancy tenancy;

	SendingRoutesController(SendingProviders providers, SendingRoutes routes, Tenancy tenancy) {
		this.providers = providers;
		this.routes = routes;
		this.tenancy = tenancy;
	}

	@GetMapping("/mailboxes/sending-routes")
	String show(Model model) {
		model.addAttribute("providers", providers.providers(tenancy.current()));
		model.addAttribute("routes", routes.routes(tenancy.current()));
		model.addAttribute("campaigns", routes.campaigns(tenancy.current()));
		model.addAttribute("providerKinds",
				Arrays.stream(TransportKind.values()).filter(TransportKind::provider).toList());
		model.addAttribute("matches", RouteMatch.values());
		return "mailboxes/sending-routes";
	}

	@PostMapping("/mailboxes/sending-routes/providers")
	String addProvider(ProviderForm form, Model model, RedirectAttributes redirect) {
		try {
			SendingProvider provider = providers.addProvider(tenancy.current(), form.toProvider());
			redirect.addFlashAttribute("notice",
					provider.name() + " is added. Its health is checked within minutes, or check it now.");
		}
		catch (InvalidInputProblem problem) {
			model.addAttribute("providerError", problem.getMessage());
			model.addAttribute("providerForm", form);
			return show(model);
		}
		return "redirect:/mailboxes/sending-routes";
	}

	@PostMapping("/mailboxes/sending-routes/providers/{id}/check")
	String check(@PathVariable UUID id, RedirectAttributes redirect) {
		SendingProvider provider = providers.check(tenancy.current(), id);
		// A failing check is said as an error, not in a success banner.
		redirect.addFlashAttribute(provider.healthError() == null ? "notice" : "error", provider.name() + ": "
				+ provider.health().label() + (provider.healthError() == null ? "." : ". " + provider.healthError()));
		return "redirect:/mailboxes/sending-routes";
	}

	@PostMapping("/mailboxes/sending-routes/providers/{id}/delete")
	String deleteProvider(@PathVariable UUID id, Model model, RedirectAttributes redirect) {
		try {
			providers.deleteProvider(tenancy.current(), id);
		}
		catch (InvalidInputProblem problem) {
			model.addAttribute("providerError", problem.getMessage());
			return show(model);
		}
		redirect.addFlashAttribute("notice", "The provider is deleted.");
		return "redirect:/mailboxes/sending-routes";
	}

	@PostMapping("/mailboxes/sending-routes")
	String addRoute(RouteForm form, Model model, RedirectAttributes redirect) {
		try {
			routes.addRoute(tenancy.current(), form.toRoute());
			redirect.addFlashAttribute("notice", "The route is added last.");
		}
		catch (InvalidInputProblem problem) {
			model.addAttribute("routeError", problem.getMessage());
			model.addAttribute("routeForm", form);
			return show(model);
		}
		return "redirect:/mailboxes/sending-routes";
	}

	@PostMapping("/mailboxes/sending-routes/{id}/move")
	String move(@PathVariable UUID id, @RequestParam(defaultValue = "down") String to) {
		routes.move(tenancy.current(), id, "up".equals(to) ? -1 : 1);
		return "redirect:/mailboxes/sending-routes#routes";
	}

	@PostMapping("/mailboxes/sending-routes/{id}/delete")
	String deleteRoute(@PathVariable UUID id, RedirectAttributes redirect) {
		routes.deleteRoute(tenancy.current(), id);
		redirect.addFlashAttribute("notice", "The route is deleted.");
		return "redirect:/mailboxes/sending-routes";
	}

}
