package org.broadsheet.photos;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens the files that an article refers to, by their path relative to the article (for example
 * {@code images/feature.svg}). The article may live on disk or inside the jar. A file is opened each
 * time it is read, so that a 12 MB camera file is never held whole in memory.
 */
@FunctionalInterface
public interface ImageFiles {

	/** @return the file's bytes, or null when there is no such file */
	InputStream open(String relativePath) throws IOException;

	/**
	 * A name for the file's bytes that changes whenever they do, when one is known without reading
	 * them, such as a git blob's id; null, as by default, when the bytes must be read to name them.
	 */
	default String identity(String relativePath) throws IOException {
		return null;
	}

}
