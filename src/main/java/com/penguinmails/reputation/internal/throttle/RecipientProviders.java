package com.penguinmails.reputation.internal.throttle;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.penguinmails.domains.MailExchangers;
import com.penguinmails.reputation.RecipientProvider;

/**
 * The provider of a recipient domain: the big providers' consumer domains are known; any
 * other domain is asked for its MX hosts (Google Workspace, Microsoft 365 and Yahoo host
 * many), cached in {@code throttle_recipient_domains} for
 * {@link ThrottleProperties#providerCacheFor()}. A domain DNS does not answer for counts
 * as another receiver, and is asked again next time.
 */
@Component
public class RecipientProviders {

	/**
	 * A recipient domain's provider and its path key: the provider's value, or the domain
	 * itself for another receiver (each small receiver is its own path).
	 */
	public record Resolved(RecipientProvider provider, String path) {

		static Resolved of(RecipientProvider provider, String domain) {
			return new Resolved(provider, provider == RecipientProvider.OTHER ? domain : provider.value());
		}

	}

	private static final Map<String, RecipientProvider> KNOWN = Map.ofEntries(
			Map.entry("gmail.com", RecipientProvider.GOOGLE), Map.entry("googlemail.com", RecipientProvider.GOOGLE),
			Map.entry("outlook.com", RecipientProvider.MICROSOFT),
			Map.entry("hotmail.com", RecipientProvider.MICROSOFT), Map.entry("live.com", RecipientProvider.MICROSOFT),
			Map.entry("msn.com", RecipientProvider.MICROSOFT), Map.entry("hotmail.co.uk", RecipientProvider.MICROSOFT),
			Map.entry("hotmail.fr", RecipientProvider.MICROSOFT), Map.entry("outlook.fr", RecipientProvider.MICROSOFT),
			Map.entry("live.fr", RecipientProvider.MICROSOFT), Map.entry("hotmail.de", RecipientProvider.MICROSOFT),
			Map.entry("outlook.de", RecipientProvider.MICROSOFT), Map.entry("yahoo.com", RecipientProvider.YAHOO),
			Map.entry("ymail.com", RecipientProvider.YAHOO), Map.entry("rocketmail.com", RecipientProvider.YAHOO),
			Map.entry("yahoo.co.uk", RecipientProvider.YAHOO), Map.entry("yahoo.fr", RecipientProvider.YAHOO),
			Map.entry("yahoo.de", RecipientProvider.YAHOO), Map.entry("aol.com", RecipientProvider.YAHOO),
			Map.entry("aim.com", RecipientProvider.YAHOO));

	private final ThrottleRepository repository;

	private final MailExchangers exchangers;

	private final ThrottleProperties settings;

	RecipientProviders(ThrottleRepository repository, MailExchangers exchangers, ThrottleProperties settings) {
		this.repository = repository;
		this.exchangers = exchangers;
		this.settings = settings;
	}

	/** The provider of {@code domain} (lower case) at {@code now}. */
	public Resolved resolve(String domain, Instant now) {
		String name = domain.toLowerCase(Locale.ROOT);
		RecipientProvider known = KNOWN.get(name);
		if (known != null) {
			return Resolved.of(known, name);
		}
		Optional<ThrottleRepository.CachedProvider> cached = repository.provider(name);
		if (cached.isPresent() && cached.get().checkedAt().plus(settings.providerCacheFor()).isAfter(now)) {
			return Resolved.of(cached.get().provider(), name);
		}
		Optional<List<String>> hosts = exchangers.hosts(name);
		if (hosts.isEmpty()) {
			return Resolved.of(RecipientProvider.OTHER, name);
		}
		RecipientProvider provider = byHosts(hosts.get());
		repository.saveProvider(name, provider, String.join(" ", hosts.get()), now);
		return Resolved.of(provider, name);
	}

	/** The provider whose hosts these MX hosts are (the most preferred that is known). */
	static RecipientProvider byHosts(List<String> hosts) {
		for (String host : hosts) {
			if (host.endsWith(".google.com") || host.endsWith(".googlemail.com") || host.equals("smtp.google.com")) {
				return RecipientProvider.GOOGLE;
			}
			if (host.endsWith(".protection.outlook.com") || host.endsWith(".olc.protection.outlook.com")
					|| host.endsWith(".hotmail.com") || host.endsWith(".outlook.com")) {
				return RecipientProvider.MICROSOFT;
			}
			if (host.endsWith(".yahoodns.net") || host.endsWith(".yahoo.com") || host.endsWith(".aol.com")) {
				return RecipientProvider.YAHOO;
			}
		}
		return RecipientProvider.OTHER;
	}

}
