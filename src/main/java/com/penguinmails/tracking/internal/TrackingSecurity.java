package com.penguinmails.tracking.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Recipients' links need no account: the signed token in the URL is the credential. No
 * CSRF token either: RFC 8058's one-click POST comes from mail providers, without
 * cookies, and can only unsubscribe the address the signed link names.
 */
@Configuration(proxyBeanMethods = false)
class TrackingSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain trackingChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/u/**", "/o/**", "/c/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
		return http.build();
	}

}
