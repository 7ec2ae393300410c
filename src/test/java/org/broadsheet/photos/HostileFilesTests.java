package org.broadsheet.photos;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Files judged by their bytes, and bounded before a decoder starts: what an interrupted copy, a
 * renamed file, a tool's leftovers or a hostile header would otherwise publish or cost.
 */
class HostileFilesTests {

	@TempDir
	Path folder;

	private final Darkroom darkroom = new Darkroom(null, 0, org.broadsheet.edition.Palette.page().paper());

	Photo develop(String path, byte[] bytes) throws PhotoException {
		return this.darkroom.develop(List.of(new Darkroom.Order(path, false)), new DarkroomTests.Files(Map.of(path, bytes)))
			.get(0);
	}

	@Test
	void aJpegSavedAsGifIsDevelopedAsTheJpegItIsWithNothingOfTheCameraLeft() throws Exception {
		Photo photo = develop("images/renamed.gif", CameraFiles.jpeg(1200, 800, 6));
		assertThat(photo.developed()).as("developed into WebP and JPEG, not served as it is").isTrue();
		assertThat(photo.width()).as("turned upright by its EXIF").isLessThan(photo.height());
		for (Variant variant : photo.variants()) {
			assertThat(variant.path()).matches("images/renamed-[0-9]+w-[0-9a-f]{20}\\.(webp|jpg)");
			String bytes = new String(variant.bytes(), StandardCharsets.ISO_8859_1);
			for (String secret : CameraFiles.PRIVATE) {
				assertThat(bytes).as(variant.path()).doesNotContain(secret);
			}
		}
	}

	@Test
	void aGifIsRebuiltWithItsFramesAndLoopButWithoutCommentsOrXmp() throws Exception {
		byte[] gif = animatedGif();
		assertThat(new String(gif, StandardCharsets.ISO_8859_1)).contains("Jane Doe", "XMP DataXMP");
		Photo photo = develop("images/spinner.gif", gif);
		Variant served = photo.variants().get(0);
		String text = new String(served.bytes(), StandardCharsets.ISO_8859_1);
		assertThat(text).doesNotContain("Jane Doe").doesNotContain("XMP").doesNotContain("/home/jane");
		assertThat(text).as("the loop count browsers read").contains("NETSCAPE2.0");
		assertThat(served.mediaType()).isEqualTo("image/gif");
		assertThat(served.path()).isEqualTo("images/spinner-" + Fingerprint.of(served.bytes()) + ".gif");
		assertThat(photo.width() + "x" + photo.height()).isEqualTo("40x30");
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(served.bytes()))) {
			ImageReader reader = ImageIO.getImageReaders(input).next();
			reader.setInput(input);
			assertThat(reader.getNumImages(true)).as("both frames").isEqualTo(2);
			assertThat(reader.read(1).getRGB(5, 5) & 0xffffff).isEqualTo(0x0000ff);
		}
	}

	@Test
	void aJpegCutOffPartwayIsRefusedNamingItNotPublishedHalfGrey() {
		byte[] jpeg = CameraFiles.jpeg(1200, 800, 1);
		assertThatExceptionOfType(PhotoException.class)
			.isThrownBy(() -> develop("images/card.jpg", Arrays.copyOf(jpeg, jpeg.length / 2)))
			.withMessageStartingWith("is cut off: the JPEG ends before its picture does")
			.withMessageEndingWith("copy it again from the camera or card")
			.satisfies((ex) -> assertThat(ex.path()).isEqualTo("images/card.jpg"));
	}

	@Test
	void aPngCutOffPartwayIsRefusedNamingIt() {
		byte[] png = CameraFiles.pngWithAlpha(600, 400);
		assertThatExceptionOfType(PhotoException.class)
			.isThrownBy(() -> develop("images/cut.png", Arrays.copyOf(png, png.length - 20)))
			.withMessageStartingWith("is cut off: the PNG ends before its picture does");
	}

	@Test
	void tensOfMegabytesOfMetadataAreRefusedWithoutHoldingThem() throws Exception {
		byte[] jpeg = CameraFiles.jpeg(600, 400, 1);
		Path file = this.folder.resolve("flood.jpg");
		try (InputStream in = flooded(jpeg, 640)) {
			Files.copy(in, file);
		}
		assertThat(Files.size(file)).isGreaterThan(40_000_000L);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		assertThatExceptionOfType(PhotoException.class).isThrownBy(() -> JpegMarkers.read("images/flood.jpg", file))
			.withMessageStartingWith("carries more than 8 MB of metadata and tables beside its picture");
		assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated reading the markers")
			.isLessThan(2L << 20);
		assertThatExceptionOfType(PhotoException.class)
			.isThrownBy(() -> this.darkroom.develop(List.of(new Darkroom.Order("images/flood.jpg", false)),
					(path) -> flooded(jpeg, 640)))
			.withMessageStartingWith("carries more than 8 MB of metadata");
	}

	@Test
	void aPngStuffedWithTextChunksIsRefusedToo() throws Exception {
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		byte[] plain = DarkroomTests.pngClaiming(40, 30);
		png.write(plain, 0, 33);
		byte[] text = new byte[1 << 20];
		for (int i = 0; i < 10; i++) {
			DarkroomTests.chunk(new java.io.DataOutputStream(png), "tEXt", text);
		}
		png.write(plain, 33, plain.length - 33);
		assertThatExceptionOfType(PhotoException.class).isThrownBy(() -> develop("images/text.png", png.toByteArray()))
			.withMessageStartingWith("carries more than 8 MB of metadata");
	}

	@Test
	void aProgressiveJpegWithHundredsOfScansIsRefusedBeforeAnyIsDecoded() {
		byte[] jpeg = withScansRepeated(CameraFiles.progressiveJpeg(800, 600), 300);
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatExceptionOfType(PhotoException.class)
			.isThrownBy(() -> develop("images/scans.jpg", jpeg))
			.withMessageStartingWith("has more than 64 scans (progressive passes)")
			.withMessageEndingWith("export it again as a baseline JPEG"));
		assertThat(CameraFiles.progressiveJpeg(800, 600)).as("an ordinary progressive JPEG").satisfies((ordinary) -> {
			Path file = this.folder.resolve("ordinary.jpg");
			Files.write(file, ordinary);
			assertThat(JpegMarkers.read("images/ordinary.jpg", file).scans()).isBetween(2, 12);
		});
	}

	@Test
	void aFileLargerThanAnyCameraWritesIsRefusedAsItIsRead() {
		InputStream endless = new InputStream() {
			private long left = (201L << 20);

			@Override
			public int read() {
				return (this.left-- > 0) ? 0 : -1;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				int step = (int) Math.min(length, this.left);
				if (step <= 0) {
					return -1;
				}
				this.left -= step;
				return step;
			}
		};
		assertThatExceptionOfType(PhotoException.class)
			.isThrownBy(() -> this.darkroom.develop(List.of(new Darkroom.Order("images/huge.jpg", false)),
					(path) -> endless))
			.withMessage("is over 200 MB, larger than any camera writes a photo; export a smaller copy");
	}

	@Test
	void anExifBombIsReadForItsOrientationAloneWithinKilobytes() throws Exception {
		byte[] jpeg = CameraFiles.jpeg(600, 400, 1);
		byte[] bomb = exifBomb(5400);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		out.write(new byte[] { (byte) 0xFF, (byte) 0xE1, (byte) ((bomb.length + 2) >> 8), (byte) (bomb.length + 2) });
		out.write(bomb);
		out.write(jpeg, 2, jpeg.length - 2);
		Path file = Files.write(this.folder.resolve("bomb.jpg"), out.toByteArray());
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		assertThat(JpegMarkers.read("images/bomb.jpg", file).orientation()).isEqualTo(1);
		assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(2L << 20);
		assertThat(develop("images/bomb.jpg", out.toByteArray()).developed()).isTrue();
	}

	@Test
	void theOrientationIsReadInEitherByteOrder() {
		for (boolean little : new boolean[] { true, false }) {
			java.nio.ByteBuffer exif = java.nio.ByteBuffer.allocate(6 + 8 + 2 + 12 + 4)
				.order(little ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
			exif.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(little ? (byte) 'I' : (byte) 'M')
				.put(little ? (byte) 'I' : (byte) 'M').putShort((short) 42).putInt(8).putShort((short) 1)
				.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0).putInt(0);
			assertThat(ExifOrientation.of(exif.array())).as(little ? "II" : "MM").isEqualTo(6);
		}
	}

	@Test
	void tablesAndUnknownMarkersCannotHideWhatADecoderHolds() {
		byte[] jpeg = CameraFiles.progressiveJpeg(400, 300);
		byte[] table = new byte[65535 + 2];
		table[0] = (byte) 0xFF;
		table[1] = (byte) 0xC4;
		table[2] = (byte) 0xFF;
		table[3] = (byte) 0xFF;
		ByteArrayOutputStream tables = new ByteArrayOutputStream();
		tables.write(jpeg, 0, 2);
		for (int i = 0; i < 200; i++) {
			tables.write(table, 0, table.length);
		}
		tables.write(jpeg, 2, jpeg.length - 2);
		assertThatExceptionOfType(PhotoException.class).isThrownBy(() -> develop("images/tables.jpg", tables.toByteArray()))
			.withMessageStartingWith("carries more than 8 MB of metadata and tables");
		ByteArrayOutputStream hidden = new ByteArrayOutputStream();
		hidden.write(jpeg, 0, 2);
		hidden.write(new byte[] { (byte) 0xFF, 0x00, 0x00, 0x04, (byte) 0xFF, (byte) 0xE3 }, 0, 6);
		hidden.write(jpeg, 2, jpeg.length - 2);
		assertThatExceptionOfType(PhotoException.class).isThrownBy(() -> develop("images/hidden.jpg", hidden.toByteArray()))
			.withMessageStartingWith("is not a readable JPEG file (an unexpected marker 0xFF00)");
	}

	@Test
	void aProgressiveJpegLargerThanCanBeDecodedWholeIsRefusedFromItsHeader() {
		byte[] jpeg = CameraFiles.progressiveJpeg(400, 300);
		for (int i = 0; i + 8 < jpeg.length; i++) {
			if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == 0xC2) {
				jpeg[i + 5] = (byte) (4000 >> 8);
				jpeg[i + 6] = (byte) 4000;
				jpeg[i + 7] = (byte) (8000 >> 8);
				jpeg[i + 8] = (byte) 8000;
				break;
			}
		}
		assertThatExceptionOfType(PhotoException.class).isThrownBy(() -> develop("images/huge.jpg", jpeg))
			.withMessageStartingWith("is a 32 MP JPEG saved as progressive, which is decoded whole");
	}

	@Test
	void aPalettePngsUnknownChunksCountAndAnUnknownCriticalOneIsRefused() throws Exception {
		byte[] plain = DarkroomTests.pngClaiming(40, 30);
		for (String type : new String[] { "prVt", "ABCD" }) {
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			png.write(plain, 0, 33);
			for (int i = 0; i < ("ABCD".equals(type) ? 1 : 10); i++) {
				DarkroomTests.chunk(new java.io.DataOutputStream(png), type, new byte[1 << 20]);
			}
			png.write(plain, 33, plain.length - 33);
			assertThatExceptionOfType(PhotoException.class).isThrownBy(() -> develop("images/chunks.png", png.toByteArray()))
				.withMessageStartingWith("ABCD".equals(type) ? "is not a readable PNG file (a chunk it must not have, \"ABCD\")"
						: "carries more than 8 MB of metadata");
		}
	}

	/**
	 * An EXIF segment whose one directory has thousands of entries, each claiming the same 60 KB of
	 * text: a general TIFF reader reads those bytes once per entry, hundreds of megabytes in all.
	 */
	static byte[] exifBomb(int entries) {
		int size = 6 + 8 + 2 + entries * 12 + 4;
		java.nio.ByteBuffer exif = java.nio.ByteBuffer.allocate(65000);
		exif.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put((byte) 'M').put((byte) 'M').putShort((short) 42)
			.putInt(8).putShort((short) entries);
		for (int i = 0; i < entries; i++) {
			exif.putShort((short) (0x9000 + i)).putShort((short) 2).putInt(65000 - size).putInt(size - 6);
		}
		exif.putInt(0);
		return exif.array();
	}

	/** A JPEG with the given number of 64 KB APP13 segments after its start, streamed rather than held. */
	static InputStream flooded(byte[] jpeg, int segments) {
		byte[] segment = new byte[65535 + 2];
		segment[0] = (byte) 0xFF;
		segment[1] = (byte) 0xED;
		segment[2] = (byte) 0xFF;
		segment[3] = (byte) 0xFF;
		List<InputStream> parts = new java.util.ArrayList<>();
		parts.add(new ByteArrayInputStream(jpeg, 0, 2));
		for (int i = 0; i < segments; i++) {
			parts.add(new ByteArrayInputStream(segment));
		}
		parts.add(new ByteArrayInputStream(jpeg, 2, jpeg.length - 2));
		return new SequenceInputStream(Collections.enumeration(parts));
	}

	/** The JPEG with its last scan written again and again before its end, as a hostile encoder would. */
	static byte[] withScansRepeated(byte[] jpeg, int times) {
		int lastScan = -1;
		for (int i = 0; i + 1 < jpeg.length; i++) {
			if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == 0xDA) {
				lastScan = i;
			}
		}
		int end = jpeg.length - 2;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, end);
		for (int i = 0; i < times; i++) {
			out.write(jpeg, lastScan, end - lastScan);
		}
		out.write(jpeg, end, 2);
		return out.toByteArray();
	}

	/**
	 * Two frames, red then blue, that loop, as a design tool exports them: with a comment naming its
	 * author and an XMP packet with a file path of theirs.
	 */
	static byte[] animatedGif() throws IOException {
		byte[] red = gif(Color.RED);
		byte[] blue = gif(Color.BLUE);
		int start = frames(red);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(red, 0, start);
		out.write(new byte[] { 0x21, (byte) 0xFF, 11 });
		out.write("NETSCAPE2.0".getBytes(StandardCharsets.US_ASCII));
		byte[] riding = "/home/jane/riding-along".getBytes(StandardCharsets.US_ASCII);
		out.write(new byte[] { 3, 1, 0, 0, (byte) riding.length });
		out.write(riding);
		out.write(0);
		byte[] comment = "Made by Jane Doe".getBytes(StandardCharsets.US_ASCII);
		out.write(new byte[] { 0x21, (byte) 0xFE, (byte) comment.length });
		out.write(comment);
		out.write(0);
		out.write(new byte[] { 0x21, (byte) 0xFF, 11 });
		out.write("XMP DataXMP".getBytes(StandardCharsets.US_ASCII));
		byte[] xmp = "<x:xmpmeta><rdf:li>/home/jane/Spinner.psd</rdf:li></x:xmpmeta>".getBytes(StandardCharsets.US_ASCII);
		out.write(xmp.length);
		out.write(xmp);
		out.write(0);
		out.write(red, start, red.length - start - 1);
		int blueStart = frames(blue);
		out.write(blue, blueStart, blue.length - blueStart - 1);
		out.write(0x3B);
		return out.toByteArray();
	}

	private static byte[] gif(Color colour) throws IOException {
		BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_INDEXED);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(colour);
		graphics.fillRect(0, 0, 40, 30);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "gif", out);
		return out.toByteArray();
	}

	/** Where a GIF's blocks start: after its header, screen descriptor and global colour table. */
	private static int frames(byte[] gif) {
		int packed = gif[10] & 0xff;
		return 13 + (((packed & 0x80) != 0) ? 3 * (1 << ((packed & 7) + 1)) : 0);
	}

}
