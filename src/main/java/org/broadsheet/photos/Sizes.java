package org.broadsheet.photos;

import java.awt.Dimension;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sizes a photo is developed to, in one place: the widths the layout asks for, how large a photo
 * is read, and the lead photo's crops and its single JPEG for link previews.
 *
 * @param widths the widths served, narrowest first: a phone at 1x to a wide screen at 2x
 * @param longSide the longest side a photo in the column is read to
 * @param leadShortSide the lead photo is read larger, so that its crops, 1:1 included, are this wide
 * @param leadLongSide and no larger than this on its long side
 * @param singleWidth the width of the JPEG that stands alone: in a feed, or as the link-preview image
 * @param singleMaxBytes link previews drop images over about 600 KB; that one is kept well under
 * @param crops the lead photo's crops for search engines, as width and height ratios
 */
record Sizes(List<Integer> widths, int longSide, int leadShortSide, int leadLongSide, int singleWidth,
		int singleMaxBytes, List<int[]> crops) {

	/** As Google's article guidelines ask of the crops: 16:9, 4:3 and 1:1, each 1200 px wide. */
	static final Sizes STANDARD = new Sizes(List.of(480, 800, 1200, 1600), 1600, 1200, 2400, 1200, 300 * 1024,
			List.of(new int[] { 16, 9 }, new int[] { 4, 3 }, new int[] { 1, 1 }));

	/** The size to read a photo of the given upright size to: never larger than it is. */
	Dimension target(int width, int height, boolean lead) {
		int longest = Math.max(width, height);
		double scale = (double) this.longSide / longest;
		if (lead) {
			scale = Math.min(Math.max(scale, (double) this.leadShortSide / Math.min(width, height)),
					(double) this.leadLongSide / longest);
		}
		scale = Math.min(1, scale);
		return new Dimension(Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale)));
	}

	Dimension target(Dimension upright, boolean lead) {
		return target(upright.width, upright.height, lead);
	}

	/** The widths to serve a photo of this width at: those it is clearly wider than, and its own. */
	List<Integer> widths(int width) {
		List<Integer> widths = new ArrayList<>();
		for (int candidate : this.widths) {
			if (candidate < width * 0.9) {
				widths.add(candidate);
			}
		}
		widths.add(width);
		return widths;
	}

	/** Of the given widths, the one nearest {@link #singleWidth}. */
	int single(List<Integer> widths) {
		return widths.stream().min(Comparator.comparingInt((width) -> Math.abs(width - this.singleWidth))).orElseThrow();
	}

	/** Names these sizes, for the caches: a change to any of them develops photos again. */
	String name() {
		StringBuilder name = new StringBuilder("w");
		this.widths.forEach((width) -> name.append(width).append('.'));
		name.append("l").append(this.longSide).append('.').append(this.leadShortSide).append('.').append(this.leadLongSide)
			.append("-s").append(this.singleWidth).append('.').append(this.singleMaxBytes).append("-c");
		this.crops.forEach((ratio) -> name.append(ratio[0]).append('x').append(ratio[1]).append('.'));
		return name.toString();
	}

}
