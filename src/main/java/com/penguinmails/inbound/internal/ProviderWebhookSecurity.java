package com.penguinmails.inbound.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The providers' webhook endpoints need no account and no CSRF token: machines post there
 * without cookies, and the URL's secret token and each provider's signature are checked
 * by {@link com.penguinmails.inbound.ProviderWebhooks}.
 */
@Configuration(proxyBeanMethods = false)
class ProviderWebhookSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain providerWebhookChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/webhooks/providers/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.disable())
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
		return http.build();
	}

}
