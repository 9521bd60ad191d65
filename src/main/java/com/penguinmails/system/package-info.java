/**
 * System status (issue 22): the installation's health for the people who run it. Every
 * {@link com.penguinmails.shared.SystemCheck} bean of any feature is run on the status
 * page ({@code /system}) and by {@code GET /api/v1/system/status}, each with a timeout;
 * this module contributes the checks of the installation itself (database, disk, nodes,
 * outbound SMTP ports, clock skew, version and migrations); the features contribute
 * theirs over their own tables (delivery's outbox, webhooks' deliveries, inbound's sync,
 * failing mailboxes and domains, reputation's blocklist listings). Every node writes its
 * heartbeat ({@code system_nodes}) and an hourly row of resource figures
 * ({@code system_metrics}, 90 days; sends and queue depth through
 * {@code delivery.OutboxLoad}) that the page charts with a trend and a "disk full in N
 * days" forecast. Only installation admins ({@code identity.InstallationAdmins}) see any
 * of it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "delivery", "identity", "shared" })
package com.penguinmails.system;
