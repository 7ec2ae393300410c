package org.broadsheet.photos;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder's sink that averages a 24 MP photo down as it is decoded, line by line, within a small
 * heap: its pixels against a reference box filter, proof that camera files go through it, and a
 * warning when they cannot.
 */
@ExtendWith(OutputCaptureExtension.class)
class AreaAverageTests {

	@ParameterizedTest(name = "{0}x{1} to {2}x{3}, {4} band(s), decoder's layout {5}")
	@CsvSource({ "601, 401, 97, 61, 3, true", "601, 401, 97, 61, 3, false", "640, 480, 320, 240, 3, true",
			"500, 333, 500, 333, 3, true", "257, 129, 40, 21, 1, true", "3, 3, 2, 2, 3, true" })
	void itsPixelsAreAReferenceBoxFiltersWithinOneLevel(int width, int height, int outWidth, int outHeight, int bands,
			boolean sameLayout) {
		byte[] samples = new byte[width * height * bands];
		new Random(width * 31L + height).nextBytes(samples);
		AreaAverage sink = new AreaAverage(width, height, bands, outWidth, outHeight);
		int[] offsets = (bands == 3) ? (sameLayout ? new int[] { 0, 1, 2 } : new int[] { 2, 1, 0 }) : new int[] { 0 };
		for (int y = 0; y < height; y++) {
			// one scan line at a time, top to bottom, as the JDK's decoder writes it
			WritableRaster line = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, 1, width * bands, bands,
					offsets, null);
			for (int x = 0; x < width; x++) {
				for (int b = 0; b < bands; b++) {
					line.setSample(x, 0, b, samples[(y * width + x) * bands + b] & 0xff);
				}
			}
			sink.setRect(0, y, line);
		}
		int[] pixels = sink.pixels();
		int worst = 0;
		for (int oy = 0; oy < outHeight; oy++) {
			for (int ox = 0; ox < outWidth; ox++) {
				for (int b = 0; b < 3; b++) {
					double expected = reference(samples, width, height, bands, outWidth, outHeight, ox, oy, Math.min(b, bands - 1));
					int actual = (pixels[oy * outWidth + ox] >> (16 - 8 * b)) & 0xff;
					worst = Math.max(worst, (int) Math.abs(Math.round(expected) - actual));
				}
			}
		}
		assertThat(worst).as("largest difference from the reference, in levels of 255").isLessThanOrEqualTo(1);
	}

	/** Each source pixel weighted by the area of it that the output pixel covers, in doubles. */
	private static double reference(byte[] samples, int width, int height, int bands, int outWidth, int outHeight,
			int ox, int oy, int band) {
		double sx = width / (double) outWidth;
		double sy = height / (double) outHeight;
		double left = ox * sx;
		double right = (ox + 1) * sx;
		double top = oy * sy;
		double bottom = (oy + 1) * sy;
		double sum = 0;
		double area = 0;
		for (int y = (int) Math.floor(top); y < Math.min(height, Math.ceil(bottom)); y++) {
			double h = Math.min(bottom, y + 1) - Math.max(top, y);
			for (int x = (int) Math.floor(left); x < Math.min(width, Math.ceil(right)); x++) {
				double w = Math.min(right, x + 1) - Math.max(left, x);
				sum += (samples[(y * width + x) * bands + band] & 0xff) * w * h;
				area += w * h;
			}
		}
		return sum / area;
	}

	@Test
	void anOrdinaryCameraJpegIsAveragedAndTheOthersSubsampled() throws Exception {
		assertThat(decode(CameraFiles.jpeg(3000, 2000, 1)).averaged()).as("baseline, as cameras write").isTrue();
		assertThat(decode(CameraFiles.progressiveJpeg(1200, 800)).averaged()).as("progressive").isFalse();
		assertThat(decode(CameraFiles.cmykJpeg(600, 400)).averaged()).as("CMYK").isFalse();
		assertThat(decode(CameraFiles.pngWithAlpha(600, 400)).averaged()).as("PNG").isFalse();
		CameraFile.Decoded camera = decode(CameraFiles.jpeg(3000, 2000, 1));
		assertThat(camera.image().getWidth() + "x" + camera.image().getHeight()).isEqualTo("1600x1067");
	}

	@Test
	void aDecoderThatDoesNotWriteWholeLinesFallsBackToSubsamplingWithAWarning(CapturedOutput output) throws Exception {
		byte[] jpeg = CameraFiles.jpeg(900, 600, 1);
		try (Snapshot snapshot = snapshot("images/photo.jpg", jpeg)) {
			assertThat(CameraFile.readAveraged(snapshot, 1, false, new PixelByPixel())).isNull();
		}
		assertThat(output.getOut()).contains("WARN").contains("Reading images/photo.jpg with subsampling, as averaging "
				+ "it down as it was decoded failed");
	}

	private CameraFile.Decoded decode(byte[] bytes) throws Exception {
		try (Snapshot snapshot = snapshot("images/photo", bytes)) {
			return CameraFile.read(snapshot, false);
		}
	}

	private static Snapshot snapshot(String path, byte[] bytes) throws PhotoException {
		return Snapshot.of(path, new DarkroomTests.Files(Map.of(path, bytes)));
	}

	/** A decoder, as a future JDK's might be, that writes its destination a pixel at a time. */
	static final class PixelByPixel extends ImageReader {

		PixelByPixel() {
			super(null);
		}

		@Override
		public int getNumImages(boolean allowSearch) {
			return 1;
		}

		@Override
		public int getWidth(int imageIndex) {
			return 900;
		}

		@Override
		public int getHeight(int imageIndex) {
			return 600;
		}

		@Override
		public Iterator<ImageTypeSpecifier> getImageTypes(int imageIndex) {
			return List.of(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_3BYTE_BGR)).iterator();
		}

		@Override
		public IIOMetadata getStreamMetadata() {
			return null;
		}

		@Override
		public IIOMetadata getImageMetadata(int imageIndex) {
			return null;
		}

		@Override
		public BufferedImage read(int imageIndex, ImageReadParam param) throws IOException {
			BufferedImage destination = param.getDestination();
			destination.getRaster().setDataElements(0, 0, new byte[] { 1, 2, 3 });
			return destination;
		}

	}

}
