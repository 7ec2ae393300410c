package org.broadsheet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
@EnableConfigurationProperties(BroadsheetProperties.class)
public class BroadsheetApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(BroadsheetApplication.class, args);
		if (!(context instanceof WebServerApplicationContext)) {
			// Without a web server (the static export), the work is done once the context has started.
			System.exit(SpringApplication.exit(context));
		}
	}

}
