package org.broadsheet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.broadsheet.edition.TestPress;
import org.broadsheet.photos.CameraFiles;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, serving the real article with two camera files in place
 * of its stand-ins (the third stays a drawing), for its public address, with the settings a
 * production run has. Its images folder also holds what should never be served: a page, a secret
 * and a link to the system's password file. The full-app and browser tests share this one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "broadsheet.base-url=https://news.example.org", "broadsheet.site-name=The Example Post",
				"broadsheet.photo-cache-limit=1GB" })
@ContextConfiguration(initializers = FullApplication.CameraArticle.class)
@interface FullApplication {

	/** Writes the article and its camera files into a temporary folder, and points the app at it. */
	class CameraArticle implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		static final Path ARTICLE = write();

		private static Path write() {
			try {
				Path article = CameraFiles.temporaryArticle("broadsheet-camera-article");
				Path folder = article.getParent();
				Files.writeString(folder.resolve("images/notes.html"), "<script>alert('notes')</script>");
				Files.writeString(folder.resolve("images/.env"), "DATABASE_PASSWORD=hunter2");
				Files.createSymbolicLink(folder.resolve("images/passwd.txt"), Path.of("/etc/passwd"));
				return article;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			// the photos' cache is the one the plain tests use, so that the camera files develop once a run
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("cameraArticle", Map.of("broadsheet.article", ARTICLE.toString(),
						"broadsheet.photo-cache", TestPress.PHOTO_CACHE.toString())));
		}

	}

}
