package org.broadsheet.edition;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;

/**
 * The headers Broadsheet's responses carry, spelled once: how long each kind may be cached, and the
 * security headers that go on every response. The server sends them; the static export writes them
 * for its host.
 */
public final class ResponseHeaders {

	/**
	 * Browsers and CDNs may keep the page five minutes, serve it stale for a day while they revalidate,
	 * and for a day when the origin fails (RFC 5861): while the app restarts, a CDN still has the page.
	 */
	public static final String PUBLISHED_CACHE = "public, max-age=300, stale-while-revalidate=86400, stale-if-error=86400";

	/** While an editor previews, every load asks again, so that an edit shows at once. */
	public static final String PREVIEW_CACHE = "no-cache";

	public static final String ERROR_CACHE = "no-store";

	/** For URLs that carry a hash of their content, so never change. */
	public static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	/** The favicon keeps its name, as browsers ask for it by name: a week. */
	public static final String FAVICON_CACHE = CacheControl.maxAge(Duration.ofDays(7)).cachePublic().getHeaderValue();

	/** {@link #IMMUTABLE} as the header's value. */
	public static final String IMMUTABLE_CACHE = IMMUTABLE.getHeaderValue();

	/** The page needs no script and no inline style, so the policy allows neither. */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
			+ "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	public static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
			+ "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()";

	/** The headers on every response, in order. */
	public static final Map<String, String> SECURITY = security();

	/** Only on responses to HTTPS requests: over plain HTTP, browsers ignore it. */
	public static final String STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

	private ResponseHeaders() {
	}

	private static Map<String, String> security() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		headers.put("X-Content-Type-Options", "nosniff");
		headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
		headers.put("Permissions-Policy", PERMISSIONS_POLICY);
		headers.put("Cross-Origin-Opener-Policy", "same-origin");
		headers.put("Cross-Origin-Resource-Policy", "same-origin");
		headers.put("X-Frame-Options", "DENY");
		return Collections.unmodifiableMap(headers);
	}

}
