/**
 * The home page: the setup checklist ({@code SetupChecklist}), "Try it in the sandbox"
 * ({@code SandboxDemo}) and the dashboard ({@code Dashboard}, also
 * {@code GET /api/v1/dashboard}). Its figures come from a daily read model,
 * {@code internal.DashboardRepository} ({@code dashboard_daily}), fed by
 * {@code internal.DailyRollup} from delivery's, inbound's and tracking's events. It uses
 * other features' public services; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "alerts", "campaigns", "contacts", "delivery",
		"domains", "identity", "inbound", "mailboxes", "shared", "tracking", "warmup" })
package com.penguinmails.dashboard;
