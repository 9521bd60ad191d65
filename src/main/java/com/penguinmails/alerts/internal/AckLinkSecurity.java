package com.penguinmails.alerts.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Acknowledgement links need no sign-in: the signed, expiring token in the URL is the
 * credential, and it acknowledges one alert only. No session; no CSRF token either, since
 * a forged cross-site POST would need the token, which is the whole credential (as for
 * the report download links).
 */
@Configuration(proxyBeanMethods = false)
class AckLinkSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain alertAckChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/alerts/ack/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
		return http.build();
	}

}
