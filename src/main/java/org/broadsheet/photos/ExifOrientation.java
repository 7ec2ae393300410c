package org.broadsheet.photos;

/**
 * The one piece of a camera's EXIF that Broadsheet keeps: which way up the photo was taken, from the
 * orientation tag of its first directory (1, as stored, to 8; 1 when there is none or it is broken).
 */
final class ExifOrientation {

	private ExifOrientation() {
	}

	/**
	 * The orientation tag of the EXIF segment's first directory, read by hand: a directory's entries
	 * may point any number of times at the same bytes, and a general TIFF reader would read them each time.
	 */
	static int of(byte[] app1) {
		if (app1.length < 14 || app1[0] != 'E' || app1[1] != 'x' || app1[2] != 'i' || app1[3] != 'f' || app1[4] != 0) {
			return 1;
		}
		int tiff = 6;
		boolean little = app1[tiff] == 'I' && app1[tiff + 1] == 'I';
		if (!little && !(app1[tiff] == 'M' && app1[tiff + 1] == 'M')) {
			return 1;
		}
		long directory = unsigned32(app1, tiff + 4, little);
		if (directory < 8 || tiff + directory + 2 > app1.length) {
			return 1;
		}
		int at = tiff + (int) directory;
		int entries = unsigned16(app1, at, little);
		for (int i = 0, entry = at + 2; i < entries && entry + 12 <= app1.length; i++, entry += 12) {
			if (unsigned16(app1, entry, little) == 0x0112) {
				int type = unsigned16(app1, entry + 2, little);
				int value = unsigned16(app1, entry + 8, little);
				return (type == 3 && value >= 1 && value <= 8) ? value : 1;
			}
		}
		return 1;
	}

	private static int unsigned16(byte[] bytes, int at, boolean little) {
		int a = bytes[at] & 0xff;
		int b = bytes[at + 1] & 0xff;
		return little ? (b << 8) | a : (a << 8) | b;
	}

	private static long unsigned32(byte[] bytes, int at, boolean little) {
		long high = unsigned16(bytes, little ? at + 2 : at, little);
		long low = unsigned16(bytes, little ? at : at + 2, little);
		return (high << 16) | low;
	}

}
