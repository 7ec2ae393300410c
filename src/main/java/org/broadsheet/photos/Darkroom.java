package org.broadsheet.photos;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Develops the files an article names into what readers are served, several at once. A camera file
 * becomes WebP and JPEG variants at the widths the layout needs, each a fingerprinted file of its own
 * (and, for the lead photo, crops for search engines); a drawing is served as it is. What was
 * developed is kept, by a hash of the file, in memory and optionally on disk, so that neither a text
 * edit nor a restart develops a photo again.
 */
public final class Darkroom {

	/** The widths a photo is served at, as the layout asks: a phone at 1x to a wide screen at 2x. */
	static final int[] WIDTHS = { 480, 800, 1200, 1600 };

	/** Names how photos are developed: change it when the output would change, so caches are not reused. */
	private static final String PROCESS = "webp" + PhotoWriter.WEBP_METHOD + "-q" + PhotoWriter.QUALITY + "-w480.800.1200.1600"
			+ "-l" + CameraFile.LONG_SIDE + "." + CameraFile.LEAD_SHORT_SIDE + "." + CameraFile.LEAD_LONG_SIDE + "-v1";

	/** The largest a drawing may be: they are read whole, and served whole. */
	private static final int MAX_DRAWING_BYTES = 10 * 1024 * 1024;

	/** Link previews drop images over about 600 KB; keep the one they show well under that. */
	static final int SINGLE_MAX_BYTES = 300 * 1024;

	/** A request for one photo: the lead one is developed larger, with crops. */
	public record Order(String path, boolean lead) {
	}

	private final PhotoCache disk;

	private final ExecutorService workers;

	private final Map<String, Photo> recent = new ConcurrentHashMap<>();

	/**
	 * @param cache a folder to keep developed photos in across restarts, or null to keep them in memory
	 * only
	 * @param cacheLimitBytes how much the folder may hold
	 */
	public Darkroom(Path cache, long cacheLimitBytes) {
		this.disk = (cache != null) ? new PhotoCache(cache, cacheLimitBytes) : null;
		this.workers = Executors.newFixedThreadPool(threads(Runtime.getRuntime().maxMemory()), (task) -> {
			Thread thread = new Thread(task, "broadsheet-darkroom");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * How many photos to develop at once: one per core, as far as the heap allows. Each takes up to about
	 * 25 MB while it is developed, beside the 25 MB the application keeps.
	 */
	static int threads(long maxHeap) {
		int byHeap = (int) Math.max(1, (maxHeap - (24L << 20)) / (20L << 20));
		return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), byHeap));
	}

	/**
	 * Develops the files, several at once.
	 * @return the photos, in the order asked
	 * @throws PhotoException for the first of them, in that order, that cannot be published
	 */
	public List<Photo> develop(List<Order> orders, ImageFiles files) throws PhotoException {
		List<Future<Photo>> developing = new ArrayList<>();
		for (Order order : orders) {
			developing.add(this.workers.submit(() -> develop(order, files)));
		}
		List<Photo> photos = new ArrayList<>();
		PhotoException failure = null;
		for (int i = 0; i < orders.size(); i++) {
			try {
				photos.add(developing.get(i).get());
			}
			catch (ExecutionException ex) {
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
		forgetAllBut(photos);
		return photos;
	}

	private Photo develop(Order order, ImageFiles files) throws IOException, PhotoException {
		String path = order.path();
		String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
		return switch (extension) {
			case "svg" -> Drawing.svg(path, read(path, files));
			case "gif" -> Drawing.gif(path, read(path, files));
			case "jpg", "jpeg", "png" -> camera(order, files);
			case "heic", "heif", "avif" -> throw new PhotoException(path, "is a HEIC or AVIF file, which browsers "
					+ "cannot all show; export it as JPEG (on an iPhone: Settings, Camera, Formats, Most Compatible)");
			default -> throw new PhotoException(path, "is not an SVG, PNG, JPEG or GIF file");
		};
	}

	private static byte[] read(String path, ImageFiles files) throws IOException, PhotoException {
		try (InputStream in = files.open(path)) {
			if (in == null) {
				throw new PhotoException(path, "does not exist beside the article; add the file or fix its name");
			}
			byte[] bytes = in.readNBytes(MAX_DRAWING_BYTES + 1);
			if (bytes.length > MAX_DRAWING_BYTES) {
				throw new PhotoException(path, "is over " + (MAX_DRAWING_BYTES >> 20) + " MB, too large for a drawing");
			}
			return bytes;
		}
	}

	private Photo camera(Order order, ImageFiles files) throws IOException, PhotoException {
		String key = key(order, files);
		Photo photo = this.recent.get(key);
		if (photo == null && this.disk != null) {
			photo = this.disk.find(key);
		}
		if (photo == null) {
			photo = developNew(order, files);
			if (this.disk != null) {
				this.disk.store(key, photo);
			}
		}
		this.recent.put(key, photo);
		return photo;
	}

	/** A hash of the file's bytes, its path and how it is developed: the cache's name for the result. */
	private static String key(Order order, ImageFiles files) throws IOException, PhotoException {
		MessageDigest digest = Fingerprint.sha256();
		digest.update((order.path() + "\n" + order.lead() + "\n" + PROCESS + "\n").getBytes(StandardCharsets.UTF_8));
		try (InputStream in = files.open(order.path())) {
			if (in == null) {
				throw new PhotoException(order.path(), "does not exist beside the article; add the file or fix its name");
			}
			try (DigestInputStream hashing = new DigestInputStream(in, digest)) {
				hashing.transferTo(OutputStreamOfNothing.INSTANCE);
			}
		}
		return java.util.HexFormat.of().formatHex(digest.digest(), 0, 16);
	}

	private static Photo developNew(Order order, ImageFiles files) throws IOException, PhotoException {
		BufferedImage image = CameraFile.read(order.path(), files, order.lead());
		String path = order.path();
		String base = path.substring(0, path.lastIndexOf('.'));
		List<Variant> webp = new ArrayList<>();
		List<Variant> jpeg = new ArrayList<>();
		BufferedImage current = image;
		List<Integer> widths = widths(image.getWidth());
		int single = widths.stream().min(Comparator.comparingInt((width) -> Math.abs(width - Photo.SINGLE_WIDTH))).get();
		for (int i = widths.size() - 1; i >= 0; i--) {
			int width = widths.get(i);
			int height = Math.max(1, Math.round(image.getHeight() * (float) width / image.getWidth()));
			current = CameraFile.scale(current, width, height);
			webp.add(0, variant(base + "-" + width + "w", "image/webp", current, PhotoWriter.webp(current)));
			byte[] jpg = PhotoWriter.jpeg(current);
			jpeg.add(0, variant(base + "-" + width + "w", "image/jpeg", current,
					(width == single) ? underSingleLimit(current, jpg) : jpg));
		}
		List<Variant> variants = new ArrayList<>(webp);
		variants.addAll(jpeg);
		List<Variant> crops = order.lead() ? crops(image, base) : List.of();
		return new Photo(path, image.getWidth(), image.getHeight(), false, variants, crops);
	}

	/** The widths to serve: those of {@link #WIDTHS} the photo is wider than, and its own. */
	static List<Integer> widths(int width) {
		List<Integer> widths = new ArrayList<>();
		for (int candidate : WIDTHS) {
			if (candidate < width * 0.9) {
				widths.add(candidate);
			}
		}
		widths.add(width);
		return widths;
	}

	/** The JPEG that link previews show, re-encoded at lower quality until it is small enough for them. */
	private static byte[] underSingleLimit(BufferedImage image, byte[] jpeg) throws IOException {
		byte[] result = jpeg;
		for (float quality = PhotoWriter.QUALITY - 0.1f; result.length > SINGLE_MAX_BYTES && quality > 0.35f;
				quality -= 0.1f) {
			result = PhotoWriter.jpeg(image, quality);
		}
		return result;
	}

	/**
	 * The lead photo cropped about its centre to 16:9, 4:3 and 1:1, each 1200 px wide, as Google's
	 * article guidelines ask; a crop the photo is too small for is left out, not enlarged.
	 */
	private static List<Variant> crops(BufferedImage image, String base) throws IOException {
		List<Variant> crops = new ArrayList<>();
		for (int[] ratio : new int[][] { { 16, 9 }, { 4, 3 }, { 1, 1 } }) {
			int width = Photo.SINGLE_WIDTH;
			int height = width * ratio[1] / ratio[0];
			double scale = Math.min(image.getWidth() / (double) width, image.getHeight() / (double) height);
			if (scale < 1) {
				continue;
			}
			int cropWidth = (int) Math.round(width * scale);
			int cropHeight = (int) Math.round(height * scale);
			BufferedImage crop = image.getSubimage((image.getWidth() - cropWidth) / 2, (image.getHeight() - cropHeight) / 2,
					cropWidth, cropHeight);
			BufferedImage scaled = CameraFile.scale(copy(crop), width, height);
			crops.add(variant(base + "-" + ratio[0] + "x" + ratio[1], "image/jpeg", scaled,
					underSingleLimit(scaled, PhotoWriter.jpeg(scaled))));
		}
		return crops;
	}

	private static BufferedImage copy(BufferedImage image) {
		BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), image.getType());
		copy.getGraphics().drawImage(image, 0, 0, null);
		return copy;
	}

	private static Variant variant(String name, String mediaType, BufferedImage image, byte[] bytes) {
		String extension = "image/webp".equals(mediaType) ? ".webp" : ".jpg";
		return new Variant(name + "-" + Fingerprint.of(bytes) + extension, mediaType, image.getWidth(),
				image.getHeight(), bytes);
	}

	/** Keeps in memory only what the latest edition uses; the disk cache keeps more, within its limit. */
	private void forgetAllBut(List<Photo> photos) {
		Set<Photo> kept = new HashSet<>(photos);
		this.recent.values().removeIf((photo) -> !kept.contains(photo));
		if (this.disk != null) {
			this.disk.prune(this.recent.keySet());
		}
	}

	/** Discards what it is given, for hashing a stream without keeping it. */
	private static final class OutputStreamOfNothing extends java.io.OutputStream {

		static final OutputStreamOfNothing INSTANCE = new OutputStreamOfNothing();

		@Override
		public void write(int b) {
		}

		@Override
		public void write(byte[] b, int off, int len) {
		}

	}

}
