package org.broadsheet.publishing;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The folders the live preview watches, each registered for what is created, changed and deleted in
 * it. A folder that cannot be read or watched is named in the log and left out; the rest are watched.
 */
final class WatchedFolders implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(WatchedFolders.class);

	private final WatchService service;

	WatchedFolders() throws IOException {
		this.service = FileSystems.getDefault().newWatchService();
	}

	WatchService service() {
		return this.service;
	}

	void register(Path folder) throws IOException {
		folder.register(this.service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
				StandardWatchEventKinds.ENTRY_DELETE);
	}

	/**
	 * Registers a folder and every folder within it, as image paths may name subfolders; a folder that
	 * cannot be read or watched is named in the log and skipped, and the rest are watched.
	 * @return where the folder really is when it is a link, else null
	 */
	Path registerTree(Path folder) {
		if (!Files.isDirectory(folder)) {
			return null;
		}
		try {
			Path start = folder;
			if (Files.isSymbolicLink(folder)) {
				// a walk does not go into a link it starts from: start where the link points
				start = folder.toRealPath();
			}
			Files.walkFileTree(start, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
					try {
						register(dir);
					}
					catch (IOException | RuntimeException ex) {
						unwatchable(dir, ex);
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path path, IOException ex) {
					unwatchable(path, ex);
					return FileVisitResult.CONTINUE;
				}
			});
			return start.equals(folder) ? null : start;
		}
		catch (IOException | RuntimeException ex) {
			unwatchable(folder, ex);
			return null;
		}
	}

	private static void unwatchable(Path folder, Exception ex) {
		String reason = (ex instanceof FileSystemException failure && failure.getReason() != null) ? failure.getReason()
				: String.valueOf(ex);
		logger.warn("Cannot watch " + ArticleWatcher.printable(folder) + " (" + ArticleWatcher.printable(reason)
				+ "); edits to the photos in it show only after a restart");
	}

	@Override
	public void close() throws IOException {
		this.service.close();
	}

}
