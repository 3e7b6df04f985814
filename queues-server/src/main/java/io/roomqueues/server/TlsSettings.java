package io.roomqueues.server;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.jspecify.annotations.Nullable;

/**
 * Where the server's TLS certificate and private key come from: a key store (PKCS12 or JKS), or PEM files.
 *
 * @param keyStore the key store file, or {@code null} for PEM files
 * @param keyStorePassword the key store password
 * @param certificate the PEM certificate chain, or {@code null} for a key store
 * @param privateKey the PEM private key (PKCS#8 or PKCS#1, unencrypted)
 */
record TlsSettings(@Nullable Path keyStore, @Nullable String keyStorePassword, @Nullable Path certificate,
		@Nullable Path privateKey) {

	static TlsSettings keyStore(Path keyStore, String password) {
		return new TlsSettings(readable(keyStore, "TLS key store"), password, null, null);
	}

	static TlsSettings pem(Path certificate, Path privateKey) {
		return new TlsSettings(null, null, readable(certificate, "TLS certificate"),
				readable(privateKey, "TLS private key"));
	}

	/** Makes a connector speak TLS only, with this certificate. */
	void applyTo(Connector connector) {
		connector.setScheme("https");
		connector.setSecure(true);
		connector.setProperty("SSLEnabled", "true");
		SSLHostConfig host = new SSLHostConfig();
		SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host,
				SSLHostConfigCertificate.Type.UNDEFINED);
		if (this.keyStore != null) {
			certificate.setCertificateKeystoreFile(this.keyStore.toAbsolutePath().toString());
			certificate.setCertificateKeystorePassword(this.keyStorePassword);
		}
		else if (this.certificate != null && this.privateKey != null) {
			certificate.setCertificateFile(this.certificate.toAbsolutePath().toString());
			certificate.setCertificateKeyFile(this.privateKey.toAbsolutePath().toString());
		}
		host.addCertificate(certificate);
		connector.addSslHostConfig(host);
	}

	private static Path readable(Path file, String what) {
		if (!Files.isReadable(file)) {
			throw new IllegalArgumentException(what + " " + file + " is not a readable file");
		}
		return file;
	}

	@Override
	public String toString() {
		return "TlsSettings[" + ((this.keyStore != null) ? "keyStore=" + this.keyStore
				: "certificate=" + this.certificate) + "]";
	}

}
