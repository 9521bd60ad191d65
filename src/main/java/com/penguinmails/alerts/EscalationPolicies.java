package com.penguinmails.alerts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.alerts.internal.ChannelRepository;
import com.penguinmails.alerts.internal.PolicyRepository;
import com.penguinmails.shared.AuditedAction;
import com.penguinmails.shared.EmailAddresses;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's escalation policies: ordered steps (a channel or one person's address)
 * that an unacknowledged alert goes through. Admins read them ({@code alerts:read}) and
 * change them ({@code alerts:write}); every change is in the audit log. Invalid input
 * throws {@link InvalidInputProblem} {@code invalid-policy} (400).
 */
@Service
public class EscalationPolicies {

	/** An escalation policy's name and its steps, in order. */
	public record PolicyRequest(String name, List<StepRequest> steps) {
	}

	/**
	 * A step: a channel or an address, after {@code afterMinutes} unacknowledged (ignored
	 * for the first step).
	 */
	public record StepRequest(UUID channelId, String email, Integer afterMinutes) {
	}

	private final PolicyRepository policies;

	private final ChannelRepository channels;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	EscalationPolicies(PolicyRepository policies, ChannelRepository channels, ApplicationEventPublisher events,
			Clock clock) {
		this.policies = policies;
		this.channels = channels;
		this.events = events;
		this.clock = clock;
	}

	/** The escalation policies with their steps (admins, {@code alerts:read}). */
	public List<EscalationPolicy> policies(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "alerts:read");
		return policies.policies(tenant.workspaceId());
	}

	/**
	 * One escalation policy of the workspace (admins, {@code alerts:read}).
	 * @throws NotFoundProblem when the workspace has no such policy
	 */
	public EscalationPolicy policy(Tenant tenant, UUID policyId) {
		tenant.require(WorkspaceRole.ADMIN, "alerts:read");
		return find(tenant, policyId);
	}

	/**
	 * Adds an escalation policy.
	 * @throws InvalidInputProblem {@code invalid-policy} for a missing name, no step or
	 * more than 5, a step without exactly one of a channel and an address, or a later
	 * step without 1 to 1440 minutes
	 */
	@Transactional
	public EscalationPolicy addPolicy(Tenant tenant, PolicyRequest request) {
		tenant.require(WorkspaceRole.ADMIN, "alerts:write");
		String name = AlertSettings.name(request.name(), "invalid-policy");
		List<PolicyRepository.NewStep> steps = steps(tenant, request);
		UUID id = policies.insert(tenant.workspaceId(), name, steps, clock.instant());
		audit(tenant, "escalation_policy.added", name);
		return policies.policy(tenant.workspaceId(), id).orElseThrow();
	}

	/**
	 * Replaces a policy's name and steps, checked as when added. An alert already
	 * escalating goes on from the step it reached, through the new steps.
	 * @throws NotFoundProblem when the workspace has no such policy
	 * @throws InvalidInputProblem {@code invalid-policy}, as {@link #addPolicy}
	 */
	@Transactional
	public EscalationPolicy updatePolicy(Tenant tenant, UUID policyId, PolicyRequest request) {
		tenant.require(WorkspaceRole.ADMIN, "alerts:write");
		EscalationPolicy before = find(tenant, policyId);
		String name = AlertSettings.name(request.name(), "invalid-policy");
		List<PolicyRepository.NewStep> steps = steps(tenant, request);
		policies.update(tenant.workspaceId(), policyId, name, steps);
		audit(tenant, "escalation_policy.changed",
				before.name().equals(name) ? name : before.name() + " (now " + name + ")");
		return find(tenant, policyId);
	}

	/** Deletes an escalation policy and the routes to it. */
	@Transactional
	public void deletePolicy(Tenant tenant, UUID policyId) {
		tenant.require(WorkspaceRole.ADMIN, "alerts:write");
		EscalationPolicy policy = find(tenant, policyId);
		policies.delete(tenant.workspaceId(), policyId);
		audit(tenant, "escalation_policy.removed", policy.name());
	}

	private EscalationPolicy find(Tenant tenant, UUID policyId) {
		return policies.policy(tenant.workspaceId(), policyId)
			.orElseThrow(() -> new NotFoundProblem("escalation policy"));
	}

	private List<PolicyRepository.NewStep> steps(Tenant tenant, PolicyRequest request) {
		List<StepRequest> given = request.steps() == null ? List.of() : request.steps();
		if (given.isEmpty() || given.size() > 5) {
			throw new InvalidInputProblem("invalid-policy", "A policy has 1 to 5 steps.");
		}
		List<PolicyRepository.NewStep> steps = new ArrayList<>();
		for (StepRequest step : given) {
			steps.add(step(tenant, step, steps.isEmpty()));
		}
		return steps;
	}

	private PolicyRepository.NewStep step(Tenant tenant, StepRequest step, boolean first) {
		if (step == null) {
			throw new InvalidInputProblem("invalid-policy", "Each step notifies one channel or one address.");
		}
		String email = step.email() == null || step.email().isBlank() ? null : step.email().strip();
		if ((step.channelId() == null) == (email == null)) {
			throw new InvalidInputProblem("invalid-policy", "Each step notifies one channel or one address.");
		}
		if (email != null && !EmailAddresses.isValid(email)) {
			throw new InvalidInputProblem("invalid-policy", "Not an email address: " + email + ".");
		}
		if (step.channelId() != null && channels.channel(tenant.workspaceId(), step.channelId()).isEmpty()) {
			throw new InvalidInputProblem("invalid-policy", "No such channel in this workspace.");
		}
		int minutes = step.afterMinutes() == null ? 0 : step.afterMinutes();
		if (!first && (minutes < 1 || minutes > 1440)) {
			throw new InvalidInputProblem("invalid-policy",
					"Each step after the first waits 1 to 1440 minutes without acknowledgement.");
		}
		return new PolicyRepository.NewStep(step.channelId(), email, first ? 0 : minutes);
	}

	private void audit(Tenant tenant, String action, String target) {
		events.publishEvent(AuditedAction.by(tenant, action, target, clock.instant()));
	}

}
