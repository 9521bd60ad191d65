package com.penguinmails.tracking.internal;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import com.penguinmails.domains.Domains;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.tracking.Engagements;
import com.penguinmails.tracking.web.TrackingEndpoints;

/**
 * Recipients' links need no account: the signed token in the URL is the credential. No
 * CSRF token either: RFC 8058's one-click POST comes from mail providers, without
 * cookies, and can only unsubscribe the address the signed link names. A workspace's
 * tracking host reaches these links only ({@link TrackingHostFilter}).
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

	/**
	 * Before the session repository and Spring Security, so that on a tracking host
	 * nothing else of the app runs; after the observation and encoding filters.
	 */
	@Bean
	FilterRegistrationBean<TrackingHostFilter> trackingHostFilter(Domains domains, PenguinMailsProperties app) {
		FilterRegistrationBean<TrackingHostFilter> registration = new FilterRegistrationBean<>(
				new TrackingHostFilter(domains, app.baseUrl().getHost()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/**
	 * The pixel and the redirect, right after the host filter: nothing of the session,
	 * security or MVC machinery runs for them.
	 */
	@Bean
	FilterRegistrationBean<TrackingEndpoints> trackingEndpoints(Engagements engagements) {
		FilterRegistrationBean<TrackingEndpoints> registration = new FilterRegistrationBean<>(
				new TrackingEndpoints(engagements));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
		return registration;
	}

}
