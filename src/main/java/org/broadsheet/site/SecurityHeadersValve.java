package org.broadsheet.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.http.MimeHeaders;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Sets the security headers first in Tomcat's pipeline, so that they are on every response Tomcat
 * sends, including those it answers itself before any filter runs: an encoded {@code ../}, a bad
 * escape, {@code /WEB-INF/}.
 * <p>
 * The headers go in as bytes encoded once: Tomcat encodes a header set as a string afresh on every
 * response, with a new encoder, and for these long values that was the largest single cost of
 * serving the page ({@code src/test/bench}). {@link SecurityHeadersFilter} stays the application's
 * own source of the headers, independent of the server it runs in; it finds them already set here.
 */
@Component
class SecurityHeadersValve implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private static final byte[][] NAMES = encode(SecurityHeadersFilter.HEADERS.keySet().toArray(String[]::new));

	private static final byte[][] VALUES = encode(SecurityHeadersFilter.HEADERS.values().toArray(String[]::new));

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addEngineValves(new ValveBase(true) {
			@Override
			public void invoke(Request request, Response response) throws IOException, ServletException {
				MimeHeaders headers = response.getCoyoteResponse().getMimeHeaders();
				for (int i = 0; i < NAMES.length; i++) {
					headers.addValue(NAMES[i], 0, NAMES[i].length).setBytes(VALUES[i], 0, VALUES[i].length);
				}
				getNext().invoke(request, response);
			}
		});
	}

	private static byte[][] encode(String[] strings) {
		byte[][] bytes = new byte[strings.length][];
		for (int i = 0; i < strings.length; i++) {
			bytes[i] = strings[i].getBytes(StandardCharsets.ISO_8859_1);
		}
		return bytes;
	}

}
