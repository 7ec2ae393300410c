package org.broadsheet.publishing;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.broadsheet.BroadsheetProperties;
import org.broadsheet.article.ArticleException;
import org.broadsheet.photos.ImageFiles;

import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Where the article and its photos are read from, and the one answer to whether they are previewed:
 * watched, and re-rendered as an editor saves them. {@code broadsheet.article} is resolved as Spring resolves any resource location:
 * {@code classpath:} inside the jar, anything else a file whose {@code images/} folder beside it
 * holds the photos.
 */
@Component
public class ArticleSource {

	private final String name;

	private final Resource article;

	private final Path file;

	private final boolean preview;

	ArticleSource(BroadsheetProperties properties) {
		this.name = properties.article();
		this.article = ApplicationResourceLoader.get().getResource(this.name);
		this.file = this.name.startsWith(ResourceLoader.CLASSPATH_URL_PREFIX) ? null : fileOf(this.article);
		this.preview = properties.preview() && this.file != null;
	}

	private static Path fileOf(Resource resource) {
		try {
			return resource.getFile().toPath().toAbsolutePath().normalize();
		}
		catch (IOException ex) {
			// not a file, such as a URL: read it, but there is nothing to watch
			return null;
		}
	}

	/** The article's name as editors know it, for messages. */
	String name() {
		return this.name;
	}

	/** The article's file on disk, or empty when it is packaged inside the jar. */
	Optional<Path> file() {
		return Optional.ofNullable(this.file);
	}

	/**
	 * Whether edits to the article and its photos are published as they are saved, and nothing is
	 * cached: the live preview, for an editor writing; off in production, where a save must not go
	 * public at once and pages must be cached.
	 */
	public boolean preview() {
		return this.preview;
	}

	byte[] read() {
		try {
			return this.article.getContentAsByteArray();
		}
		catch (NoSuchFileException | FileNotFoundException ex) {
			throw new ArticleException(this.name, 0, "the article file does not exist; check broadsheet.article", ex);
		}
		catch (IOException ex) {
			throw new ArticleException(this.name, 0, "the article file cannot be read (" + ex.getMessage() + ")", ex);
		}
	}

	/**
	 * When the article last changed: the file's modification time, or for an article packaged in the
	 * jar, the time the jar entry was written. Feeds use it when the front matter gives no date.
	 */
	Instant lastModified() {
		try {
			long millis = this.article.lastModified();
			return (millis > 0) ? Instant.ofEpochMilli(millis) : Instant.now();
		}
		catch (IOException ex) {
			return Instant.now();
		}
	}

	ImageFiles images() {
		return (relativePath) -> {
			Resource resource = resolve(relativePath);
			if (!resource.exists() || !resource.isReadable()) {
				return null;
			}
			if (resource.isFile() && !Files.isRegularFile(resource.getFile().toPath())) {
				// a pipe would hold the start until someone writes to it; a device has no end
				throw new IOException("it is not a file but a pipe, a device or a folder");
			}
			return resource.getInputStream();
		};
	}

	/** What a path relative to the article, such as {@code images/}, names. */
	public Resource resolve(String relativePath) {
		try {
			return this.article.createRelative(relativePath);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot resolve " + relativePath + " beside " + this.name, ex);
		}
	}

}
