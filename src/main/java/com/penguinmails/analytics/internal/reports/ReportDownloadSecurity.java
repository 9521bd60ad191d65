package com.penguinmails.analytics.internal.reports;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Report download links need no login: the signed, expiring token in the URL is the
 * credential, and it serves one run's file only. GET only, no session, no CSRF (nothing
 * changes).
 */
@Configuration(proxyBeanMethods = false)
class ReportDownloadSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain reportDownloadChain(HttpSecurity http) throws Exception {
		http.securityMatcher(ReportRunner.DOWNLOAD_PATH + "**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.authorizeHttpRequests(auth -> auth.requestMatchers(org.springframework.http.HttpMethod.GET)
				.permitAll()
				.anyRequest()
				.denyAll());
		return http.build();
	}

}
