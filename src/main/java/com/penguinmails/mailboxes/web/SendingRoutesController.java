package com.penguinmails.mailboxes.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

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
import com.penguinmails.mailboxes.SendingRoute;
import com.penguinmails.mailboxes.SendingRoutes;
import com.penguinmails.mailboxes.SendingTransport;
import com.penguinmails.mailboxes.TransportKind;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The sending routes page: the workspace's sending providers with their health (add,
 * edit, check now, delete) and its routes in order, each said in words (add, edit, move
 * up or down, delete; a broken one says why). Each provider and route is edited on a page
 * of its own. Mistakes are said next to the form, which keeps what was typed (except
 * secrets).
 */
@Controller
class SendingRoutesController {

	/**
	 * The add-or-edit-a-provider form; the region field depends on the kind;
	 * {@code enabledShown} says the form had the on/off box (an unticked box sends
	 * nothing).
	 */
	record ProviderForm(String name, String kind, String serverToken, String messageStream, String apiKey,
			String mailgunDomain, String mailgunRegion, String sesRegion, String accessKeyId, String secretAccessKey,
			Boolean enabled, String enabledShown) {

		NewSendingProvider toProvider() {
			String region = "ses".equals(kind) ? sesRegion : mailgunRegion;
			return new NewSendingProvider(name, kind, serverToken, messageStream, apiKey, mailgunDomain, region,
					accessKeyId, secretAccessKey, enabledShown != null ? Boolean.TRUE.equals(enabled) : enabled);
		}

		/** The form as it is filled in to edit {@code provider} (no secret). */
		static ProviderForm of(SendingProvider provider) {
			SendingTransport transport = provider.transport();
			String kind = transport.kind().value();
			return new ProviderForm(provider.name(), kind, null, transport.messageStream(), null, transport.domain(),
					"mailgun".equals(kind) ? transport.region() : "us", "ses".equals(kind) ? transport.region() : null,
					null, null, provider.enabled(), "true");
		}

		/** The same form without the secrets typed, to show it again after an error. */
		ProviderForm withoutSecrets() {
			return new ProviderForm(name, kind, null, messageStream, null, mailgunDomain, mailgunRegion, sesRegion,
					null, null, enabledShown != null ? Boolean.TRUE.equals(enabled) : !Boolean.FALSE.equals(enabled),
					enabledShown);
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

		/** The form as it is filled in to edit {@code route}. */
		static RouteForm of(SendingRoute route) {
			List<UUID> ids = route.providers().stream().map(SendingRoute.Step::providerId).toList();
			String match = route.match().value();
			return new RouteForm(match, "recipient_domain".equals(match) ? route.value() : null,
					"recipient_provider".equals(match) ? route.value() : null, route.campaignId(),
					ids.size() > 0 ? ids.get(0) : null, ids.size() > 1 ? ids.get(1) : null,
					ids.size() > 2 ? ids.get(2) : null, route.thenSmtp());
		}

		/** A blank form: a recipient domain, then the mailbox's SMTP server. */
		static RouteForm blank() {
			return new RouteForm("recipient_domain", null, null, null, null, null, null, true);
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
		choices(model);
		model.addAttribute("routes", routes.routes(tenancy.current()));
		if (!model.containsAttribute("routeForm")) {
			model.addAttribute("routeForm", RouteForm.blank());
		}
		return "mailboxes/sending-routes";
	}

	/**
	 * What the forms offer: the providers, the campaigns that are not archived, the
	 * kinds.
	 */
	private void choices(Model model) {
		model.addAttribute("providers", providers.providers(tenancy.current()));
		model.addAttribute("campaigns", routes.campaigns(tenancy.current()));
		model.addAttribute("providerKinds",
				Arrays.stream(TransportKind.values()).filter(TransportKind::provider).toList());
		model.addAttribute("matches", RouteMatch.values());
	}

	@GetMapping("/mailboxes/sending-routes/providers/{id}/edit")
	String editProvider(@PathVariable UUID id, Model model) {
		tenancy.current().require(WorkspaceRole.ADMIN, "mailboxes:write");
		SendingProvider provider = providers.provider(tenancy.current(), id);
		model.addAttribute("provider", provider);
		model.addAttribute("providerForm", ProviderForm.of(provider));
		return "mailboxes/sending-provider-edit";
	}

	@PostMapping("/mailboxes/sending-routes/providers/{id}")
	String updateProvider(@PathVariable UUID id, ProviderForm form, Model model, RedirectAttributes redirect) {
		try {
			SendingProvider provider = providers.updateProvider(tenancy.current(), id, form.toProvider());
			redirect.addFlashAttribute("notice", savedNotice(provider));
		}
		catch (InvalidInputProblem problem) {
			model.addAttribute("provider", providers.provider(tenancy.current(), id));
			model.addAttribute("providerError", problem.getMessage());
			model.addAttribute("providerForm", form.withoutSecrets());
			return "mailboxes/sending-provider-edit";
		}
		return "redirect:/mailboxes/sending-routes#providers";
	}

	/**
	 * What saving a provider did: when it is off, which routes have no provider on left
	 * (and no SMTP step), so their messages wait.
	 */
	private String savedNotice(SendingProvider provider) {
		if (provider.enabled()) {
			return provider.name() + " is saved. Its health is checked within minutes, or check it now.";
		}
		List<Integer> stranded = routes.routes(tenancy.current())
			.stream()
			.filter(route -> !route.thenSmtp()
					&& route.providers().stream().anyMatch(step -> step.providerId().equals(provider.id()))
					&& route.providers().stream().noneMatch(SendingRoute.Step::enabled))
			.map(SendingRoute::position)
			.toList();
		if (stranded.isEmpty()) {
			return provider.name() + " is saved and off: routes skip it and it is not checked.";
		}
		String which = stranded.size() == 1 ? "Route " + stranded.get(0) + " now has"
				: "Routes " + stranded.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " now have";
		return provider.name() + " is saved and off. " + which
				+ " no provider on: its messages wait until you turn one on or add one.";
	}

	@GetMapping("/mailboxes/sending-routes/{id}/edit")
	String editRoute(@PathVariable UUID id, Model model) {
		tenancy.current().require(WorkspaceRole.MEMBER, "mailboxes:write");
		SendingRoute route = routes.route(tenancy.current(), id);
		choices(model);
		model.addAttribute("route", route);
		model.addAttribute("routeForm", RouteForm.of(route));
		return "mailboxes/sending-route-edit";
	}

	@PostMapping("/mailboxes/sending-routes/{id}")
	String updateRoute(@PathVariable UUID id, RouteForm form, Model model, RedirectAttributes redirect) {
		try {
			routes.updateRoute(tenancy.current(), id, form.toRoute());
			redirect.addFlashAttribute("notice", "The route is saved.");
		}
		catch (InvalidInputProblem problem) {
			choices(model);
			model.addAttribute("route", routes.route(tenancy.current(), id));
			model.addAttribute("routeError", problem.getMessage());
			model.addAttribute("routeForm", form);
			return "mailboxes/sending-route-edit";
		}
		return "redirect:/mailboxes/sending-routes#routes";
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
			model.addAttribute("providerForm", form.withoutSecrets());
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
