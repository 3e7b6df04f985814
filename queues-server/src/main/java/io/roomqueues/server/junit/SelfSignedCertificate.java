package io.roomqueues.server.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway self-signed certificate for {@code wss:} tests, made by the JDK's {@code keytool} in a directory the
 * test owns, so that no private key is ever committed. It is valid for {@code localhost} and {@code 127.0.0.1}.
 *
 * <pre>{@code
 * SelfSignedCertificate certificate = SelfSignedCertificate.create(tempDir);
 * RoomServer server = RoomServer.builder().secret(...).tls(certificate.keyStore(), certificate.password()).build();
 * RoomClient client = RoomClient.builder().sslContext(certificate.sslContext())...;
 * }</pre>
 */
public final class SelfSignedCertificate {

	private static final String ALIAS = "room-server";

	private final Path keyStore;

	private final String password;

	private final Certificate certificate;

	private SelfSignedCertificate(Path keyStore, String password, Certificate certificate) {
		this.keyStore = keyStore;
		this.password = password;
		this.certificate = certificate;
	}

	/**
	 * Generates a key pair and certificate into {@code room-server.p12} in a directory.
	 * @throws IllegalStateException if keytool fails
	 */
	public static SelfSignedCertificate create(Path directory) {
		Path keyStore = directory.resolve("room-server.p12");
		String password = UUID.randomUUID().toString();
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		run(List.of(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
				"-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
				"-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password, "-keypass",
				password));
		try {
			return new SelfSignedCertificate(keyStore, password, load(keyStore, password).getCertificate(ALIAS));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("could not read the generated key store", ex);
		}
	}

	/** The PKCS12 key store holding the private key and the certificate. */
	public Path keyStore() {
		return this.keyStore;
	}

	/** The password of the key store and of its key. */
	public String password() {
		return this.password;
	}

	/** A TLS context that trusts this certificate only, for clients. */
	public SSLContext sslContext() {
		try {
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setCertificateEntry(ALIAS, this.certificate);
			trust.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("could not build a TLS context for the test certificate", ex);
		}
	}

	/** Writes the certificate as PEM, for servers and trust stores that read PEM files. */
	public Path writeCertificatePem(Path file) {
		try {
			return writePem(file, "CERTIFICATE", this.certificate.getEncoded());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("could not encode the test certificate", ex);
		}
	}

	/** Writes the private key as unencrypted PKCS#8 PEM. */
	public Path writePrivateKeyPem(Path file) {
		try {
			KeyStore store = load(this.keyStore, this.password);
			return writePem(file, "PRIVATE KEY", store.getKey(ALIAS, this.password.toCharArray()).getEncoded());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("could not read the test private key", ex);
		}
	}

	private static Path writePem(Path file, String type, byte[] der) {
		String pem = "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
		try {
			return Files.writeString(file, pem);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static KeyStore load(Path file, String password) throws GeneralSecurityException {
		try (InputStream in = Files.newInputStream(file)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, password.toCharArray());
			return store;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			byte[] output;
			try (InputStream in = process.getInputStream()) {
				output = in.readAllBytes();
			}
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not run keytool", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running keytool", ex);
		}
	}

	@Override
	public String toString() {
		return "SelfSignedCertificate[" + this.keyStore + "]";
	}

}
