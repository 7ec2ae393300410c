package org.broadsheet.site;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Sets the security headers on every response, error pages included. The page needs no script and
 * no inline style, so the policy forbids both. Kept to a handful of constant header writes, or one
 * lookup where Tomcat's {@link SecurityHeadersValve} has set them already: it runs on every request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeadersFilter implements Filter {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
			+ "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
			+ "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()";

	/** Every response's headers, in order; the static export writes the same ones for its host. */
	static final Map<String, String> HEADERS = headers();

	/** Present when something earlier, such as {@link SecurityHeadersValve}, has set them all. */
	private static final String FIRST = HEADERS.keySet().iterator().next();

	static final String STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

	private static Map<String, String> headers() {
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

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletResponse http = (HttpServletResponse) response;
		if (!http.containsHeader(FIRST)) {
			HEADERS.forEach(http::setHeader);
		}
		if (request.isSecure()) {
			http.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
		}
		chain.doFilter(request, response);
	}

}
