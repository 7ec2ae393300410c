package org.broadsheet.site;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat answers some requests itself, before any filter runs: an encoded {@code ../}, a bad escape,
 * {@code /WEB-INF/}. This valve, first in Tomcat's pipeline, gives those answers the same security
 * headers as every other response. {@link SecurityHeadersFilter} stays the application's own source
 * of them, independent of the server it runs in.
 */
@Component
class RejectedRequestHeaders implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addEngineValves(new ValveBase(true) {
			@Override
			public void invoke(Request request, Response response) throws IOException, ServletException {
				SecurityHeadersFilter.HEADERS.forEach(response::setHeader);
				getNext().invoke(request, response);
			}
		});
	}

}
