package org.broadsheet.site;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.broadsheet.article.ArticleException;
import org.broadsheet.article.ImageFiles;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Where the article and its photos are read from: inside the jar by default, or from a file that an
 * editor is working on, with its {@code images/} folder beside it.
 */
public final class ArticleSource {

	private static final String CLASSPATH = "classpath:";

	private final String location;

	private final Path file;

	private ArticleSource(String location, Path file) {
		this.location = location;
		this.file = file;
	}

	public static ArticleSource of(String location) {
		if (location.startsWith(CLASSPATH)) {
			return new ArticleSource(location.substring(CLASSPATH.length()).replaceFirst("^/", ""), null);
		}
		Path file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
		return new ArticleSource(location, file.toAbsolutePath().normalize());
	}

	/** The article's name as editors know it, for messages. */
	public String name() {
		return (this.file != null) ? this.location : CLASSPATH + this.location;
	}

	/** The article's file on disk, or empty when it is packaged inside the jar. */
	public Optional<Path> file() {
		return Optional.ofNullable(this.file);
	}

	public byte[] read() {
		try {
			if (this.file != null) {
				return Files.readAllBytes(this.file);
			}
			try (InputStream in = new ClassPathResource(this.location).getInputStream()) {
				return in.readAllBytes();
			}
		}
		catch (NoSuchFileException | java.io.FileNotFoundException ex) {
			throw new ArticleException(name(), 0, "the article file does not exist; check broadsheet.article", ex);
		}
		catch (IOException ex) {
			throw new ArticleException(name(), 0, "the article file cannot be read (" + ex.getMessage() + ")", ex);
		}
	}

	/**
	 * When the article last changed: the file's modification time, or for an article packaged in the
	 * jar, the time the jar entry was written. Feeds use it when the front matter gives no date.
	 */
	public Instant lastModified() {
		try {
			long millis = (this.file != null) ? Files.getLastModifiedTime(this.file).toMillis()
					: new ClassPathResource(this.location).lastModified();
			return (millis > 0) ? Instant.ofEpochMilli(millis) : Instant.now();
		}
		catch (IOException ex) {
			return Instant.now();
		}
	}

	public ImageFiles images() {
		return (relativePath) -> {
			Resource resource = resolve(relativePath);
			if (!resource.exists() || !resource.isReadable()) {
				return Optional.empty();
			}
			try (InputStream in = resource.getInputStream()) {
				return Optional.of(in.readAllBytes());
			}
		};
	}

	/** The folder beside the article that a relative path such as {@code images/} names. */
	public Resource resolve(String relativePath) {
		if (this.file != null) {
			Path resolved = this.file.getParent().resolve(relativePath).normalize();
			// a folder's location keeps its trailing slash, as resource handlers require
			return new FileSystemResource(resolved + (relativePath.endsWith("/") ? "/" : ""));
		}
		int slash = this.location.lastIndexOf('/');
		String folder = (slash < 0) ? "" : this.location.substring(0, slash + 1);
		return new ClassPathResource(folder + relativePath);
	}

}
