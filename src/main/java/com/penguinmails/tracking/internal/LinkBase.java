package com.penguinmails.tracking.internal;

import java.net.URI;
import java.util.OptionalInt;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.penguinmails.domains.Domains;
import com.penguinmails.domains.TrackingCertificates;
import com.penguinmails.shared.PenguinMailsProperties;

/**
 * Where the links of a message (open pixel, click redirect, unsubscribe) point: the
 * sending domain's verified tracking host ({@code track.<domain>}, a CNAME to this
 * installation), so the links share the sender's domain and reputation; else the base
 * URL. The scheme, an explicit port and the path are the base URL's: the tracking host
 * reaches the same server; but with an {@code http} base URL, a tracking host whose own
 * certificate is in use ({@link TrackingCertificates#linkPort}) gets {@code https} links.
 */
@Component
public class LinkBase {

	private final Domains domains;

	private final String base;

	private final String scheme;

	private final String portAndPath;

	private final String path;

	private final ObjectProvider<TrackingCertificates> certificates;

	LinkBase(Domains domains, PenguinMailsProperties properties, ObjectProvider<TrackingCertificates> certificates) {
		this.domains = domains;
		this.certificates = certificates;
		String url = properties.baseUrl().toString();
		this.base = url.endsWith("/") ? url : url + "/";
		URI uri = URI.create(this.base);
		this.scheme = uri.getScheme();
		this.path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
		this.portAndPath = (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
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
		return domains.trackingHost(workspaceId, sendingDomain).map(host -> {
			// An http base URL: the host's own certificate, once in use, makes its links
			// https (certificates answer; absent when that feature does not run).
			TrackingCertificates tls = "http".equals(scheme) ? certificates.getIfAvailable() : null;
			OptionalInt https = tls == null ? OptionalInt.empty() : tls.linkPort(workspaceId, host);
			if (https.isPresent()) {
				return "https://" + host + (https.getAsInt() == 443 ? "" : ":" + https.getAsInt()) + path;
			}
			return scheme + "://" + host + portAndPath;
		}).orElse(base);
	}

}
