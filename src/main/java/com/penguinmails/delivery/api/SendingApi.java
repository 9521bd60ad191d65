package com.penguinmails.delivery.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.delivery.SendingSwitch;
import com.penguinmails.shared.Tenancy;

@RestController
@RequestMapping(path = "/api/v1/sending", produces = "application/json")
@Tag(name = "Sending", description = "The workspace's switch to pause all sending at once")
@SecurityRequirement(name = "apiKey")
class SendingApi {

	private final SendingSwitch sending;

	private final Tenancy tenancy;

	SendingApi(SendingSwitch sending, Tenancy tenancy) {
		this.sending = sending;
		this.tenancy = tenancy;
	}

	@GetMapping
	SendingSwitch.Status status() {
		return sending.status(tenancy.current());
	}

	@PostMapping("/pause")
	@Operation(summary = "Pause all sending of the workspace (admins); takes effect within a second")
	SendingSwitch.Status pause() {
		return sending.pause(tenancy.current());
	}

	@PostMapping("/resume")
	@Operation(summary = "Resume sending; messages that came due meanwhile go out")
	SendingSwitch.Status resume() {
		return sending.resume(tenancy.current());
	}

}
