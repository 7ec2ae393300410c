package org.broadsheet.photos;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short hash of some bytes, for URLs that may be cached for a year and for ETags: it changes
 * whenever the bytes do. SHA-256, cut to 80 bits.
 */
public final class Fingerprint {

	private Fingerprint() {
	}

	public static String of(byte[] bytes) {
		return hex(sha256().digest(bytes));
	}

	static String hex(byte[] digest) {
		return HexFormat.of().formatHex(digest, 0, 10);
	}

	/** A new SHA-256 digest, which every JVM has. */
	public static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
