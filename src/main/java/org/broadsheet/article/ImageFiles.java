package org.broadsheet.article;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads the files that an article refers to, by their path relative to the article (for example
 * {@code images/feature.svg}). The article may live on disk or inside the jar.
 */
@FunctionalInterface
public interface ImageFiles {

	Optional<byte[]> read(String relativePath) throws IOException;

}
