package com.penguinmails.tracking.internal;

import java.net.URI;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.domains.Domains;
import com.penguinmails.shared.PenguinMailsProperties;

/**
 * Where the links of a message (open pixel, click redirect, unsubscribe) point: the
 * sending domain's verified tracking host ({@code track.<domain>}, a CNAME to this
 * installation), so the links share the sender's domain and reputation; else the base
 * URL. The scheme, an explicit port and the path are the base URL's: the tracking host
 * reaches the same server.
 */
@Component
public class LinkBase {

	private final Domains domains;

	private final String base;

	private final String scheme;

	private final String portAndPath;

	LinkBase(Domains domains, PenguinMailsProperties properties) {
		this.domains = domains;
		String url = properties.baseUrl().toString();
		this.base = url.endsWith("/") ? url : url + "/";
		URI uri = URI.create(this.base);
		this.scheme = uri.getScheme();
		this.portAndPath = (uri.getPort() < 0 ? "" : ":" + uri.getPort())
				+ (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
	}

	/** The base URL, ending in a slash. */
	public String base() {
		return base;
	}

	/**
	 * The base of the links of a message from {@code sendingDomain} (the domain of the
	 * sender's address) of the workspace, ending in a slash.
	 */
	public String of(UUID workspaceId, String sendingDomain) {
		return domains.trackingHost(workspaceId, sendingDomain)
			.map(host -> scheme + "://" + host + portAndPath)
			.orElse(base);
	}

}
