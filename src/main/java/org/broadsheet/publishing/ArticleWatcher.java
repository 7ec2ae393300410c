package org.broadsheet.publishing;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadsheet.article.ControlCharacters;

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

	/** The article as named, which may be a link. */
	private final Path file;

	/** Where a link points, as an editor's edits change the file there; the file itself otherwise. */
	private volatile Path target;

	/** Where the images folder really is, when it is a link; null otherwise. */
	private volatile Path imagesTarget;

	private volatile WatchedFolders folders;

	private volatile Thread thread;

	ArticleWatcher(Publication publication, ArticleSource source) {
		this.publication = publication;
		this.file = source.preview() ? source.file().orElseThrow() : null;
	}

	/**
	 * Starts watching; whatever cannot be watched is said in the log and the rest is watched, as a
	 * preview that sees fewer edits is better than a start that fails.
	 */
	@Override
	public void start() {
		if (this.file == null) {
			return;
		}
		try {
			this.folders = new WatchedFolders();
			this.folders.register(this.file.toAbsolutePath().getParent());
			this.target = target();
			if (!this.target.getParent().equals(this.file.toAbsolutePath().getParent())) {
				this.folders.register(this.target.getParent());
			}
			this.imagesTarget = this.folders.registerTree(images());
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Cannot watch " + printable(this.file) + " for changes (" + printable(ex) + "); restart to see edits");
			return;
		}
		this.thread = new Thread(this::watch, "broadsheet-watcher");
		this.thread.setDaemon(true);
		this.thread.start();
		logger.info("Live preview: watching " + printable(this.file)
				+ (this.target.equals(this.file) ? "" : " (a link to " + printable(this.target) + ")")
				+ " and its images folder; each save shows in the browsers that have the page open");
	}

	private Path target() {
		try {
			return this.file.toRealPath();
		}
		catch (IOException ex) {
			// not there for now, as an editor saving by rename leaves it for a moment
			return this.file;
		}
	}

	private Path images() {
		return this.file.resolveSibling("images");
	}

	/** Goes on watching whatever fails, so that a later save is still seen; only stopping ends it. */
	private void watch() {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				WatchKey key = this.folders.service().take();
				boolean relevant = relevant(key);
				// Let a burst of events from one save settle, then render once.
				WatchKey more;
				while ((more = this.folders.service().poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
					relevant |= relevant(more);
				}
				if (relevant) {
					republish();
				}
			}
			catch (InterruptedException | ClosedWatchServiceException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				logger.warn("The live preview met a problem (" + printable(ex) + "); still watching "
						+ printable(this.file), ex);
			}
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
				logger.info("Republished " + printable(this.file.getFileName()) + " in "
						+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms; " + this.publication.summary());
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not republish " + printable(this.file) + " (" + printable(ex)
					+ "); still serving the last good version", ex);
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
			if (changed.equals(this.file)) {
				// a link may now point elsewhere
				retarget();
			}
			boolean image = changed.startsWith(images())
					|| (this.imagesTarget != null && changed.startsWith(this.imagesTarget));
			relevant |= relevant(this.file, changed) || changed.equals(this.target) || image;
			if (image && Files.isDirectory(changed)) {
				this.folders.registerTree(changed);
			}
		}
		key.reset();
		return relevant;
	}

	private void retarget() {
		Path now = target();
		if (!now.equals(this.target)) {
			this.target = now;
			try {
				this.folders.register(now.getParent());
			}
			catch (IOException | RuntimeException ex) {
				logger.warn("Cannot watch " + printable(now) + " (" + printable(ex) + "); restart to see edits");
			}
		}
	}

	static String printable(Object value) {
		return ControlCharacters.escaped(String.valueOf(value));
	}

	@Override
	public void stop() {
		Thread watcher = this.thread;
		if (watcher != null) {
			watcher.interrupt();
		}
		try {
			if (this.folders != null) {
				this.folders.close();
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
