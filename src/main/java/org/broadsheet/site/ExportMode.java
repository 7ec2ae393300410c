package org.broadsheet.site;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code broadsheet.export} set, Broadsheet writes the site to a folder and exits: no web server
 * is started, so none is configured.
 */
class ExportMode implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String export = environment.getProperty("broadsheet.export");
		if (export != null && !export.isBlank()) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("broadsheetExport", Map.of("spring.main.web-application-type", "none",
						"broadsheet.watch", "false", "spring.main.banner-mode", "off")));
		}
	}

}
