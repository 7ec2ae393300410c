package org.broadsheet.publishing;

import java.util.Map;

import org.broadsheet.BroadsheetApplication;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The one place that decides whether this run exports the site: {@code broadsheet.export} names a
 * folder. Then Broadsheet writes the site there and exits, so no web server is configured, nothing
 * is previewed, and {@link StaticExport} runs.
 */
class ExportMode implements EnvironmentPostProcessor {

	static final String PROPERTY = "broadsheet.export";

	static boolean requested(Environment environment) {
		String export = environment.getProperty(PROPERTY);
		return export != null && !export.isBlank();
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String export = environment.getProperty(PROPERTY);
		if (export != null && export.isBlank()) {
			// an empty value, as a blank environment variable gives, would otherwise export into the working folder
			throw new InvalidConfigurationPropertyValueException(PROPERTY, export,
					"It names no folder. Give the folder to write the site into, such as --broadsheet.export=site, "
							+ "or leave the property out to serve the site.");
		}
		if (requested(environment)) {
			// the beans generated ahead of time are the server's: an export makes its own (StaticExport)
			SpringProperties.setProperty(BroadsheetApplication.AOT, "false");
			environment.getPropertySources()
				.addFirst(new MapPropertySource("broadsheetExport", Map.of("spring.main.web-application-type", "none",
						"broadsheet.preview", "false", "spring.main.banner-mode", "off")));
		}
	}

	/** Matches when an export is requested. */
	static class Requested implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return requested(context.getEnvironment());
		}

	}

}
