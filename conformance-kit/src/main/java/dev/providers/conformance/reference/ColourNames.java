package dev.providers.conformance.reference;

import java.awt.Color;

/** Names an RGB colour the way a person would: by lightness, saturation and hue. */
final class ColourNames {

    private ColourNames() { }

    /** Returns a basic colour name for a packed RGB value (alpha ignored). */
    static String of(int rgb) {
        float[] hsb = Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, null);
        float hue = hsb[0] * 360;
        float saturation = hsb[1];
        float brightness = hsb[2];
        if (brightness < 0.2f) {
            return "black";
        }
        if (saturation < 0.15f) {
            return brightness > 0.85f ? "white" : "gray";
        }
        if (hue < 15 || hue >= 345) {
            return "red";
        }
        if (hue < 40) {
            return brightness < 0.6f ? "brown" : "orange";
        }
        if (hue < 70) {
            return "yellow";
        }
        if (hue < 165) {
            return "green";
        }
        if (hue < 200) {
            return "cyan";
        }
        if (hue < 255) {
            return "blue";
        }
        if (hue < 290) {
            return "purple";
        }
        return "pink";
    }
}
