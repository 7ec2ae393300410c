/**
 * Photos: each file an article names, as its editor saved it, turned into what readers are served. A
 * camera file becomes upright, sRGB, metadata-free variants in WebP and JPEG at several widths; a
 * drawing is served as it is.
 */
package org.broadsheet.photos;
