package org.broadsheet.publishing;

import java.util.List;

import org.broadsheet.BroadsheetProperties;
import org.broadsheet.photos.Darkroom;
import org.broadsheet.photos.PhotoException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The darkroom as an ordinary bean: found like any other, and stopped with the application. */
class PhotoDevelopmentTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BroadsheetProperties.class)
	static class Settings {

	}

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
		.withUserConfiguration(Settings.class, PhotoDevelopment.class)
		.withPropertyValues("broadsheet.photo-cache=");

	@Test
	void aCorrectionsPolicyThatIsNoWebAddressStopsTheStartSayingWhat() {
		this.contexts.withPropertyValues("broadsheet.corrections-policy=corrections.html").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessage("broadsheet.corrections-policy must be a "
					+ "web address in full, such as https://news.example.org/corrections, not \"corrections.html\"");
		});
	}

	@Test
	void theDarkroomIsABeanWhoseWorkersStopWithTheContext() {
		Darkroom[] kept = new Darkroom[1];
		this.contexts.run((context) -> {
			assertThat(context).hasSingleBean(Darkroom.class);
			kept[0] = context.getBean(Darkroom.class);
		});
		assertThatExceptionOfType(PhotoException.class)
			.isThrownBy(() -> kept[0].develop(List.of(new Darkroom.Order("images/a.svg", false)),
					(path) -> new java.io.ByteArrayInputStream("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>".getBytes())))
			.withMessage("was not developed: Broadsheet is stopping");
	}

}
