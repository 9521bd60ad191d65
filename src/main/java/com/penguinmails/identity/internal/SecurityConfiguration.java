package com.penguinmails.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import javax.sql.DataSource;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.RememberMeAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import org.springframework.util.StringUtils;

import com.penguinmails.shared.Secrets;

/**
 * Three filter chains: the actuator (health open, the rest behind HTTP Basic), the API
 * ({@code /api/v1/**}: stateless, bearer API keys, rate-limited, no CSRF since no cookie
 * is honoured) and the pages (session login with CSRF, remember-me, 2FA).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt by default, and able to read any future {id}-prefixed hash.
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	ProxyManager<String> rateLimitBuckets(DataSource dataSource) {
		return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("rate_limit_bucket")
			.idColumn("id")
			.stateColumn("state")
			.expiresAtColumn("expires_at")
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
			.build();
	}

	@Bean
	PersistentTokenRepository rememberMeTokens(DataSource dataSource) {
		JdbcTokenRepositoryImpl repository = new JdbcTokenRepositoryImpl();
		repository.setDataSource(dataSource);
		return repository;
	}

	@Bean
	TwoStepRememberMeServices rememberMeServices(Secrets secrets, PersistentTokenRepository tokens,
			UserRepository users, IdentityProperties properties, LoginFlow loginFlow) {
		UserDetailsService byId = id -> {
			UserAccount user;
			try {
				user = users.findById(UUID.fromString(id)).orElseThrow(() -> new UsernameNotFoundException(id));
			}
			catch (IllegalArgumentException ex) {
				throw new UsernameNotFoundException(id);
			}
			return User.withUsername(user.id().toString())
				.password(user.passwordHash())
				.authorities(Authorities.FULL)
				.accountLocked(user.lockedAt(Instant.now()))
				.disabled(!user.verified())
				.build();
		};
		TwoStepRememberMeServices services = new TwoStepRememberMeServices(rememberMeKey(secrets), byId, tokens, users,
				loginFlow);
		services.setTokenValiditySeconds((int) properties.rememberMeValidity().toSeconds());
		services.setParameter("remember-me");
		// HttpOnly is Spring's default; Secure follows the request (https, also behind a
		// proxy started with forward headers); SameSite=Lax (RFC 6265bis §4.1.2.7) keeps
		// it off cross-site POSTs, like the session cookie.
		services.setCookieCustomizer(cookie -> cookie.setAttribute("SameSite", "Lax"));
		loginFlow.setRememberMe(services);
		return services;
	}

	private static String rememberMeKey(Secrets secrets) {
		return HexFormat.of().formatHex(secrets.derivedKey("remember-me"));
	}

	/**
	 * Actuator: health (and its liveness/readiness groups) is open to probes; every other
	 * endpoint ({@code /actuator/prometheus}, info, ...) needs HTTP Basic (RFC 7617) with
	 * the scrape credentials {@code penguinmails.management.metrics-username} /
	 * {@code metrics-password}. With no password configured nobody gets in.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain actuatorChain(HttpSecurity http, ManagementProperties management,
			PasswordEncoder passwordEncoder) throws Exception {
		InMemoryUserDetailsManager scraper = new InMemoryUserDetailsManager();
		if (StringUtils.hasText(management.metricsPassword())) {
			scraper.createUser(User.withUsername(management.metricsUsername())
				.password(passwordEncoder.encode(management.metricsPassword()))
				.roles("METRICS")
				.build());
		}
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(scraper);
		provider.setPasswordEncoder(passwordEncoder);
		http.securityMatcher("/actuator/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.authenticationManager(new ProviderManager(provider))
			.authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.anyRequest()
				.hasRole("METRICS"))
			.httpBasic(basic -> basic.realmName("PenguinMails metrics"));
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, ApiKeyService keys, ProxyManager<String> buckets,
			IdentityProperties properties) throws Exception {
		http.securityMatcher("/api/v1/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.disable())
			.addFilterBefore(new ApiKeyAuthenticationFilter(keys), AnonymousAuthenticationFilter.class)
			.addFilterAfter(new ApiRateLimitFilter(buckets, properties), ApiKeyAuthenticationFilter.class)
			// A streamed body (StreamingResponseBody: report exports) ends in an ASYNC
			// dispatch that carries no key (the chain is stateless); the request that
			// started it was authorised.
			.authorizeHttpRequests(
					auth -> auth.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll().anyRequest().hasRole("API"))
			.exceptionHandling(e -> e
				.authenticationEntryPoint((request, response, ex) -> ApiProblems.write(response, 401, "unauthorized",
						"Unauthorized", "Send an API key: Authorization: Bearer pm_..."))
				.accessDeniedHandler((request, response, ex) -> ApiProblems.write(response, 403, "forbidden",
						"Forbidden", "This API key may not do this.")));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain webChain(HttpSecurity http, UserRepository users, PasswordEncoder passwordEncoder,
			LoginProtection protection, CaptchaService captcha, LoginFlow loginFlow,
			TwoStepRememberMeServices rememberMe, Secrets secrets) throws Exception {
		PasswordAuthenticationProvider passwords = new PasswordAuthenticationProvider(users, passwordEncoder,
				protection);
		AuthenticationManager manager = new ProviderManager(passwords,
				new RememberMeAuthenticationProvider(rememberMeKey(secrets)));
		SimpleUrlAuthenticationFailureHandler failure = new SimpleUrlAuthenticationFailureHandler("/login?error");
		AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
		http.authenticationManager(manager)
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/signup", "/login", "/verify-email", "/verify-email/resend", "/forgot-password",
						"/reset-password", "/invitations/accept", "/captcha/challenge", "/account/email/confirm")
				.permitAll()
				.requestMatchers("/css/**", "/img/**", "/js/**", "/vendor/**", "/webjars/**", "/favicon.ico", "/error",
						"/sandbox/**")
				.permitAll()
				.requestMatchers("/api/docs", "/api/docs/**", "/api/swagger-ui/**")
				.permitAll()
				.requestMatchers("/login/2fa")
				.hasAuthority(Authorities.MFA_PENDING)
				.anyRequest()
				.hasRole("USER"))
			.formLogin(form -> form.loginPage("/login")
				.usernameParameter("email")
				.authenticationDetailsSource(LoginDetails::of)
				.successHandler(loginFlow)
				.failureHandler(failure)
				.permitAll())
			.rememberMe(remember -> remember.rememberMeServices(rememberMe))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("SESSION"))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
						+ "style-src 'self' 'unsafe-inline'; script-src 'self'; worker-src 'self' blob:; "
						+ "frame-ancestors 'none'; frame-src 'self'; form-action 'self'; base-uri 'self'"))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.exceptionHandling(e -> e.accessDeniedHandler((request, response, ex) -> {
				// A login still owing its 2FA code goes back to the code page; anyone
				// else sees 403.
				if (CurrentUser.find().isPresent() && !CurrentUser.fullySignedIn()) {
					response.sendRedirect(request.getContextPath() + "/login/2fa");
				}
				else {
					denied.handle(request, response, ex);
				}
			}))
			.addFilterBefore(new LoginThrottleFilter(protection, captcha), UsernamePasswordAuthenticationFilter.class)
			.addFilterAfter(new TwoFactorEnrolmentFilter(), AuthorizationFilter.class);
		return http.build();
	}

}
