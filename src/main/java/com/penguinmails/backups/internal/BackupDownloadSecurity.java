package com.penguinmails.backups.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Backup download links need no login: the signed, expiring token in the URL
 * ({@link BackupDownloads}) is the credential, and it serves one backup's file only. GET
 * only, no session, no CSRF (nothing changes).
 */
@Configuration(proxyBeanMethods = false)
class BackupDownloadSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain backupDownloadChain(HttpSecurity http) throws Exception {
		http.securityMatcher(BackupDownloads.PATH + "**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.authorizeHttpRequests(auth -> auth.requestMatchers(HttpMethod.GET).permitAll().anyRequest().denyAll());
		return http.build();
	}

}
