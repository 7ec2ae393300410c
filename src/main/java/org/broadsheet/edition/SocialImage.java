package org.broadsheet.edition;

/**
 * The raster picture that link previews show: the feature photo when it is a raster file, otherwise
 * the card Broadsheet draws. Absolute URL, because previews are fetched from elsewhere.
 */
public record SocialImage(String url, int width, int height, String alt, String type) {

}
