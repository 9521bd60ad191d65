package com.penguinmails.mailboxes.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.mailboxes.NewSendingRoute;
import com.penguinmails.mailboxes.SendingRoute;
import com.penguinmails.mailboxes.SendingRoutes;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenancy;

/**
 * The workspace's sending routes, in order: the first that matches a message (its
 * campaign, its recipient's domain, or its recipient's mail provider) chooses its
 * transports; a message no route matches goes through its mailbox's own transport. Bad
 * input is an RFC 9457 problem naming what is wrong.
 */
@RestController
@RequestMapping(path = "/api/v1/sending-routes", produces = "application/json")
@Tag(name = "Sending routes",
		description = "Ordered rules choosing each message's transport (sending providers, then perhaps the mailbox's "
				+ "SMTP server) by campaign, recipient domain or recipient mail provider")
@SecurityRequirement(name = "apiKey")
class SendingRoutesApi {

	/** The routes' ids in their new order (every route of the workspace once). */
	record RouteOrder(List<UUID> ids) {
	}

	private final SendingRoutes routes;

	private final Tenancy tenancy;

	SendingRoutesApi(SendingRoutes routes, Tenancy tenancy) {
		this.routes = routes;
		this.tenancy = tenancy;
	}

	@GetMapping
	@Operation(summary = "The routes in order, each with its providers' health and what it does in words")
	CursorPage<SendingRoute> list() {
		return CursorPage.of(routes.routes(tenancy.current()));
	}

	@PostMapping(consumes = "application/json")
	@Operation(summary = "Add a route after the others")
	@ApiResponse(responseCode = "201", description = "The route")
	@ApiResponse(responseCode = "400",
			description = "A route that could never match or send, named: the match, the domain, "
					+ "the campaign (missing, archived or unknown), a provider not of the workspace, no transport, or only "
					+ "providers that are off without the SMTP step")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<SendingRoute> add(@RequestBody NewSendingRoute request) {
		SendingRoute route = routes.addRoute(tenancy.current(), request);
		return ResponseEntity.created(URI.create("/api/v1/sending-routes/" + route.id())).body(route);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One route with its providers' health, what it does in words and why it is broken (if it is)")
	@ApiResponse(responseCode = "200", description = "The route")
	@ApiResponse(responseCode = "404", description = "Not a route of the workspace")
	SendingRoute get(@PathVariable UUID id) {
		return routes.route(tenancy.current(), id);
	}

	@PutMapping(path = "/{id}", consumes = "application/json")
	@Operation(summary = "Replace a route's match and transports; it keeps its place")
	@ApiResponse(responseCode = "200", description = "The route")
	@ApiResponse(responseCode = "400",
			description = "A route that could never match or send, named: the match, the domain, "
					+ "the campaign (missing, archived or unknown), a provider not of the workspace, no transport, or only "
					+ "providers that are off without the SMTP step")
	@ApiResponse(responseCode = "404", description = "Not a route of the workspace")
	SendingRoute replace(@PathVariable UUID id, @RequestBody NewSendingRoute request) {
		return routes.updateRoute(tenancy.current(), id, request);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a route; the routes after it move up one place")
	@ApiResponse(responseCode = "204", description = "Deleted; the others close up")
	@ApiResponse(responseCode = "404", description = "Not a route of the workspace")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		routes.deleteRoute(tenancy.current(), id);
		return ResponseEntity.noContent().build();
	}

	@PutMapping(path = "/order", consumes = "application/json")
	@Operation(summary = "Put the routes in this order (every route once)")
	@ApiResponse(responseCode = "200", description = "The routes in their new order")
	@ApiResponse(responseCode = "400", description = "Not every route of the workspace exactly once")
	CursorPage<SendingRoute> reorder(@RequestBody RouteOrder order) {
		return CursorPage.of(routes.reorder(tenancy.current(), order == null ? null : order.ids()));
	}

}
