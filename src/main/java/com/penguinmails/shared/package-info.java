/**
 * What every feature shares: tenancy (the current workspace and role), secrets at rest,
 * problem-details errors and the database bootstrap. Small on purpose.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package com.penguinmails.shared;
