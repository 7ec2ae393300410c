package org.broadsheet.server;

import org.apache.coyote.AbstractProtocol;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Two Tomcat settings that Boot's properties do not reach (the figures behind them are in
 * {@code src/test/bench/README.md}, "Figures the code rests on"):
 * <ul>
 * <li>a 16 KB socket write buffer, so that the page (11.7 KB) and its headers leave in one write
 * instead of two;</li>
 * <li>no more open connections than the heap can hold. Each one costs Tomcat up to
 * {@value #BYTES_PER_CONNECTION} bytes of heap while its request is incomplete, so a flood of
 * half-sent requests would otherwise exhaust a small heap and stop the server for good. Connections
 * beyond the limit wait in the operating system's queue instead. An explicit
 * {@code server.tomcat.max-connections} is left alone.</li>
 * </ul>
 */
@Component
class TomcatTuning implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private static final Log logger = LogFactory.getLog(TomcatTuning.class);

	static final int WRITE_BUFFER_BYTES = 16 * 1024;

	/** What a connection holding half a request costs, with the buffers above, and some room. */
	static final int BYTES_PER_CONNECTION = 64 * 1024;

	/** What the application itself keeps live, and room to collect. */
	static final long RESERVED_HEAP_BYTES = 40L * 1024 * 1024;

	static final int MIN_CONNECTIONS = 64;

	/** Tomcat's own default. */
	static final int MAX_CONNECTIONS = 8192;

	static final String MAX_CONNECTIONS_PROPERTY = "server.tomcat.max-connections";

	private final Environment environment;

	TomcatTuning(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		boolean explicit = this.environment.containsProperty(MAX_CONNECTIONS_PROPERTY);
		long heap = Runtime.getRuntime().maxMemory();
		int connections = maxConnections(heap);
		factory.addConnectorCustomizers((connector) -> {
			connector.setProperty("socket.appWriteBufSize", Integer.toString(WRITE_BUFFER_BYTES));
			if (!explicit && connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
				protocol.setMaxConnections(connections);
			}
		});
		if (!explicit && connections < MAX_CONNECTIONS) {
			String message = "Accepting up to " + connections + " connections at once, what a heap of "
					+ (heap >> 20) + " MB holds; raise -Xmx or set " + MAX_CONNECTIONS_PROPERTY + " for more";
			if (connections == MIN_CONNECTIONS) {
				logger.warn(message);
			}
			else {
				logger.info(message);
			}
		}
	}

	/** The connections a heap of the given size holds with room to spare, within Tomcat's limits. */
	static int maxConnections(long heapBytes) {
		long fit = (heapBytes - RESERVED_HEAP_BYTES) / BYTES_PER_CONNECTION;
		return (int) Math.max(MIN_CONNECTIONS, Math.min(MAX_CONNECTIONS, fit));
	}

}
