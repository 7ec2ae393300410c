package org.broadsheet.site;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * Serves the stylesheet and the photos under content-hashed URLs, cached for a year as
 * {@code immutable}: Boot's own resource properties cannot say {@code immutable}, and the photos live
 * beside the article, not among the static files. Nothing else is served from disk.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	private final BroadsheetProperties properties;

	WebConfiguration(BroadsheetProperties properties) {
		this.properties = properties;
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/css/**")
			.addResourceLocations("classpath:/static/css/")
			.setCacheControl(FOREVER)
			.resourceChain(true)
			.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
		ArticleSource source = ArticleSource.of(this.properties.article());
		// While an editor previews, photos change under the same name: resolve them afresh each time.
		boolean preview = this.properties.watch() && source.file().isPresent();
		registry.addResourceHandler("/images/**")
			.addResourceLocations(source.resolve("images/"))
			.setCacheControl(FOREVER)
			.resourceChain(!preview)
			.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
		registry.addResourceHandler("/favicon.svg")
			.addResourceLocations("classpath:/static/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(7)).cachePublic());
	}

}
