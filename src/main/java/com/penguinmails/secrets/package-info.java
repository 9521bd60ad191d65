/**
 * Secrets at rest across features (issue 22): the registry of every column holding a
 * {@link com.penguinmails.shared.Secrets} ciphertext, the {@code secrets rewrap} and
 * {@code secrets check} commands that move every one to the current key-encryption key (a
 * master-key rotation, or a switch to or from Vault's transit engine) or count what each
 * key wrapped, the {@code secrets.readable} status check, and the admins' page
 * {@code /system/secrets} (counts per column, "Re-wrap now"). The keys themselves are
 * {@code shared}'s. See README "Secrets: master-key rotation and Vault".
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "shared" })
package com.penguinmails.secrets;
