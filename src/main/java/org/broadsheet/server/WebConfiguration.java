package org.broadsheet.server;

import java.time.Duration;

import org.broadsheet.edition.ResponseHeaders;
import org.broadsheet.publishing.ArticleSource;

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

	private final ArticleSource source;

	WebConfiguration(ArticleSource source) {
		this.source = source;
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/css/**")
			.addResourceLocations("classpath:/static/css/")
			.setCacheControl(ResponseHeaders.IMMUTABLE)
			.resourceChain(true)
			.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
		// While an editor previews, photos change under the same name: resolve them afresh each time.
		registry.addResourceHandler("/images/**")
			.addResourceLocations(this.source.resolve("images/"))
			.setCacheControl(ResponseHeaders.IMMUTABLE)
			.resourceChain(!this.source.watched())
			.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
		registry.addResourceHandler("/favicon.svg")
			.addResourceLocations("classpath:/static/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(7)).cachePublic());
	}

}
