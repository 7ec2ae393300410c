package org.broadsheet;

import java.net.URL;
import java.security.CodeSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

@SpringBootApplication
@EnableConfigurationProperties(BroadsheetProperties.class)
public class BroadsheetApplication {

	/** Spring's switch for the bean definitions the build generated ahead of time (AotDetector's). */
	public static final String AOT = "spring.aot.enabled";

	public static void main(String[] args) {
		aheadOfTimeWhenPackaged();
		ConfigurableApplicationContext context = SpringApplication.run(BroadsheetApplication.class, args);
		if (!(context instanceof WebServerApplicationContext)) {
			// Without a web server (the static export), the work is done once the context has started.
			System.exit(SpringApplication.exit(context));
		}
	}

	/**
	 * Starts from the bean definitions that {@code mvn package} generated ahead of time (Spring Boot's
	 * process-aot), so that the start does not parse the configuration classes and evaluate their
	 * conditions again: when the jar has them, and {@code -Dspring.aot.enabled} does not say otherwise.
	 * Never from a folder of classes ({@code mvn spring-boot:run}), whose generated classes may be of an
	 * earlier build; never for an export, whose beans differ ({@code ExportMode} turns it off).
	 */
	static void aheadOfTimeWhenPackaged() {
		if (System.getProperty(AOT) != null
				|| !ClassUtils.isPresent(BroadsheetApplication.class.getName() + "__ApplicationContextInitializer", null)) {
			return;
		}
		CodeSource code = BroadsheetApplication.class.getProtectionDomain().getCodeSource();
		URL location = (code != null) ? code.getLocation() : null;
		if (location == null || ("file".equals(location.getProtocol()) && location.getPath().endsWith("/"))) {
			return;
		}
		System.setProperty(AOT, "true");
	}

}
