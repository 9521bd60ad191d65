package com.penguinmails.certificates.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * TLS settings under {@code penguinmails.tls}.
 *
 * @param httpsPort the port of the app's own HTTPS connector, which serves each tracking
 * host's certificate by SNI (and a self-signed one to any other name); null: no connector
 * (a reverse proxy terminates TLS)
 * @param filesDir where each issued certificate is also written for a reverse proxy, as
 * {@code <dir>/<host>/fullchain.pem} and {@code privkey.pem} (0600); empty:
 * {@code <data-dir>/certs}
 * @param writeFiles whether to write those files at all
 * @param httpsLinks whether a message's tracking links (pixel, redirect, unsubscribe) on
 * a tracking host whose certificate is in use use {@code https}: {@code auto} (the
 * default) when the app's own HTTPS connector runs, {@code on} always (a reverse proxy
 * serves the written files), {@code off} never (links keep the base URL's scheme)
 * @param linkHttpsPort the port those {@code https} links name: the public HTTPS port,
 * 443 by default (then none is written), forwarded to the connector or the proxy
 * @param acme the ACME client
 */
@ConfigurationProperties("penguinmails.tls")
public record TlsProperties(Integer httpsPort, String filesDir, boolean writeFiles, String httpsLinks,
		Integer linkHttpsPort, Acme acme) {

	public TlsProperties {
		acme = acme == null ? new Acme(false, null, "", "", true, null, null) : acme;
		httpsLinks = httpsLinks == null || httpsLinks.isBlank() ? "auto" : httpsLinks.strip().toLowerCase(Locale.ROOT);
		if (!List.of("auto", "proxy", "off").contains(httpsLinks)) {
			throw new IllegalArgumentException(
					"penguinmails.tls.https-links (PENGUINMAILS_TLS_HTTPS_LINKS) is auto, proxy or off, not "
							+ httpsLinks);
		}
	}

	/**
	 * The port tracking links on a host with a certificate in use name for {@code https}
	 * (443: the default one); null when they stay on the base URL's scheme.
	 */
	public Integer linkPort() {
		boolean https = switch (httpsLinks) {
			case "on" -> true;
			case "auto" -> httpsPort != null;
			default -> false;
		};
		return https ? linkHttpsPort : null;
	}

	/**
	 * @param enabled whether certificates are requested at all (off by default: it needs
	 * port 80 of every tracking host to reach this app, and it accepts the CA's terms of
	 * service)
	 * @param directory the ACME directory URL (RFC 8555 §7.1.1); default Let's Encrypt's
	 * production one, {@code https://acme-staging-v02.api.letsencrypt.org/directory} for
	 * its staging CA
	 * @param contact an email address the CA may write to about the account (expiry
	 * notices); empty: none
	 * @param trustBundle a PEM file of CA certificates to trust for the ACME directory's
	 * HTTPS instead of the JDK's (a private or test CA); empty: the JDK's trust store
	 * @param loopEnabled whether this node runs the request and renewal loop (tests run
	 * it themselves)
	 * @param every how often the loop looks for due hosts (and every node reloads the
	 * certificates it serves)
	 * @param timeout how long one authorization or order may take to become valid
	 */
	public record Acme(boolean enabled, URI directory, String contact, String trustBundle, boolean loopEnabled,
			Duration every, Duration timeout) {

		public Acme {
			directory = directory == null ? URI.create("https://acme-v02.api.letsencrypt.org/directory") : directory;
			contact = contact == null ? "" : contact.strip();
			trustBundle = trustBundle == null ? "" : trustBundle.strip();
			every = every == null ? Duration.ofMinutes(10) : every;
			timeout = timeout == null ? Duration.ofMinutes(2) : timeout;
		}

	}

}
