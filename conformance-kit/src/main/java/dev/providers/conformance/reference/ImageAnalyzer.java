package dev.providers.conformance.reference;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Looks at an image for real: decodes it with ImageIO, takes the corner colour as the background,
 * names the most frequent foreground colour, and tells the shape by how much of its bounding box
 * the foreground fills (a disc fills π/4 ≈ 0.785, a triangle 0.5, a rectangle 1).
 */
final class ImageAnalyzer {

    /** Images larger than this are refused before decoding (decompression bombs). */
    static final long MAX_PIXELS = 40_000_000L;

    /** About this many pixels are sampled, whatever the image size. */
    private static final int SAMPLES = 250_000;

    /** How far (sum of channel differences) a pixel must be from the background to count. */
    private static final int FOREGROUND_DISTANCE = 90;

    private ImageAnalyzer() { }

    /**
     * Returns the facts of an image given as a {@code data:} URL, or null when the URL carries no
     * decodable image.
     */
    static @Nullable ImageFacts fromDataUrl(String url) {
        int comma = url.indexOf(',');
        if (!url.startsWith("data:") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
            return null;
        }
        try {
            return analyse(Base64.getMimeDecoder().decode(url.substring(comma + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Returns the facts of an encoded image (PNG, JPEG, GIF, BMP), or null if undecodable. */
    static @Nullable ImageFacts analyse(byte[] encoded) {
        BufferedImage image;
        try {
            image = decode(encoded);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return image == null ? null : analyse(image);
    }

    /** Returns the facts of a decoded image. */
    static ImageFacts analyse(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int step = (int) Math.max(1, Math.ceil(Math.sqrt((double) width * height / SAMPLES)));
        int background = backgroundOf(image);
        Map<String, Integer> colours = new HashMap<>();
        long count = 0;
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y += step) {
            for (int x = 0; x < width; x += step) {
                int rgb = image.getRGB(x, y);
                if (distance(rgb, background) < FOREGROUND_DISTANCE) {
                    continue;
                }
                count++;
                colours.merge(ColourNames.of(rgb), 1, Integer::sum);
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
            }
        }
        String backgroundName = ColourNames.of(background);
        if (count == 0) {
            return new ImageFacts("", "", backgroundName);
        }
        // the sampled grid covers the box in cells of step × step pixels
        double boxWidth = (maxX - minX) / (double) step + 1;
        double boxHeight = (maxY - minY) / (double) step + 1;
        double fill = count / (boxWidth * boxHeight);
        String colour = colours.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElse("");
        return new ImageFacts(colour, shape(fill, boxWidth / boxHeight), backgroundName);
    }

    /** Names the shape from the fill ratio of its bounding box and the box's aspect ratio. */
    static String shape(double fill, double aspect) {
        boolean even = aspect > 0.9 && aspect < 1.1;
        if (fill >= 0.93) {
            return even ? "square" : "rectangle";
        }
        if (fill >= 0.68) {
            return even ? "circle" : "oval";
        }
        if (fill >= 0.4 && fill <= 0.62) {
            return "triangle";
        }
        return "shape";
    }

    private static @Nullable BufferedImage decode(byte[] encoded) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(
                new ByteArrayInputStream(encoded))) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // the size is in the header; refuse huge images before allocating pixels
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    return null;
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Returns the most common colour of the four corners (the background of a drawing). */
    private static int backgroundOf(BufferedImage image) {
        int w = image.getWidth() - 1;
        int h = image.getHeight() - 1;
        int[] corners = {image.getRGB(0, 0), image.getRGB(w, 0), image.getRGB(0, h),
            image.getRGB(w, h)};
        int best = corners[0];
        int bestVotes = 0;
        for (int candidate : corners) {
            int votes = 0;
            for (int other : corners) {
                votes += distance(candidate, other) < FOREGROUND_DISTANCE ? 1 : 0;
            }
            if (votes > bestVotes) {
                best = candidate;
                bestVotes = votes;
            }
        }
        return best;
    }

    private static int distance(int a, int b) {
        return Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff))
                + Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff))
                + Math.abs((a & 0xff) - (b & 0xff));
    }
}
