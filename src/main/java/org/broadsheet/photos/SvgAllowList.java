package org.broadsheet.photos;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.w3c.dom.Element;

/**
 * The SVG that a rebuilt drawing may contain: what draws a picture or describes it, and nothing that
 * runs, links or loads. As in DOMPurify's svg and svgFilters lists, a name not listed here is dropped,
 * however harmless it may be; a list of what is forbidden would always miss something.
 */
final class SvgAllowList {

	/**
	 * Removed as what could run or load when opened; anything else unknown is removed as drawing
	 * nothing, as is a {@code <foreignObject>} that holds no HTML, such as Illustrator's own.
	 */
	static final Set<String> ACTIVE = Set.of("script", "foreignObject", "iframe", "embed", "object", "audio",
			"video", "canvas", "handler", "listener", "discard");


	static final String SVG = "http://www.w3.org/2000/svg";

	static final String XLINK = "http://www.w3.org/1999/xlink";

	/** Elements kept, with their children: local names in the SVG namespace, as SVG spells them. */
	static final Set<String> ELEMENTS = Set.of(
			// structure
			"svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "style",
			// shapes
			"path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
			// text
			"text", "tspan", "textPath",
			// paint servers, clipping, masking, markers, pictures
			"linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "image",
			// filters
			"filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
			"feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
			"feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology",
			"feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
			// animation, kept only when it animates what may be drawn (see ANIMATED)
			"animate", "animateTransform", "animateMotion", "set", "mpath");

	/** Elements whose text is drawn or read aloud; elsewhere, text draws nothing. */
	static final Set<String> TEXT = Set.of("text", "tspan", "textPath", "title", "desc");

	static final Set<String> ANIMATIONS = Set.of("animate", "animateTransform", "animateMotion", "set");

	/** Elements and attributes that may take a picture embedded as a data: URL. */
	static final Set<String> PICTURES = Set.of("image", "feImage");

	/**
	 * Presentation attributes, which are CSS properties too: the same names are allowed in a
	 * {@code style}, and their values are read by the CSS parser, so they are checked as CSS.
	 */
	static final Set<String> PRESENTATION = Set.of("alignment-baseline", "baseline-shift", "clip", "clip-path",
			"clip-rule", "color", "color-interpolation", "color-interpolation-filters", "color-rendering", "direction",
			"display", "dominant-baseline", "enable-background", "fill", "fill-opacity", "fill-rule", "filter",
			"flood-color", "flood-opacity", "font", "font-family", "font-feature-settings", "font-kerning",
			"font-size", "font-size-adjust", "font-stretch", "font-style", "font-variant", "font-variation-settings",
			"font-weight", "glyph-orientation-horizontal", "glyph-orientation-vertical", "image-rendering",
			"isolation", "kerning", "letter-spacing", "lighting-color", "line-height", "marker", "marker-end",
			"marker-mid", "marker-start", "mask", "mask-type", "mix-blend-mode", "opacity", "overflow", "paint-order",
			"pointer-events", "shape-rendering", "stop-color", "stop-opacity", "stroke", "stroke-dasharray",
			"stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity",
			"stroke-width", "text-anchor", "text-decoration", "text-rendering", "transform", "transform-origin",
			"unicode-bidi", "vector-effect", "visibility", "white-space", "word-spacing", "writing-mode");

	/** Geometry: where and how large things are drawn. */
	static final Set<String> GEOMETRY = Set.of("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx",
			"fy", "fr", "width", "height", "d", "points", "pathLength", "viewBox", "preserveAspectRatio", "dx", "dy",
			"rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side", "refX", "refY",
			"markerWidth", "markerHeight", "markerUnits", "orient", "gradientUnits", "gradientTransform",
			"spreadMethod", "offset", "patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits",
			"maskUnits", "maskContentUnits", "filterUnits", "primitiveUnits");

	/** The rest: names, accessibility, conditions, filter primitives and animation timing. */
	static final Set<String> OTHER = Set.of("id", "class", "lang", "role", "aria-label", "aria-labelledby",
			"aria-describedby", "aria-hidden", "version", "systemLanguage", "requiredFeatures", "requiredExtensions",
			// filter primitives
			"in", "in2", "result", "mode", "type", "values", "tableValues", "slope", "intercept", "amplitude",
			"exponent", "k1", "k2", "k3", "k4", "operator", "order", "kernelMatrix", "divisor", "bias", "targetX",
			"targetY", "edgeMode", "preserveAlpha", "kernelUnitLength", "surfaceScale", "diffuseConstant",
			"specularConstant", "specularExponent", "scale", "xChannelSelector", "yChannelSelector", "stdDeviation",
			"radius", "baseFrequency", "numOctaves", "seed", "stitchTiles", "azimuth", "elevation", "z", "pointsAtX",
			"pointsAtY", "pointsAtZ", "limitingConeAngle", "filterRes",
			// animation
			"attributeName", "attributeType", "from", "to", "by", "begin", "dur", "end", "min", "max", "restart",
			"repeatCount", "repeatDur", "calcMode", "keyTimes", "keySplines", "keyPoints", "additive", "accumulate",
			"path");

	/** What an animation may change: how things look and where they are, never a link or a handler. */
	static final Set<String> ANIMATED = union(PRESENTATION, GEOMETRY);

	static final Set<String> ATTRIBUTES = union(ANIMATED, OTHER);

	/** A link within the drawing: {@code #id}, to a gradient, a symbol, a path for text. */
	private static final Pattern FRAGMENT = Pattern.compile("#[\\w.:-]+");

	private SvgAllowList() {
	}

	static boolean fragment(String link) {
		return FRAGMENT.matcher(link).matches();
	}

	/** Presentation attributes are read as CSS, so checked as CSS; the rest may name only parts of the drawing. */
	static boolean safeValue(String name, String value) {
		return PRESENTATION.contains(name) ? CssRebuilder.safe(value) : CssRebuilder.onlyFragmentUrls(value);
	}

	/** An animation of how something looks or where it is, to values that load nothing. */
	static boolean harmlessAnimation(Element animation) {
		String target = animation.getAttribute("attributeName").strip();
		if (!animation.getLocalName().equals("animateMotion") && !ANIMATED.contains(target)) {
			return false;
		}
		for (String name : new String[] { "from", "to", "by", "values" }) {
			for (String value : animation.getAttribute(name).split(";")) {
				if (!safeValue(target, value.strip())) {
					return false;
				}
			}
		}
		return true;
	}

	private static Set<String> union(Set<String> first, Set<String> second) {
		Set<String> union = new HashSet<>(first);
		union.addAll(second);
		return Set.copyOf(union);
	}

}
