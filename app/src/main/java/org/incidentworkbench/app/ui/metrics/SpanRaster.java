package org.incidentworkbench.app.ui.metrics;

import java.util.Arrays;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * The pixels of the dense series (more points than pixels): one vertical span per pixel column,
 * written into an int buffer and put on the canvas as one image per frame, because a software
 * renderer (no GPU, as under Xvfb) spends far longer rasterising thousands of shapes. Reused
 * between frames. FX thread only.
 */
final class SpanRaster {

    private int[] pixels = new int[0];
    private int width;
    private int height;
    private WritableImage image;
    private boolean used;

    /** Clears the buffer for a plot of {@code w} x {@code h} pixels (only when the last frame wrote to it). */
    void prepare(int w, int h) {
        if (w != width || h != height || image == null) {
            width = Math.max(1, w);
            height = Math.max(1, h);
            pixels = new int[width * height];
            image = new WritableImage(width, height);
        } else if (used) {
            Arrays.fill(pixels, 0);
        }
        used = false;
    }

    /** Paints column {@code x} from {@code yTop} to {@code yBottom} (plot pixels) with {@code rgb} at opacity {@code a}. */
    void span(int x, double yTop, double yBottom, int rgb, double a) {
        used = true;
        if (x < 0 || x >= width) {
            return;
        }
        int y0 = Math.max(0, (int) Math.floor(yTop));
        int y1 = Math.min(height - 1, Math.max(y0, (int) Math.ceil(yBottom) - 1));
        int ia = (int) Math.round(a * 255);
        for (int y = y0; y <= y1; y++) {
            int i = y * width + x;
            pixels[i] = ia == 255 ? 0xFF000000 | rgb : over(pixels[i], rgb, ia);
        }
    }

    /** Draws what was painted (if anything) with its top-left corner at ({@code x}, {@code y}). */
    void drawOn(GraphicsContext g, double x, double y) {
        if (used) {
            image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbPreInstance(), pixels, 0, width);
            g.drawImage(image, x, y);
        }
    }

    /** Source over destination, premultiplied ARGB. */
    private static int over(int dst, int rgb, int a) {
        int inv = 255 - a;
        int da = dst >>> 24;
        int dr = (dst >> 16) & 0xFF;
        int dg = (dst >> 8) & 0xFF;
        int db = dst & 0xFF;
        int r = ((rgb >> 16) & 0xFF) * a / 255 + dr * inv / 255;
        int gg = ((rgb >> 8) & 0xFF) * a / 255 + dg * inv / 255;
        int b = (rgb & 0xFF) * a / 255 + db * inv / 255;
        int outA = a + da * inv / 255;
        return (outA << 24) | (r << 16) | (gg << 8) | b;
    }
}
