package org.broadsheet.server;

import org.broadsheet.publishing.Publication;

import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Starts the first edition as Spring makes the web server, which it does before the context's other
 * beans: asking for the {@link Publication} here starts its printing thread then, half a second
 * sooner, so that the edition prints while Spring makes the rest (measured in
 * {@code src/test/bench/README.md}, "Start-up"). It customizes nothing else.
 */
@Component
class EarlyPrinting implements WebServerFactoryCustomizer<WebServerFactory> {

	EarlyPrinting(Publication publication) {
		// the dependency is the point: Spring makes the Publication, which starts printing, first
	}

	@Override
	public void customize(WebServerFactory factory) {
	}

}
