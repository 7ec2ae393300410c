package org.broadsheet.edition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.core.io.ClassPathResource;

/**
 * What a previewed page carries so that the browser showing it follows each save: one inline script
 * ({@code preview/follow.js}) that listens to {@link #EVENTS} and swaps in the new page, keeping the
 * reader's place, or shows why a save cannot be published. The published page has no script; the
 * preview's Content-Security-Policy allows this one by its hash, and nothing else.
 */
public final class LivePreview {

	/** The server-sent events that say each edition printed, or why a save could not be. */
	public static final String EVENTS = "/_preview/events";

	/** The event that names the edition now served, by its {@code broadsheet-live} version. */
	public static final String PAGE_EVENT = "page";

	/** The event that gives the sentence the log gives for a save that cannot be published. */
	public static final String BROKEN_EVENT = "broken";

	public static final String SCRIPT = script();

	/** The page's policy, and the preview's script by its hash: no other script, inline or not, runs. */
	public static final String CONTENT_SECURITY_POLICY = ResponseHeaders.CONTENT_SECURITY_POLICY + "; script-src 'sha256-"
			+ sha256(SCRIPT) + "'";

	private LivePreview() {
	}

	private static String script() {
		try (InputStream in = new ClassPathResource("preview/follow.js").getInputStream()) {
			// as a browser hashes it: HTML parsing turns CRLF into LF (a checkout may have either)
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The jar lacks preview/follow.js", ex);
		}
	}

	private static String sha256(String text) {
		try {
			return Base64.getEncoder()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
