package org.broadsheet.photos;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Develops the files an article names into what readers are served, several at once. A camera file
 * becomes WebP and JPEG variants at the widths the layout needs, each a fingerprinted file of its own
 * (and, for the lead photo, crops for search engines); a drawing or a GIF is rebuilt from what draws it. What was
 * developed is kept, by a hash of the file, in memory and optionally on disk, so that neither a text
 * edit nor a restart develops a photo again.
 */
public final class Darkroom implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(Darkroom.class);

	/** A request for one photo: the lead one is developed larger, with crops. */
	public record Order(String path, boolean lead) {
	}

	private final PhotoCache disk;

	private final ExecutorService workers;

	/** What is developed or being developed, by {@link #key}: all that the latest edition uses. */
	private final Map<String, CompletableFuture<Photo>> recent = new ConcurrentHashMap<>();

	private final Variants variants;

	/** What earlier versions of the article use: kept when the latest edition no longer does. */
	private final Set<String> kept = ConcurrentHashMap.newKeySet();

	/** Names how photos are developed, for the caches: a change to the output develops them again. */
	private final String process;

	/**
	 * @param cache a folder to keep developed photos in across restarts, or null to keep them in memory
	 * only
	 * @param cacheLimitBytes how much the folder may hold
	 * @param paper the page's colour, which a transparent PNG is laid on in JPEG
	 */
	public Darkroom(Path cache, long cacheLimitBytes, Color paper) {
		this.disk = (cache != null) ? PhotoCache.open(cache, cacheLimitBytes) : null;
		this.variants = new Variants(Sizes.STANDARD, paper);
		this.process = "webp" + PhotoWriter.WEBP_METHOD + "-q" + PhotoWriter.QUALITY + "-" + Sizes.STANDARD.name()
				+ "-paper" + Integer.toHexString(paper.getRGB() & 0xffffff) + "-v3";
		this.workers = Executors.newFixedThreadPool(threads(Runtime.getRuntime().maxMemory()), (task) -> {
			Thread thread = new Thread(task, "broadsheet-darkroom");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * The folder developed photos are kept in, found to be this user's alone; null when they are kept in
	 * memory only. What else a restart may reuse can be kept there too, under names of its own.
	 */
	public Path cacheFolder() {
		return (this.disk != null) ? this.disk.folder() : null;
	}

	/** Where developed photos are kept when no folder is named: the user's own cache, private to them. */
	public static Path standardCache() {
		return CacheFolder.standard();
	}

	/**
	 * How many photos to develop at once: one per core, as far as the heap allows, so that the deploy
	 * line's 64 MB develops one at a time (the heap's peak is measured by {@code src/test/bench/startup.sh},
	 * see its README).
	 */
	static int threads(long maxHeap) {
		int byHeap = (int) Math.max(1, (maxHeap - (24L << 20)) / (20L << 20));
		return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), byHeap));
	}

	/**
	 * Develops the files, several at once, or waits for those already being developed.
	 * @return the photos, in the order asked
	 * @throws PhotoException for the first of them, in that order, that cannot be published
	 */
	public List<Photo> develop(List<Order> orders, ImageFiles files) throws PhotoException {
		return develop(orders, files, false);
	}

	/**
	 * The same for an earlier version of the article, whose photos are kept for as long as the
	 * application runs, beside those of the edition being served.
	 */
	public List<Photo> developToKeep(List<Order> orders, ImageFiles files) throws PhotoException {
		return develop(orders, files, true);
	}

	private List<Photo> develop(List<Order> orders, ImageFiles files, boolean keep) throws PhotoException {
		long start = System.nanoTime();
		List<String> keys = new ArrayList<>();
		List<CompletableFuture<Photo>> developing = new ArrayList<>();
		for (Order order : orders) {
			String key = key(order, checksum(order, files));
			keys.add(key);
			developing.add(start(key, order, files));
		}
		List<Photo> photos = new ArrayList<>();
		PhotoException failure = null;
		for (int i = 0; i < orders.size(); i++) {
			try {
				photos.add(developing.get(i).get());
			}
			catch (ExecutionException ex) {
				// not kept: the editor may fix the file and save again
				this.recent.remove(keys.get(i), developing.get(i));
				if (failure == null) {
					failure = (ex.getCause() instanceof PhotoException photo) ? photo
							: new PhotoException(orders.get(i).path(), "cannot be read (" + ex.getCause().getMessage() + ")",
									ex.getCause());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new PhotoException(orders.get(i).path(), "was not developed: Broadsheet is stopping", ex);
			}
		}
		if (failure != null) {
			throw failure;
		}
		if (keep) {
			this.kept.addAll(keys);
		}
		else {
			forgetAllBut(keys);
		}
		if (logger.isDebugEnabled()) {
			logger.debug(photos.size() + " photos ready in " + (System.nanoTime() - start) / 1_000_000 + " ms");
		}
		return photos;
	}

	/**
	 * Starts developing the files and returns at once, so that they develop while the application
	 * starts; {@link #develop} then finds them done, or waits for them. What cannot be developed is
	 * left for {@link #develop} to report.
	 */
	public void prepare(List<Order> orders, ImageFiles files) {
		for (Order order : orders) {
			try {
				start(key(order, checksum(order, files)), order, files);
			}
			catch (PhotoException | RuntimeException ex) {
				// reported, with its line, when the article is rendered
			}
		}
	}

	private CompletableFuture<Photo> start(String key, Order order, ImageFiles files) throws PhotoException {
		try {
			return this.recent.computeIfAbsent(key, (k) -> CompletableFuture.supplyAsync(() -> {
				try {
					return developOrFind(key, order, files);
				}
				catch (IOException | PhotoException ex) {
					throw new CompletionException(ex);
				}
			}, this.workers));
		}
		catch (RejectedExecutionException ex) {
			throw new PhotoException(order.path(), "was not developed: Broadsheet is stopping", ex);
		}
	}

	/**
	 * Develops a file as what its bytes say it is, whatever its name says: a JPEG saved as {@code .gif}
	 * is still a camera file, GPS position and all. The disk cache keeps what took time to develop.
	 */
	private Photo developOrFind(String key, Order order, ImageFiles files) throws IOException, PhotoException {
		Photo cached = (this.disk != null) ? this.disk.find(key, order.path()) : null;
		if (cached != null) {
			return cached;
		}
		try (Snapshot snapshot = Snapshot.of(order.path(), files)) {
			FileKind kind = snapshot.kind();
			String path = order.path();
			if (kind != FileKind.named(path) && (kind.camera() || kind == FileKind.GIF || kind == FileKind.SVG)) {
				logger.warn(path + " is " + kind.description() + " file, whatever its name says; it is developed as "
						+ kind.description() + " (rename it to " + path.substring(0, path.lastIndexOf('.'))
						+ kind.extension() + ")");
			}
			return switch (kind) {
				case SVG -> Drawing.svg(path, snapshot.bytes(Limits.MAX_DRAWING_BYTES, "a drawing"));
				case GIF -> GifFile.develop(path, snapshot.bytes(Limits.MAX_DRAWING_BYTES, "a GIF"));
				case JPEG, PNG -> developCamera(order, snapshot, key(order, snapshot.checksum()));
				case HEIF -> throw new PhotoException(path, "is a HEIC or AVIF file, which browsers cannot all show; "
						+ "export it as JPEG (on an iPhone: Settings, Camera, Formats, Most Compatible)");
				case WEBP -> throw new PhotoException(path, "is a WebP file, which Broadsheet makes but does not take; "
						+ "export it as JPEG or PNG");
				case UNKNOWN -> throw new PhotoException(path, "is not a JPEG, PNG, GIF or SVG file, whatever its name "
						+ "says; export photos as JPEG and drawings as SVG");
			};
		}
	}

	/** @param key the caches' name for the bytes developed, which may be newer than those first checksummed */
	private Photo developCamera(Order order, Snapshot snapshot, String key) throws IOException, PhotoException {
		long start = System.nanoTime();
		Photo photo = this.variants.develop(order.path(), order.lead(), CameraFile.read(snapshot, order.lead()).image());
		logger.info("Developed " + order.path() + " into " + (photo.variants().size() + photo.crops().size())
				+ " files in " + (System.nanoTime() - start) / 1_000_000 + " ms");
		if (this.disk != null) {
			this.disk.store(key, photo);
		}
		return photo;
	}

	/** What names a file's bytes: the identity its source knows, or a checksum of the bytes read. */
	private static String checksum(Order order, ImageFiles files) throws PhotoException {
		try {
			String identity = files.identity(order.path());
			return (identity != null) ? "identity " + identity : Snapshot.checksum(order.path(), files);
		}
		catch (IOException ex) {
			throw new PhotoException(order.path(), "cannot be read (" + ex.getMessage() + ")", ex);
		}
	}

	/** The caches' name for a developed photo: its path, how it is developed, and its bytes' checksum. */
	private String key(Order order, String checksum) {
		String name = order.path() + "\n" + order.lead() + "\n" + this.process + "\n" + checksum;
		return HexFormat.of().formatHex(Fingerprint.sha256().digest(name.getBytes(StandardCharsets.UTF_8)), 0, 16);
	}

	/** Keeps in memory only what the latest edition uses; the disk cache keeps more, within its limit. */
	private void forgetAllBut(List<String> keys) {
		Set<String> kept = new HashSet<>(keys);
		kept.addAll(this.kept);
		this.recent.keySet().removeIf((key) -> !kept.contains(key));
		if (this.disk != null) {
			this.disk.prune(kept);
		}
	}

	/** Stops the workers, as the application does; a photo being developed is abandoned. */
	@Override
	public void close() {
		this.workers.shutdownNow();
	}

}
