package com.penguinmails.certificates.internal;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The HTTPS connector beside the HTTP one (only with
 * {@code penguinmails.tls.https-port}), and the HTTP-01 answer ahead of every other
 * filter.
 */
@Configuration(proxyBeanMethods = false)
class HttpsConfiguration {

	@Bean
	@Conditional(HttpsConfiguration.PortSet.class)
	static HttpsConnector httpsConnector(org.springframework.core.env.Environment environment) {
		return new HttpsConnector(environment.getRequiredProperty("penguinmails.tls.https-port", Integer.class));
	}

	@Bean
	@Conditional(HttpsConfiguration.PortSet.class)
	static WebServerFactoryCustomizer<TomcatServletWebServerFactory> httpsConnectorCustomizer(
			HttpsConnector connector) {
		return factory -> factory.addAdditionalTomcatConnectors(connector.connector());
	}

	/**
	 * Before the tracking host filter (which shows a tracking host nothing but its links)
	 * and Spring Security: the CA fetches the answer from the tracking host, without a
	 * login.
	 */
	@Bean
	FilterRegistrationBean<ChallengeEndpoint> acmeChallengeEndpoint(CertificateRepository repository,
			java.time.Clock clock) {
		FilterRegistrationBean<ChallengeEndpoint> registration = new FilterRegistrationBean<>(
				new ChallengeEndpoint(repository, clock));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 9);
		return registration;
	}

	/** Whether {@code penguinmails.tls.https-port} is set (an empty value is unset). */
	static final class PortSet implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty("penguinmails.tls.https-port"));
		}

	}

}
