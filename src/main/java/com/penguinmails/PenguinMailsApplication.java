package com.penguinmails;

import com.penguinmails.backups.RestoreCommand;
import com.penguinmails.secrets.SecretsCommand;

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
	 * {@code restore <backup>} restores a backup instead of starting (see
	 * {@link RestoreCommand}); {@code secrets <rewrap | check | derivation-key>} works on
	 * the secrets at rest instead of starting (see {@link SecretsCommand}).
	 */
	public static void main(String[] args) {
		if (RestoreCommand.handles(args)) {
			System.exit(RestoreCommand.run(args));
		}
		if (SecretsCommand.handles(args)) {
			System.exit(SecretsCommand.run(args));
		}
		SpringApplication application = new SpringApplication(PenguinMailsApplication.class);
		if ("jfr".equals(System.getProperty("penguinmails.startup-steps"))) {
			application.setApplicationStartup(new FlightRecorderApplicationStartup());
		}
		application.run(args);
	}

}
