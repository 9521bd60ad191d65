package com.penguinmails.webhooks;

import java.util.List;

/**
 * What a person asks of an endpoint: on create, every field but the optional ones; on
 * update (PATCH), a null field stays as it is.
 *
 * @param url where to POST events: {@code https://…} (http only when an administrator
 * sets {@code penguinmails.webhooks.allow-http}); its host may not be loopback, private
 * or link-local unless allow-listed ({@code penguinmails.network.allow}); at most 2,048
 * characters, no user name or password in it
 * @param description what it is for, at most 300 characters (optional)
 * @param eventTypes wire names from the catalogue ({@code message.bounced}) or
 * {@code "*"} for all; at least one
 * @param filter a CEL expression giving a bool (optional, at most 4,096 characters)
 * @param transform a JSLT expression giving a JSON object or array (optional, at most
 * 4,096 characters)
 * @param signEd25519 whether to sign with ed25519 ({@code v1a}) besides HMAC-SHA256
 * ({@code v1}) (optional, default false)
 */
public record EndpointRequest(String url, String description, List<String> eventTypes, String filter, String transform,
		Boolean signEd25519) {
}
