package com.penguinmails;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature packages talk only through each other's public top-level types, with no
 * cycles, and each only to the modules its {@code package-info.java} allows
 * ({@code @ApplicationModule(allowedDependencies = ...)}, listed in
 * docs/ARCHITECTURE.md).
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(PenguinMailsApplication.class);

	@Test
	void featureModulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void writesTheModuleDocumentation() {
		new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
