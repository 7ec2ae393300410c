/**
 * Photos: each file an article names, as its editor saved it, turned into what readers are served. A
 * camera file becomes upright, sRGB, metadata-free variants in WebP and JPEG at several widths; a
 * drawing or a GIF is rebuilt from what draws it, and nothing else. Every file is judged by its
 * bytes and bounded before it is decoded.
 */
package org.broadsheet.photos;
