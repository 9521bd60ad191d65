package com.penguinmails.reputation;

import java.time.Clock;

import org.springframework.stereotype.Service;

import com.penguinmails.mailboxes.RecipientProviderResolver;
import com.penguinmails.reputation.internal.throttle.RecipientProviders;

/**
 * The mail provider of a recipient domain for other features (analytics' provider
 * breakdown): the big providers' consumer domains are known, any other domain's MX hosts
 * are asked of DNS and cached, as throttling does. Also what sending routes match on
 * (mailboxes' {@link RecipientProviderResolver}).
 */
@Service
public class RecipientProviderLookup implements RecipientProviderResolver {

	private final RecipientProviders providers;

	private final Clock clock;

	RecipientProviderLookup(RecipientProviders providers, Clock clock) {
		this.providers = providers;
		this.clock = clock;
	}

	/**
	 * The provider of {@code domain} (any case); {@link RecipientProvider#OTHER} when DNS
	 * does not answer.
	 */
	public RecipientProvider of(String domain) {
		return providers.resolve(domain, clock.instant()).provider();
	}

	/**
	 * For sending routes: the provider's stored value (google, microsoft, yahoo or
	 * other).
	 */
	@Override
	public String providerOf(String domain) {
		return of(domain).value();
	}

}
