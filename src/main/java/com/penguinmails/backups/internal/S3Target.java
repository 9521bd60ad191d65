package com.penguinmails.backups.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import com.penguinmails.backups.BackupProperties;

import org.springframework.util.StringUtils;

/**
 * Backup objects in an S3-compatible bucket through the AWS SDK v2 (PutObject, GetObject,
 * ListObjectsV2, DeleteObject of the S3 API). Locations are {@code s3://bucket/key}. The
 * checksums the SDK would add by default (CRC32 trailers in aws-chunked bodies) are only
 * sent where the API requires them, which every S3-compatible server understands; the
 * file's own SHA-256 is recorded with the backup.
 */
public final class S3Target implements BackupTarget, AutoCloseable {

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	private final Path staging;

	public S3Target(BackupProperties.S3 settings, Path staging) {
		S3ClientBuilder builder = S3Client.builder()
			.region(Region.of(settings.region()))
			.forcePathStyle(settings.pathStyle())
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.httpClientBuilder(UrlConnectionHttpClient.builder()
				.connectionTimeout(Duration.ofSeconds(20))
				.socketTimeout(Duration.ofMinutes(2)));
		if (StringUtils.hasText(settings.accessKey())) {
			builder.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
		}
		else {
			builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
		}
		if (StringUtils.hasText(settings.endpoint())) {
			builder.endpointOverride(URI.create(settings.endpoint()));
		}
		this.s3 = builder.build();
		this.bucket = settings.bucket();
		this.prefix = settings.prefix() == null ? "" : settings.prefix();
		this.staging = staging;
	}

	@Override
	public Path staging(String name) throws IOException {
		Files.createDirectories(staging);
		return Files.createTempFile(staging, "upload-", ".part");
	}

	@Override
	public String commit(Path staged, String name) throws IOException {
		String key = prefix + name;
		try {
			s3.putObject(put -> put.bucket(bucket).key(key).contentType("application/octet-stream"),
					RequestBody.fromFile(staged));
		}
		catch (SdkException ex) {
			throw new IOException("Could not upload the backup to s3://" + bucket + "/" + key + ": " + ex.getMessage(),
					ex);
		}
		finally {
			Files.deleteIfExists(staged);
		}
		return "s3://" + bucket + "/" + key;
	}

	@Override
	public InputStream open(String location) throws IOException {
		String key = key(location);
		try {
			return s3.getObject(get -> get.bucket(bucket).key(key), ResponseTransformer.toInputStream());
		}
		catch (SdkException ex) {
			throw new IOException("Could not read " + location + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void delete(String location) throws IOException {
		String key = key(location);
		try {
			s3.deleteObject(delete -> delete.bucket(bucket).key(key));
		}
		catch (SdkException ex) {
			throw new IOException("Could not delete " + location + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public List<String> list() throws IOException {
		List<String> locations = new ArrayList<>();
		try {
			String token = null;
			do {
				ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
				if (token != null) {
					request.continuationToken(token);
				}
				ListObjectsV2Response page = s3.listObjectsV2(request.build());
				for (S3Object object : page.contents()) {
					if (object.key().endsWith(BackupNames.SUFFIX)) {
						locations.add("s3://" + bucket + "/" + object.key());
					}
				}
				token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
			}
			while (token != null);
		}
		catch (SdkException ex) {
			throw new IOException("Could not list s3://" + bucket + "/" + prefix + ": " + ex.getMessage(), ex);
		}
		return locations;
	}

	@Override
	public boolean owns(String location) {
		return location.startsWith("s3://" + bucket + "/");
	}

	private String key(String location) {
		if (!owns(location)) {
			throw new BackupException(location + " is not in the configured bucket " + bucket + ".");
		}
		return location.substring(("s3://" + bucket + "/").length());
	}

	@Override
	public void close() {
		s3.close();
	}

	@Override
	public String toString() {
		return "s3://" + bucket + "/" + prefix;
	}

}
