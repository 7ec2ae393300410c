package org.broadsheet.photos;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Camera files as editors bring them, developed: upright, in sRGB, at the widths the layout needs, in
 * WebP and JPEG, with every piece of the camera's metadata gone.
 */
class DarkroomTests {

	@TempDir
	Path folder;

	private final Darkroom darkroom = new Darkroom(null, 0, org.broadsheet.edition.Palette.page().paper());

	/** Files beside an article, counting how often each is opened. */
	record Files(Map<String, byte[]> contents, AtomicInteger opened) implements ImageFiles {

		Files(Map<String, byte[]> contents) {
			this(contents, new AtomicInteger());
		}

		@Override
		public java.io.InputStream open(String relativePath) {
			byte[] bytes = this.contents.get(relativePath);
			if (bytes == null) {
				return null;
			}
			this.opened.incrementAndGet();
			return new ByteArrayInputStream(bytes);
		}

	}

	Photo develop(String path, byte[] bytes, boolean lead) throws PhotoException {
		return this.darkroom.develop(List.of(new Darkroom.Order(path, lead)), new Files(Map.of(path, bytes))).get(0);
	}

	static BufferedImage decode(Variant variant) throws IOException {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(variant.bytes()));
		assertThat(image).as(variant.path()).isNotNull();
		return image;
	}

	static boolean red(int rgb) {
		return ((rgb >> 16) & 0xff) > 180 && ((rgb >> 8) & 0xff) < 80 && (rgb & 0xff) < 80;
	}

	@Test
	void aPortraitStoredSidewaysComesOutUprightAtEachWidthInWebpAndJpeg() throws Exception {
		Photo photo = develop("images/portrait.jpg", CameraFiles.jpeg(3000, 2000, 6), false);
		assertThat(photo.width()).isEqualTo(1067);
		assertThat(photo.height()).isEqualTo(1600);
		assertThat(photo.webp()).extracting(Variant::width).containsExactly(480, 800, 1067);
		assertThat(photo.jpeg()).extracting(Variant::width).containsExactly(480, 800, 1067);
		for (Variant variant : photo.variants()) {
			BufferedImage image = decode(variant);
			assertThat(image.getWidth()).as(variant.path()).isEqualTo(variant.width());
			assertThat(image.getHeight()).as(variant.path()).isEqualTo(variant.height());
			assertThat(image.getHeight()).as("portrait").isGreaterThan(image.getWidth());
			// orientation 6: the stored top-left corner is the upright top-right one
			assertThat(red(image.getRGB(image.getWidth() - 3, 2))).as(variant.path() + " top right").isTrue();
			assertThat(red(image.getRGB(2, 2))).as(variant.path() + " top left").isFalse();
			assertThat(variant.path()).matches("images/portrait-\\d+w-[0-9a-f]{20}\\.(webp|jpg)");
		}
		assertThat(photo.single().width()).isEqualTo(1067);
	}

	@Test
	void nothingOfTheCamerasMetadataIsLeftInAnyVariant() throws Exception {
		byte[] camera = CameraFiles.jpeg(3000, 2000, 6);
		assertThat(new String(camera, StandardCharsets.ISO_8859_1)).as("the fixture carries it")
			.contains(CameraFiles.MAKE, CameraFiles.SERIAL, "Exif\0\0", "2014:05:21 09:30:00");
		Photo photo = develop("images/portrait.jpg", camera, true);
		List<Variant> files = new ArrayList<>(photo.variants());
		files.addAll(photo.crops());
		for (Variant variant : files) {
			String text = new String(variant.bytes(), StandardCharsets.ISO_8859_1);
			for (String secret : CameraFiles.PRIVATE) {
				assertThat(text).as(variant.path()).doesNotContain(secret);
			}
			if (variant.mediaType().equals("image/jpeg")) {
				assertThat(jpegMarkers(variant.bytes())).as(variant.path()).doesNotContain(0xE0, 0xE1, 0xE2, 0xED, 0xEE, 0xFE);
			}
			else {
				assertThat(webpChunks(variant.bytes())).as(variant.path()).isSubsetOf("VP8 ", "VP8L", "VP8X", "ALPH");
			}
		}
	}

	@Test
	void theLeadPhotoHasCropsForSearchEnginesAndAPreviewJpegUnder300Kilobytes() throws Exception {
		Photo photo = develop("images/lead.jpg", CameraFiles.jpeg(3000, 2000, 1), true);
		assertThat(photo.width()).isEqualTo(1600);
		assertThat(photo.height()).isEqualTo(1067);
		assertThat(photo.webp()).extracting(Variant::width).containsExactly(480, 800, 1200, 1600);
		assertThat(photo.crops()).extracting((crop) -> crop.width() + "x" + crop.height())
			.containsExactly("1200x675", "1200x900", "1200x1200");
		for (Variant crop : photo.crops()) {
			BufferedImage image = decode(crop);
			assertThat(image.getWidth() + "x" + image.getHeight()).isEqualTo(crop.width() + "x" + crop.height());
			assertThat(crop.bytes().length).isLessThan(300 * 1024);
		}
		Variant single = photo.single();
		assertThat(single.mediaType()).isEqualTo("image/jpeg");
		assertThat(single.width()).isEqualTo(1200);
		assertThat(single.height()).isEqualTo(800);
		assertThat(single.bytes().length).isLessThan(300 * 1024);
	}

	@Test
	void aFileClaimingABillionPixelsIsRefusedBeforeDecodingByName() throws Exception {
		long start = System.nanoTime();
		assertThatExceptionOfType(PhotoException.class)
			.isThrownBy(() -> develop("images/bomb.png", pngClaiming(100_000, 100_000), false))
			.withMessageContaining("claims to be 100000 × 100000 pixels (10000 megapixels)")
			.withMessageContaining("export a smaller copy")
			.satisfies((ex) -> assertThat(ex.path()).isEqualTo("images/bomb.png"));
		assertThat(System.nanoTime() - start).as("nothing was decoded").isLessThan(2_000_000_000L);
	}

	@Test
	void cmykAndProgressiveJpegsAndTransparentPngsAreReadToo() throws Exception {
		Photo cmyk = develop("images/print.jpg", CameraFiles.cmykJpeg(1800, 1200), false);
		BufferedImage print = decode(cmyk.jpeg().get(0));
		assertThat(red(print.getRGB(2, 2))).as("CMYK converted, not inverted").isTrue();
		assertThat(cmyk.width()).isEqualTo(1600);

		Photo progressive = develop("images/progressive.jpg", CameraFiles.progressiveJpeg(2400, 1600), false);
		assertThat(progressive.webp()).extracting(Variant::width).containsExactly(480, 800, 1200, 1600);
		assertThat(red(decode(progressive.webp().get(0)).getRGB(2, 2))).isTrue();

		Photo cutOut = develop("images/cut-out.png", CameraFiles.pngWithAlpha(1200, 800), false);
		assertThat(webpChunks(cutOut.webp().get(0).bytes())).as("WebP keeps the transparency").contains("ALPH");
		int corner = decode(cutOut.jpeg().get(0)).getRGB(cutOut.jpeg().get(0).width() - 2, cutOut.jpeg().get(0).height() - 2);
		assertThat(corner & 0xffffff).as("JPEG lays it on the page's paper").isCloseTo(0xfbf9f4, org.assertj.core.data.Offset.offset(0x030303));
	}

	@Test
	void developingAgainReadsOnlyTheHashAndADiskCacheSurvivesARestart() throws Exception {
		Files files = new Files(Map.of("images/photo.jpg", CameraFiles.jpeg(2400, 1600, 1)));
		List<Darkroom.Order> orders = List.of(new Darkroom.Order("images/photo.jpg", false));
		Darkroom first = new Darkroom(this.folder, 100L << 20, org.broadsheet.edition.Palette.page().paper());
		Photo developed = first.develop(orders, files).get(0);
		assertThat(files.opened().get()).as("checksummed, then copied once to develop").isEqualTo(2);

		files.opened().set(0);
		assertThat(first.develop(orders, files).get(0)).isSameAs(developed);
		assertThat(files.opened().get()).as("a text edit in the live preview only hashes the file").isEqualTo(1);

		files.opened().set(0);
		Photo restarted = new Darkroom(this.folder, 100L << 20, org.broadsheet.edition.Palette.page().paper()).develop(orders, files).get(0);
		assertThat(files.opened().get()).as("a restart only hashes it too").isEqualTo(1);
		assertThat(restarted.variants()).extracting(Variant::path)
			.containsExactlyElementsOf(developed.variants().stream().map(Variant::path).toList());
		assertThat(restarted.single().bytes()).isEqualTo(developed.single().bytes());
	}

	@Test
	void theDiskCacheKeepsToItsLimitDroppingTheLeastRecentlyUsed() throws Exception {
		Darkroom darkroom = new Darkroom(this.folder, 1, org.broadsheet.edition.Palette.page().paper());
		Files files = new Files(Map.of("images/a.jpg", CameraFiles.jpeg(1200, 800, 1), "images/b.jpg",
				CameraFiles.jpeg(1200, 800, 3)));
		darkroom.develop(List.of(new Darkroom.Order("images/a.jpg", false)), files);
		darkroom.develop(List.of(new Darkroom.Order("images/b.jpg", false)), files);
		try (var entries = java.nio.file.Files.list(this.folder)) {
			assertThat(entries.filter(java.nio.file.Files::isDirectory).count()).as("only the one in use").isEqualTo(1);
		}
	}

	@Test
	void drawingsAreServedRebuilt() throws Exception {
		byte[] saved = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 200\" data-stand-in=\"true\"></svg>"
			.getBytes(StandardCharsets.UTF_8);
		byte[] svg = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				+ "<svg xmlns=\"http://www.w3.org/2000/svg\" data-stand-in=\"true\" viewBox=\"0 0 300 200\"/>\n")
			.getBytes(StandardCharsets.UTF_8);
		Photo drawing = develop("images/drawing.svg", saved, true);
		assertThat(drawing.developed()).isFalse();
		assertThat(drawing.standIn()).isTrue();
		assertThat(drawing.width() + "x" + drawing.height()).isEqualTo("300x200");
		assertThat(drawing.variants()).singleElement().satisfies((file) -> {
			assertThat(file.path()).isEqualTo("images/drawing-" + Fingerprint.of(svg) + ".svg");
			assertThat(file.bytes()).isEqualTo(svg);
		});
		assertThat(drawing.crops()).isEmpty();
	}

	@Test
	void whatCannotBeDevelopedIsRefusedWithASentence() {
		assertThatExceptionOfType(PhotoException.class).isThrownBy(() -> this.darkroom
			.develop(List.of(new Darkroom.Order("images/missing.jpg", false)), new Files(Map.of())))
			.withMessage("does not exist beside the article; add the file or fix its name");
		assertThatExceptionOfType(PhotoException.class)
			.isThrownBy(() -> develop("images/phone.heic", new byte[] { 0, 0, 0, 24, 'f', 't', 'y', 'p' }, false))
			.withMessageStartingWith("is a HEIC or AVIF file")
			.withMessageContaining("export it as JPEG");
		assertThatExceptionOfType(PhotoException.class)
			.as("judged by its bytes, not its name")
			.isThrownBy(() -> develop("images/renamed.jpg", new byte[] { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c' }, false))
			.withMessageStartingWith("is a HEIC or AVIF file");
		assertThatExceptionOfType(PhotoException.class)
			.isThrownBy(() -> develop("images/notes.jpg", "just text".getBytes(StandardCharsets.UTF_8), false))
			.withMessage("is not a JPEG, PNG, GIF or SVG file, whatever its name says; export photos as JPEG and drawings as SVG");
	}

	@Test
	void widthsAreThoseThePhotoIsWiderThanAndItsOwnNeverMore() {
		assertThat(Sizes.STANDARD.widths(1600)).containsExactly(480, 800, 1200, 1600);
		assertThat(Sizes.STANDARD.widths(1800)).containsExactly(480, 800, 1200, 1600, 1800);
		assertThat(Sizes.STANDARD.widths(1067)).containsExactly(480, 800, 1067);
		assertThat(Sizes.STANDARD.widths(500)).containsExactly(500);
	}

	@Test
	void photosAreDevelopedOneAtATimeInTheDeployLinesHeapAndTwoAtATimeInMore() {
		// what Runtime.maxMemory() says under -Xmx64m -XX:+UseSerialGC: 64 MB less a survivor space
		assertThat(Darkroom.threads(64_880_640L)).isEqualTo(1);
		assertThat(Darkroom.threads(128L << 20)).isEqualTo(Math.min(2, Runtime.getRuntime().availableProcessors()));
	}

	/** A PNG whose header claims the given size, with almost no pixels behind it. */
	static byte[] pngClaiming(int width, int height) throws IOException {
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		DataOutputStream out = new DataOutputStream(png);
		out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		ByteArrayOutputStream header = new ByteArrayOutputStream();
		DataOutputStream ihdr = new DataOutputStream(header);
		ihdr.writeInt(width);
		ihdr.writeInt(height);
		ihdr.write(new byte[] { 8, 2, 0, 0, 0 });
		chunk(out, "IHDR", header.toByteArray());
		chunk(out, "IDAT", new byte[] { 0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 });
		chunk(out, "IEND", new byte[0]);
		return png.toByteArray();
	}

	static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
		out.writeInt(data.length);
		byte[] name = type.getBytes(StandardCharsets.US_ASCII);
		out.write(name);
		out.write(data);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data);
		out.writeInt((int) crc.getValue());
	}

	/** The marker codes of a JPEG's segments, up to the first scan. */
	static List<Integer> jpegMarkers(byte[] jpeg) {
		List<Integer> markers = new ArrayList<>();
		int i = 2;
		while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xFF) {
			int marker = jpeg[i + 1] & 0xff;
			markers.add(marker);
			if (marker == 0xDA) {
				break;
			}
			i += 2 + (((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff));
		}
		return markers;
	}

	/** The chunk names of a WebP (RIFF) file. */
	static List<String> webpChunks(byte[] webp) {
		List<String> chunks = new ArrayList<>();
		for (int i = 12; i + 8 <= webp.length;) {
			chunks.add(new String(webp, i, 4, StandardCharsets.US_ASCII));
			int size = (webp[i + 4] & 0xff) | (webp[i + 5] & 0xff) << 8 | (webp[i + 6] & 0xff) << 16 | (webp[i + 7] & 0xff) << 24;
			i += 8 + size + (size & 1);
		}
		return chunks;
	}

}
