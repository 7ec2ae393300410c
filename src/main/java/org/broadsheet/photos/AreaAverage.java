package org.broadsheet.photos;

import java.awt.Point;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * A full-size destination for a JPEG decoder that keeps none of it: each scan line the decoder writes
 * is averaged at once into the much smaller image wanted, every source pixel weighted by the share of
 * it that each output pixel covers (a box filter). A 24 MP photo is thus read whole, at full quality,
 * into a few megabytes, where {@code ImageReadParam.setSourceSubsampling} would drop eight pixels in
 * nine and keep their grain as noise.
 * <p>
 * It relies on the decoder writing whole scan lines, top to bottom, through {@link #setRect}, as the
 * JDK's JPEG reader does; any other write fails loudly, and the caller then decodes with subsampling.
 */
final class AreaAverage extends WritableRaster {

	private final int bands;

	private final int outWidth;

	private final int outHeight;

	private final int[] out;

	/** How each output column weighs the source columns it covers. */
	private final BoxColumns columns;

	private final float scaleY;

	private final float[] line;

	private byte[] row;

	private final float[] current;

	private final float[] next;

	private float currentWeight;

	private float nextWeight;

	private int outY;

	private int lastY = -1;

	private int rows;

	AreaAverage(int width, int height, int bands, int outWidth, int outHeight) {
		super(new PixelInterleavedSampleModel(DataBufferByte.TYPE_BYTE, width, height, bands, width * bands,
				bandOffsets(bands)), new DataBufferByte(1), new Point(0, 0));
		this.bands = bands;
		this.outWidth = outWidth;
		this.outHeight = outHeight;
		this.out = new int[outWidth * outHeight];
		this.scaleY = height / (float) outHeight;
		this.columns = new BoxColumns(width, outWidth);
		this.line = new float[outWidth * bands];
		this.current = new float[outWidth * bands];
		this.next = new float[outWidth * bands];
	}

	private static int[] bandOffsets(int bands) {
		int[] offsets = new int[bands];
		Arrays.setAll(offsets, (band) -> band);
		return offsets;
	}

	/**
	 * The averaged image, once every row is in: {@code outWidth × outHeight} pixels packed as
	 * {@code 0xRRGGBB}, a grey one with the same value in each.
	 */
	int[] pixels() {
		if (this.rows != getHeight()) {
			throw new IllegalStateException("the decoder wrote " + this.rows + " of " + getHeight() + " rows");
		}
		return this.out;
	}

	@Override
	public void setRect(int dx, int dy, Raster source) {
		if (dx != 0 || source.getWidth() != getWidth() || source.getHeight() != 1
				|| source.getNumBands() != this.bands) {
			throw new IllegalStateException("unexpected write of " + source.getWidth() + "x" + source.getHeight());
		}
		if (dy != this.lastY + 1) {
			// only sequential JPEGs come here, written once, top to bottom; anything else is read otherwise
			throw new IllegalStateException("a scan line out of order: " + dy + " after " + this.lastY);
		}
		this.lastY = dy;
		this.rows++;
		horizontal(source);
		float start = dy / this.scaleY;
		int o = Math.min((int) start, this.outHeight - 1);
		float end = (dy + 1) / this.scaleY;
		float weight = (end <= o + 1 || o + 1 >= this.outHeight) ? 1f : (o + 1 - start) / (end - start);
		while (this.outY < o) {
			emit();
		}
		add(this.current, weight);
		this.currentWeight += weight;
		if (weight < 1f) {
			add(this.next, 1f - weight);
			this.nextWeight += 1f - weight;
		}
		if (dy == getHeight() - 1) {
			while (this.outY < this.outHeight) {
				emit();
			}
		}
	}

	/**
	 * Averages a scan line across, into {@link #line}: whole source pixels summed as integers, straight
	 * from the decoder's bytes where they are laid out as ours, and the two straddling ones weighted.
	 */
	private void horizontal(Raster source) {
		byte[] data;
		int offset;
		if (source.getDataBuffer() instanceof DataBufferByte bytes
				&& source.getSampleModel() instanceof PixelInterleavedSampleModel model
				&& model.getPixelStride() == this.bands && Arrays.equals(model.getBandOffsets(), bandOffsets(this.bands))) {
			data = bytes.getData();
			offset = bytes.getOffset() + model.getOffset(source.getMinX() - source.getSampleModelTranslateX(),
					source.getMinY() - source.getSampleModelTranslateY());
		}
		else {
			if (this.row == null) {
				this.row = new byte[getWidth() * this.bands];
			}
			int[] samples = source.getPixels(source.getMinX(), source.getMinY(), getWidth(), 1, (int[]) null);
			for (int i = 0; i < samples.length; i++) {
				this.row[i] = (byte) samples[i];
			}
			data = this.row;
			offset = 0;
		}
		if (this.bands == 3) {
			horizontalRgb(data, offset);
			return;
		}
		for (int o = 0; o < this.outWidth; o++) {
			int sum = 0;
			for (int i = offset + this.columns.fullFrom[o], end = offset + this.columns.fullTo[o]; i < end; i++) {
				sum += data[i] & 0xff;
			}
			float value = sum;
			if (this.columns.leftPixel[o] >= 0) {
				value += (data[offset + this.columns.leftPixel[o]] & 0xff) * this.columns.leftShare[o];
			}
			if (this.columns.rightPixel[o] >= 0) {
				value += (data[offset + this.columns.rightPixel[o]] & 0xff) * this.columns.rightShare[o];
			}
			this.line[o] = value;
		}
	}

	/** The same for three bands, the usual case, in one pass along the line. */
	private void horizontalRgb(byte[] data, int offset) {
		float[] line = this.line;
		for (int o = 0, j = 0; o < this.outWidth; o++, j += 3) {
			int r = 0;
			int g = 0;
			int b = 0;
			for (int i = offset + this.columns.fullFrom[o] * 3, end = offset + this.columns.fullTo[o] * 3; i < end; i += 3) {
				r += data[i] & 0xff;
				g += data[i + 1] & 0xff;
				b += data[i + 2] & 0xff;
			}
			float red = r;
			float green = g;
			float blue = b;
			int left = this.columns.leftPixel[o];
			if (left >= 0) {
				int i = offset + left * 3;
				float share = this.columns.leftShare[o];
				red += (data[i] & 0xff) * share;
				green += (data[i + 1] & 0xff) * share;
				blue += (data[i + 2] & 0xff) * share;
			}
			int right = this.columns.rightPixel[o];
			if (right >= 0) {
				int i = offset + right * 3;
				float share = this.columns.rightShare[o];
				red += (data[i] & 0xff) * share;
				green += (data[i + 1] & 0xff) * share;
				blue += (data[i + 2] & 0xff) * share;
			}
			line[j] = red;
			line[j + 1] = green;
			line[j + 2] = blue;
		}
	}

	private void add(float[] row, float weight) {
		for (int i = 0; i < row.length; i++) {
			row[i] += this.line[i] * weight;
		}
	}

	/** Writes the finished output row and moves on to the next. */
	private void emit() {
		if (this.currentWeight > 0) {
			int offset = this.outY * this.outWidth;
			for (int x = 0; x < this.outWidth; x++) {
				float weight = this.columns.weight[x] * this.currentWeight;
				int pixel = 0;
				for (int b = 0; b < 3; b++) {
					float sum = this.current[x * this.bands + Math.min(b, this.bands - 1)];
					pixel = (pixel << 8) | Math.max(0, Math.min(255, Math.round(sum / weight)));
				}
				this.out[offset + x] = pixel;
			}
		}
		System.arraycopy(this.next, 0, this.current, 0, this.current.length);
		Arrays.fill(this.next, 0f);
		this.currentWeight = this.nextWeight;
		this.nextWeight = 0;
		this.outY++;
	}

	@Override
	public void setDataElements(int x, int y, Object data) {
		throw new UnsupportedOperationException("AreaAverage takes whole scan lines through setRect");
	}

	@Override
	public void setDataElements(int x, int y, int w, int h, Object data) {
		throw new UnsupportedOperationException("AreaAverage takes whole scan lines through setRect");
	}

	@Override
	public void setPixels(int x, int y, int w, int h, int[] data) {
		throw new UnsupportedOperationException("AreaAverage takes whole scan lines through setRect");
	}

	@Override
	public void setSample(int x, int y, int b, int s) {
		throw new UnsupportedOperationException("AreaAverage takes whole scan lines through setRect");
	}

}
