package org.broadsheet.site;

import java.io.IOException;

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
 * no inline style, so the policy forbids both. Kept to a handful of constant header writes: it runs
 * on every request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeadersFilter implements Filter {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
			+ "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
			+ "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()";

	static final String STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletResponse http = (HttpServletResponse) response;
		http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		http.setHeader("X-Content-Type-Options", "nosniff");
		http.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
		http.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
		http.setHeader("Cross-Origin-Opener-Policy", "same-origin");
		http.setHeader("Cross-Origin-Resource-Policy", "same-origin");
		http.setHeader("X-Frame-Options", "DENY");
		if (request.isSecure()) {
			http.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
		}
		chain.doFilter(request, response);
	}

}
