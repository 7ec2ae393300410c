package org.broadsheet.publishing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadsheet.BroadsheetProperties;
import org.broadsheet.edition.Edition;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Writes the whole site as static files, each at the path the page links it by, so that any static
 * host or CDN can serve the article with nothing running. The bytes are the same the server sends.
 */
@Component
@Conditional(ExportMode.Requested.class)
class StaticExport implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(StaticExport.class);

	private final Publication publication;

	private final Path folder;

	StaticExport(Publication publication, BroadsheetProperties properties) {
		this.publication = publication;
		this.folder = Path.of(properties.export()).toAbsolutePath().normalize();
	}

	/** The file a path is served from by a static host: a folder's {@code index.html} for a path ending in /. */
	static String file(String path) {
		return path.substring(1) + (path.endsWith("/") ? "index.html" : "");
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		Edition edition = this.publication.settled();
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("index.html", edition.page().bytes());
		files.put("404.html", edition.notFound().bytes());
		edition.views().forEach((path, view) -> files.put(file(path), view.bytes()));
		files.put("_headers", HostHeaders.file(edition).getBytes(StandardCharsets.UTF_8));
		ExportFolder.write(this.folder, files);
		logger.info("Exported " + files.size() + " files to " + this.folder);
	}

}
