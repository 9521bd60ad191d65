package com.penguinmails.system.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.shared.Tenancy;
import com.penguinmails.system.SystemStatus;
import com.penguinmails.system.SystemStatusReport;

/** {@code GET /api/v1/system/status}: the installation's health, for its admins. */
@RestController
@RequestMapping(path = "/api/v1/system", produces = "application/json")
@Tag(name = "System",
		description = "The installation's health for its admins: every check with what to do, the nodes' heartbeats"
				+ " and 90 days of hourly resource history")
@SecurityRequirement(name = "apiKey")
class SystemStatusApi {

	private final SystemStatus status;

	private final Tenancy tenancy;

	SystemStatusApi(SystemStatus status, Tenancy tenancy) {
		this.status = status;
		this.tenancy = tenancy;
	}

	@GetMapping("/status")
	@Operation(summary = "Run every check now and return them with the nodes and the resource history",
			description = "Installation admins only (penguinmails.installation.admins, else the first workspace's "
					+ "owner), with an API key holding system:read; anyone else gets 403. Each check runs within "
					+ "8 s (a slow or broken one is reported as unknown); the port check is cached 15 minutes. "
					+ "status is the worst of the checks: failing, then warning, then unknown, else ok.")
	SystemStatusReport status() {
		return status.status(tenancy.current());
	}

}
