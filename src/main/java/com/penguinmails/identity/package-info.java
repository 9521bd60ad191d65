/**
 * Identity and access: users, workspaces, members and roles, invitations, login with
 * lockout and CAPTCHA, sessions, email verification, password reset, TOTP two-factor
 * authentication, API keys with scopes and rate limits, and the login activity log.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
package com.penguinmails.identity;
