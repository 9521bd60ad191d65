/**
 * What every feature shares: tenancy (the current workspace and role), secrets at rest,
 * problem-details errors and the database bootstrap. Small on purpose.
 */
package com.penguinmails.shared;
