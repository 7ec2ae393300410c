package org.broadsheet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BroadsheetApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(BroadsheetApplication.class, args);
		if (context.getEnvironment().containsProperty("broadsheet.export")) {
			// The export has been written by StaticExport; there is no server to keep running.
			System.exit(SpringApplication.exit(context));
		}
	}

}
