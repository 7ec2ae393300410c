package org.broadsheet.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.http.MimeHeaders;
import org.broadsheet.edition.LivePreview;
import org.broadsheet.edition.ResponseHeaders;
import org.broadsheet.publishing.ArticleSource;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Sets the security headers early in Tomcat's pipeline, so that they are on every response Tomcat
 * sends, including those it answers itself before any filter would run: an encoded {@code ../}, a
 * bad escape, {@code /WEB-INF/}. HSTS goes on HTTPS requests only; Boot's forwarded-header valve,
 * added before this one, has already read {@code X-Forwarded-Proto} from a trusted proxy.
 * <p>
 * While an editor previews, the policy also lets the preview's one script run ({@link LivePreview}),
 * by its hash; the published site runs none.
 * <p>
 * The headers go in as bytes encoded once: Tomcat encodes a header set as a string afresh on every
 * response, with a new encoder, and for these long values that was the largest single cost of
 * serving the page ({@code src/test/bench}).
 */
@Component
class SecurityHeadersValve implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private static final byte[][] NAMES = encode(ResponseHeaders.SECURITY.keySet().toArray(String[]::new));

	private final byte[][] values;

	private static final byte[] HSTS_NAME = "Strict-Transport-Security".getBytes(StandardCharsets.ISO_8859_1);

	private static final byte[] HSTS_VALUE = ResponseHeaders.STRICT_TRANSPORT_SECURITY.getBytes(StandardCharsets.ISO_8859_1);

	SecurityHeadersValve(ArticleSource source) {
		this.values = encode(ResponseHeaders.SECURITY.entrySet().stream()
			.map((header) -> (source.preview() && header.getKey().equals("Content-Security-Policy"))
					? LivePreview.CONTENT_SECURITY_POLICY : header.getValue())
			.toArray(String[]::new));
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		byte[][] values = this.values;
		factory.addEngineValves(new ValveBase(true) {
			@Override
			public void invoke(Request request, Response response) throws IOException, ServletException {
				MimeHeaders headers = response.getCoyoteResponse().getMimeHeaders();
				for (int i = 0; i < NAMES.length; i++) {
					add(headers, NAMES[i], values[i]);
				}
				if (request.isSecure()) {
					add(headers, HSTS_NAME, HSTS_VALUE);
				}
				getNext().invoke(request, response);
			}
		});
	}

	private static void add(MimeHeaders headers, byte[] name, byte[] value) {
		headers.addValue(name, 0, name.length).setBytes(value, 0, value.length);
	}

	private static byte[][] encode(String[] strings) {
		byte[][] bytes = new byte[strings.length][];
		for (int i = 0; i < strings.length; i++) {
			bytes[i] = strings[i].getBytes(StandardCharsets.ISO_8859_1);
		}
		return bytes;
	}

}
