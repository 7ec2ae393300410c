package org.broadsheet.photos;

import java.util.Arrays;

/**
 * A box filter's weights across one scan line, worked out once for {@link AreaAverage}: for each
 * output column, the source pixels wholly inside it, summed as integers, and the one straddling each
 * of its edges, weighted by the share of it that falls inside.
 */
final class BoxColumns {

	/** The source width each output column covers. */
	final float[] weight;

	/** The source pixels wholly in each output column, {@code [fullFrom, fullTo)}. */
	final int[] fullFrom;

	final int[] fullTo;

	/** The source pixel straddling each output column's left and right edge, or -1, and its share inside. */
	final int[] leftPixel;

	final float[] leftShare;

	final int[] rightPixel;

	final float[] rightShare;

	BoxColumns(int width, int outWidth) {
		float scale = width / (float) outWidth;
		int[] column = new int[width];
		float[] share = new float[width];
		this.weight = new float[outWidth];
		for (int x = 0; x < width; x++) {
			float start = x / scale;
			int o = Math.min((int) start, outWidth - 1);
			float end = (x + 1) / scale;
			column[x] = o;
			share[x] = (end <= o + 1 || o + 1 >= outWidth) ? 1f : (o + 1 - start) / (end - start);
			this.weight[o] += share[x];
			if (share[x] < 1f) {
				this.weight[o + 1] += 1f - share[x];
			}
		}
		this.fullFrom = new int[outWidth];
		this.fullTo = new int[outWidth];
		this.leftPixel = new int[outWidth];
		this.leftShare = new float[outWidth];
		this.rightPixel = new int[outWidth];
		this.rightShare = new float[outWidth];
		Arrays.fill(this.fullFrom, -1);
		Arrays.fill(this.leftPixel, -1);
		Arrays.fill(this.rightPixel, -1);
		for (int x = 0; x < width; x++) {
			int o = column[x];
			if (share[x] < 1f) {
				this.rightPixel[o] = x;
				this.rightShare[o] = share[x];
				this.leftPixel[o + 1] = x;
				this.leftShare[o + 1] = 1f - share[x];
			}
			else {
				if (this.fullFrom[o] < 0) {
					this.fullFrom[o] = x;
				}
				this.fullTo[o] = x + 1;
			}
		}
		for (int o = 0; o < outWidth; o++) {
			if (this.fullFrom[o] < 0) {
				this.fullFrom[o] = 0;
				this.fullTo[o] = 0;
			}
		}
	}

}
