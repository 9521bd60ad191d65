package com.penguinmails.shared.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.KmsEnvelopeAead;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.util.SecretBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.Secrets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Builds {@link Secrets} from the master key: the key-encryption key of an envelope whose
 * data keys are AES-256-GCM.
 */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecretsConfiguration.class);

	@Bean
	Secrets secrets(PenguinMailsProperties properties) throws GeneralSecurityException, IOException {
		AeadConfig.register();
		byte[] master = masterKey(properties);
		AesGcmParameters parameters = AesGcmParameters.builder()
			.setKeySizeBytes(32)
			.setIvSizeBytes(12)
			.setTagSizeBytes(16)
			.setVariant(AesGcmParameters.Variant.NO_PREFIX)
			.build();
		AesGcmKey key = AesGcmKey.builder()
			.setParameters(parameters)
			.setKeyBytes(SecretBytes.copyFrom(master, InsecureSecretKeyAccess.get()))
			.build();
		Aead kek = KeysetHandle.newBuilder()
			.addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
			.build()
			.getPrimitive(Aead.class);
		// The derivation key is itself derived, so the master key is never used for two
		// things.
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(master, "HmacSHA256"));
		byte[] derivation = mac.doFinal("penguinmails:derivation".getBytes(StandardCharsets.UTF_8));
		return new Secrets(KmsEnvelopeAead.create(PredefinedAeadParameters.AES256_GCM, kek), derivation);
	}

	private static byte[] masterKey(PenguinMailsProperties properties) throws IOException {
		if (StringUtils.hasText(properties.masterKey())) {
			byte[] key = Base64.getDecoder().decode(properties.masterKey().trim());
			if (key.length != 32) {
				throw new IllegalStateException("PENGUINMAILS_MASTER_KEY must be base64 of exactly 32 bytes (got "
						+ key.length + "); generate one with: openssl rand -base64 32");
			}
			return key;
		}
		Path file = Path.of(properties.dataDir(), "master.key");
		if (!Files.exists(file)) {
			Files.createDirectories(file.getParent());
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			Files.writeString(file, Base64.getEncoder().encodeToString(key));
			try {
				Files.setPosixFilePermissions(file,
						Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the file keeps the default permissions
			}
			log.warn("No PENGUINMAILS_MASTER_KEY set: generated one in {}. Set it explicitly in production.",
					file.toAbsolutePath());
		}
		return Base64.getDecoder().decode(Files.readString(file).trim());
	}

}
