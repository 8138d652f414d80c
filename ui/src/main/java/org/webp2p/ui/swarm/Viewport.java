package org.webp2p.ui.swarm;

/**
 * Maps layout units to canvas pixels for the graph's zoom and pan: the layout origin sits at the
 * canvas centre plus the pan offset, scaled by the zoom.
 */
public final class Viewport {
    static final double MIN_ZOOM = 0.1;
    static final double MAX_ZOOM = 10;

    private double zoom = 1;
    private double panX;
    private double panY;
    private double width;
    private double height;

    public void resize(double width, double height) {
        this.width = width;
        this.height = height;
    }

    public double toScreenX(double x) {
        return width / 2 + panX + x * zoom;
    }

    public double toScreenY(double y) {
        return height / 2 + panY + y * zoom;
    }

    public double toLayoutX(double screenX) {
        return (screenX - width / 2 - panX) / zoom;
    }

    public double toLayoutY(double screenY) {
        return (screenY - height / 2 - panY) / zoom;
    }

    public void pan(double dx, double dy) {
        panX += dx;
        panY += dy;
    }

    /** Zooms by {@code factor} keeping the layout point under the cursor where it is on screen. */
    public void zoomAt(double screenX, double screenY, double factor) {
        double lx = toLayoutX(screenX);
        double ly = toLayoutY(screenY);
        zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom * factor));
        panX += screenX - toScreenX(lx);
        panY += screenY - toScreenY(ly);
    }

    public double zoom() {
        return zoom;
    }
}
