package dev.providers.conformance.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.Color;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The image rules: really decoded, colour by pixels, shape by fill ratio. */
class ImageAnalyzerTest {

    @Test
    void seesTheRedCircle() {
        ImageFacts facts = ImageAnalyzer.analyse(Fixtures.redCircle());
        assertEquals(new ImageFacts("red", "circle", "white"), facts);
        assertEquals("a red circle on a white background", facts.phrase());
    }

    @Test
    void tellsShapesAndColoursApart() {
        assertEquals("blue square", phrase(Color.BLUE, "square"));
        assertEquals("green triangle", phrase(new Color(0, 160, 0), "triangle"));
        assertEquals("yellow rectangle", phrase(Color.YELLOW, "rectangle"));
        assertEquals("black circle", phrase(Color.BLACK, "circle"));
    }

    @Test
    void readsDataUrlsAndRefusesGarbage() {
        String url = "data:image/png;base64," + Base64.getEncoder().encodeToString(
                Fixtures.redCircle());
        assertEquals("circle", ImageAnalyzer.fromDataUrl(url).shape());
        assertNull(ImageAnalyzer.fromDataUrl("data:image/png;base64,bm90IGFuIGltYWdl"));
        assertNull(ImageAnalyzer.fromDataUrl("https://example.com/cat.png"));
        assertNull(ImageAnalyzer.fromDataUrl("data:image/png;base64,@@@"));
    }

    @Test
    void namesShapesByFill() {
        assertEquals("circle", ImageAnalyzer.shape(0.785, 1.0));
        assertEquals("oval", ImageAnalyzer.shape(0.785, 2.0));
        assertEquals("square", ImageAnalyzer.shape(1.0, 1.0));
        assertEquals("triangle", ImageAnalyzer.shape(0.5, 1.0));
        assertEquals("shape", ImageAnalyzer.shape(0.2, 1.0));
    }

    private static String phrase(Color colour, String shape) {
        ImageFacts facts = ImageAnalyzer.analyse(Fixtures.png(colour, shape));
        return facts.colour() + " " + facts.shape();
    }
}
