package com.penguinmails.mailboxes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.internal.RoutingRepository;

/**
 * Watches whether every provider of a route is failing: after a provider's health is
 * recorded, each route of the workspace whose providers (those turned on) are all failing
 * is marked, and one {@link SendingRouteFailing} lists the routes newly marked (a route
 * that can never match, its campaign archived or an earlier route of the same match
 * taking its messages, raises nothing); a marked route with a provider that passed its
 * check again is cleared and {@link SendingRouteRecovered} published. Runs in the
 * caller's transaction, so the events go out with the health.
 */
@Component
class RouteAlarms {

	private final RoutingRepository repository;

	private final ApplicationEventPublisher events;

	RouteAlarms(RoutingRepository repository, ApplicationEventPublisher events) {
		this.repository = repository;
		this.events = events;
	}

	void review(UUID workspaceId, Instant now) {
		List<RoutingRepository.RouteRow> routes = repository.routes(workspaceId);
		if (routes.isEmpty()) {
			return;
		}
		Map<UUID, RoutingRepository.ProviderRow> providers = repository.providers(workspaceId)
			.stream()
			.collect(Collectors.toMap(RoutingRepository.ProviderRow::id, Function.identity()));
		List<SendingRouteFailing.Route> failing = new ArrayList<>();
		java.util.Set<String> matches = new java.util.HashSet<>();
		for (RoutingRepository.RouteRow route : routes) {
			List<RoutingRepository.ProviderRow> steps = route.providers()
				.stream()
				.map(providers::get)
				.filter(Objects::nonNull)
				.filter(RoutingRepository.ProviderRow::enabled)
				.toList();
			boolean shadowed = !matches.add(route.match() + ":" + route.value());
			if (steps.isEmpty() || route.campaignArchived() || shadowed) {
				continue;
			}
			String words = SendingRoutes.view(route, providers).words();
			if (steps.stream().allMatch(step -> step.health() == ProviderHealth.FAILING)) {
				if (repository.markAllFailing(workspaceId, route.id(), now)) {
					failing.add(new SendingRouteFailing.Route(route.id(), route.position(), words, steps.stream()
						.map(step -> step.name() + (step.healthError() == null ? "" : " (" + step.healthError() + ")"))
						.toList(), route.thenSmtp()));
				}
			}
			else {
				steps.stream()
					.filter(step -> step.health() == ProviderHealth.HEALTHY)
					.findFirst()
					.filter(healthy -> repository.clearAllFailing(workspaceId, route.id()))
					.ifPresent(healthy -> events.publishEvent(new SendingRouteRecovered(workspaceId, route.id(),
							route.position(), words, healthy.name())));
			}
		}
		if (!failing.isEmpty()) {
			events.publishEvent(new SendingRouteFailing(workspaceId, List.copyOf(failing)));
		}
	}

}
