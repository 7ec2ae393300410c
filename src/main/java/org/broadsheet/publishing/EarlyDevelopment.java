package org.broadsheet.publishing;

import java.nio.file.Path;

import org.broadsheet.BroadsheetProperties;
import org.broadsheet.article.ArticleRenderer;
import org.broadsheet.photos.Darkroom;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * Starts developing the article's photos as soon as the settings say where it is, before Spring has
 * built anything: three camera files take a few seconds to develop, and Spring as long to start, so
 * that they happen side by side rather than one after the other. The {@link Darkroom} is then
 * registered as a bean, and {@link Publication} finds the photos developed, or waits for the rest.
 * Anything wrong is reported when the article is rendered, with its line.
 */
class EarlyDevelopment implements ApplicationListener<ApplicationEvent> {

	private Darkroom darkroom;

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			BroadsheetProperties properties = Binder.get(prepared.getEnvironment())
				.bindOrCreate("broadsheet", BroadsheetProperties.class);
			Darkroom darkroom = darkroom(properties);
			this.darkroom = darkroom;
			// off the main thread, which goes on starting Spring meanwhile
			Thread early = new Thread(() -> {
				try {
					ArticleSource source = new ArticleSource(properties);
					byte[] article = source.read();
					darkroom.prepare(new ArticleRenderer(properties.baseUrl(), darkroom).photos(source.name(), article),
							source.images());
				}
				catch (RuntimeException ex) {
					// reported, with its line, when the article is rendered
				}
			}, "broadsheet-early-development");
			early.setDaemon(true);
			early.start();
		}
		else if (event instanceof ApplicationPreparedEvent prepared && this.darkroom != null) {
			prepared.getApplicationContext().getBeanFactory().registerSingleton("darkroom", this.darkroom);
		}
	}

	/** The darkroom the settings describe: with a disk cache where {@code broadsheet.photo-cache} names one. */
	static Darkroom darkroom(BroadsheetProperties properties) {
		String cache = properties.photoCache();
		Path folder = (cache == null) ? Darkroom.standardCache() : cache.isBlank() ? null : Path.of(cache);
		return new Darkroom(folder,
				(properties.photoCacheLimit() != null) ? properties.photoCacheLimit().toBytes() : 0);
	}

}
