package com.penguinmails.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one application context every integration test shares (same annotations everywhere,
 * so Spring caches a single context): real embedded PostgreSQL, real sandbox mail server,
 * real HTTP port.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = FreePortInitializer.class)
@AutoConfigureMockMvc
@AutoConfigureObservability
@ActiveProfiles("test")
public @interface IntegrationTest {

}
