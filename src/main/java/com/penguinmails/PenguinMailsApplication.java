package com.penguinmails;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.core.metrics.jfr.FlightRecorderApplicationStartup;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * PenguinMails: a self-hosted cold-email and email-infrastructure platform, one Spring
 * Boot application made of feature modules (see {@code ARCHITECTURE.md}).
 */
// Users come from our own provider: no generated in-memory user.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class PenguinMailsApplication {

	/**
	 * Starts the application. With the system property
	 * {@code penguinmails.startup-steps=jfr}, each start-up step (bean creation, context
	 * phases) is recorded as a JFR event ({@code spring.*}, Spring Framework's
	 * {@code FlightRecorderApplicationStartup}) for a recording started with
	 * {@code -XX:StartFlightRecording}: where a slow start goes, bean by bean.
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(PenguinMailsApplication.class);
		if ("jfr".equals(System.getProperty("penguinmails.startup-steps"))) {
			application.setApplicationStartup(new FlightRecorderApplicationStartup());
		}
		application.run(args);
	}

}
