package com.penguinmails;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
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

	public static void main(String[] args) {
		SpringApplication.run(PenguinMailsApplication.class, args);
	}

}
