package org.broadsheet.publishing;

import java.nio.file.Path;

import org.broadsheet.BroadsheetProperties;
import org.broadsheet.edition.Palette;
import org.broadsheet.photos.Darkroom;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link Darkroom}, as a bean of its own: the photos package is plain Java, so this is where its
 * settings come from (the cache folder, its limit, the page's colour for transparent photos), and
 * where its workers stop when the application does ({@link Darkroom#close}).
 */
@Configuration(proxyBeanMethods = false)
public class PhotoDevelopment {

	@Bean
	Darkroom darkroom(BroadsheetProperties properties) {
		String cache = properties.photoCache();
		Path folder = (cache == null) ? Darkroom.standardCache() : cache.isBlank() ? null : Path.of(cache);
		return new Darkroom(folder, properties.photoCacheLimit().toBytes(), Palette.page().paper());
	}

}
