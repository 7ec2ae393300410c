package org.broadsheet.publishing;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The live preview: while the article is previewed, re-renders it when the file or anything in its
 * {@code images/} folder (and the folders within) changes, once per change rather than per request.
 * It watches the folders, not the file, so an editor that saves by writing a new file and renaming it
 * over the old one is seen too. An edit that cannot be published leaves the last good version served.
 */
@Component
@ConditionalOnWebApplication
class ArticleWatcher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ArticleWatcher.class);

	/** Editors write a file in several steps; wait this long for quiet before re-rendering. */
	private static final long SETTLE_MILLIS = 60;

	private final Publication publication;

	private final Path file;

	private volatile WatchService watchService;

	private volatile Thread thread;

	ArticleWatcher(Publication publication, ArticleSource source) {
		this.publication = publication;
		this.file = source.preview() ? source.file().orElseThrow() : null;
	}

	@Override
	public void start() {
		if (this.file == null) {
			return;
		}
		try {
			this.watchService = FileSystems.getDefault().newWatchService();
			register(this.file.toAbsolutePath().getParent());
			registerTree(images());
		}
		catch (IOException ex) {
			logger.warn("Cannot watch " + this.file + " for changes (" + ex.getMessage() + "); restart to see edits");
			return;
		}
		this.thread = new Thread(this::watch, "broadsheet-watcher");
		this.thread.setDaemon(true);
		this.thread.start();
		logger.info("Live preview: watching " + this.file + " and its images folder; edits show on the next page load");
	}

	private void register(Path folder) throws IOException {
		folder.register(this.watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
				StandardWatchEventKinds.ENTRY_DELETE);
	}

	private Path images() {
		return this.file.resolveSibling("images");
	}

	/** Registers a folder and every folder within it, as image paths may name subfolders. */
	private void registerTree(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return;
		}
		try (Stream<Path> folders = Files.walk(folder)) {
			for (Path each : (Iterable<Path>) folders.filter(Files::isDirectory)::iterator) {
				register(each);
			}
		}
	}

	private void watch() {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				WatchKey key = this.watchService.take();
				boolean relevant = relevant(key);
				// Let a burst of events from one save settle, then render once.
				WatchKey more;
				while ((more = this.watchService.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
					relevant |= relevant(more);
				}
				if (relevant) {
					republish();
				}
			}
		}
		catch (InterruptedException | ClosedWatchServiceException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Whether a change in a watched folder is the article's: the file itself, or anything in the
	 * {@code images/} folder beside it. An article at the root of the filesystem, as a container
	 * mounts it, has {@code /images} beside it.
	 */
	static boolean relevant(Path article, Path changed) {
		return changed.equals(article) || changed.startsWith(article.resolveSibling("images"));
	}

	/** Publishes the saved version, and goes on watching whatever happens: a later save may mend it. */
	private void republish() {
		try {
			long start = System.nanoTime();
			if (this.publication.republish()) {
				logger.info("Republished " + this.file.getFileName() + " in "
						+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms; " + this.publication.summary());
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not republish " + this.file + " (" + ex + "); still serving the last good version", ex);
		}
	}

	private boolean relevant(WatchKey key) {
		Path folder = (Path) key.watchable();
		boolean relevant = false;
		for (WatchEvent<?> event : key.pollEvents()) {
			if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
				relevant = true;
				continue;
			}
			Path changed = folder.resolve((Path) event.context());
			relevant |= relevant(this.file, changed);
			if (changed.startsWith(images()) && Files.isDirectory(changed)) {
				try {
					registerTree(changed);
				}
				catch (IOException ex) {
					logger.warn("Cannot watch " + changed + " (" + ex.getMessage() + ")");
				}
			}
		}
		key.reset();
		return relevant;
	}

	@Override
	public void stop() {
		Thread watcher = this.thread;
		if (watcher != null) {
			watcher.interrupt();
		}
		try {
			if (this.watchService != null) {
				this.watchService.close();
			}
		}
		catch (IOException ex) {
			// closing on shutdown; nothing to do
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
