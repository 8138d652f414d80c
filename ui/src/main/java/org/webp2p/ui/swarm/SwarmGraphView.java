package org.webp2p.ui.swarm;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.webp2p.protocol.ClientKind;

/**
 * A swarm drawn as a live force-directed graph on one Canvas (SDK peers as circles, browser peers as
 * squares), which stays fast with hundreds of peers where a scene-graph node per peer would not.
 * The layout is stepped in an AnimationTimer only while it moves, and only while the graph is on
 * screen. Scroll zooms about the cursor, a drag pans, and a click selects the peer under it.
 */
public final class SwarmGraphView extends Region {
    private static final Color EDGE = Color.web("#94a3b8");
    private static final int LINK_BANDS = 4;
    private static final Color SELECTION = Color.web("#f5c518");

    private final Canvas canvas = new Canvas();
    private final ForceLayout layout = new ForceLayout(42);
    private final Viewport viewport = new Viewport();
    private final ReadOnlyObjectWrapper<String> selected = new ReadOnlyObjectWrapper<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (dirty || !layout.settled()) {
                dirty = false;
                frame();
            }
        }
    };
    private boolean dirty = true;
    private double dragX;
    private double dragY;

    public SwarmGraphView() {
        getStyleClass().add("swarm-graph");
        getChildren().add(canvas);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::zoom);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::pan);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.isStillSincePress()) {
                select(e.getX(), e.getY());
            }
        });
        sceneProperty().addListener((obs, was, scene) -> {
            if (scene == null) {
                timer.stop();
            } else {
                timer.start();
            }
        });
    }

    /** The swarm as it is now; the layout eases from its current picture to this one. */
    public void show(Collection<GraphPeer> peers, Collection<GraphLink> links) {
        layout.update(peers, links);
        dirty = true;
    }

    /** The peer last clicked, until another is clicked or the empty background is. */
    public ReadOnlyObjectProperty<String> selectedPeerProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Where a peer is drawn now, in this view's coordinates, while it is in the swarm. */
    public Optional<Point2D> positionOf(String peerId) {
        return layout.peer(peerId).filter(p -> !p.leaving())
                .map(p -> new Point2D(viewport.toScreenX(p.x()), viewport.toScreenY(p.y())));
    }

    /**
     * The box a peer is drawn in now, in this view's coordinates, while it is in the swarm: a circle
     * (an SDK peer) or a square (a browser) fills it.
     */
    public Optional<Bounds> boundsOf(String peerId) {
        return layout.peer(peerId).filter(p -> !p.leaving()).map(p -> {
            double r = p.radius() * viewport.zoom();
            return new BoundingBox(viewport.toScreenX(p.x()) - r, viewport.toScreenY(p.y()) - r, 2 * r, 2 * r);
        });
    }

    /** True once the picture has stopped moving. */
    public boolean settled() {
        return layout.settled();
    }

    /** Peers drawn, leavers still fading out included. */
    public int drawnPeers() {
        return layout.peers().size();
    }

    /** Links drawn between peers present now, with their positions and weights. */
    public List<LaidOutLink> drawnLinks() {
        return layout.links();
    }

    /** One animation frame: a layout step and a full redraw. The benchmark times exactly this. */
    void frame() {
        layout.step();
        draw();
    }

    Canvas canvas() {
        return canvas;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        viewport.resize(getWidth(), getHeight());
        dirty = true;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        double zoom = viewport.zoom();
        drawLinks(g);
        String chosen = selected.get();
        for (LaidOutPeer p : layout.peers()) {
            double r = p.radius() * zoom;
            double x = viewport.toScreenX(p.x()) - r;
            double y = viewport.toScreenY(p.y()) - r;
            boolean browser = p.peer().kind() == ClientKind.BROWSER;
            g.setGlobalAlpha(p.opacity());
            g.setFill(NatPalette.of(p.peer().natType()));
            if (browser) {
                g.fillRect(x, y, 2 * r, 2 * r);
            } else {
                g.fillOval(x, y, 2 * r, 2 * r);
            }
            if (p.peer().peerId().equals(chosen)) {
                g.setStroke(SELECTION);
                g.setLineWidth(3);
                if (browser) {
                    g.strokeRect(x - 2, y - 2, 2 * r + 4, 2 * r + 4);
                } else {
                    g.strokeOval(x - 2, y - 2, 2 * r + 4, 2 * r + 4);
                }
            }
        }
        g.setGlobalAlpha(1);
    }

    /**
     * Links go in a few widths, one path per width: stroking a thousand lines one by one with their
     * own width and alpha costs the software pipeline several times more than a handful of paths.
     */
    private void drawLinks(GraphicsContext g) {
        List<LaidOutLink> links = layout.links();
        if (links.isEmpty()) {
            return;
        }
        g.setStroke(EDGE);
        for (int band = 0; band < LINK_BANDS; band++) {
            g.beginPath();
            boolean any = false;
            for (LaidOutLink l : links) {
                if (band(l.weight()) == band) {
                    g.moveTo(viewport.toScreenX(l.x1()), viewport.toScreenY(l.y1()));
                    g.lineTo(viewport.toScreenX(l.x2()), viewport.toScreenY(l.y2()));
                    any = true;
                }
            }
            if (any) {
                double weight = (band + 1.0) / LINK_BANDS;
                g.setGlobalAlpha(0.3 + 0.5 * weight);
                g.setLineWidth(1 + 4 * weight);
                g.stroke();
            }
        }
    }

    private static int band(double weight) {
        return Math.min(LINK_BANDS - 1, (int) (weight * LINK_BANDS));
    }

    private void zoom(ScrollEvent e) {
        if (e.getDeltaY() != 0) {
            viewport.zoomAt(e.getX(), e.getY(), e.getDeltaY() > 0 ? 1.15 : 1 / 1.15);
            dirty = true;
        }
        e.consume();
    }

    private void pan(MouseEvent e) {
        viewport.pan(e.getX() - dragX, e.getY() - dragY);
        dragX = e.getX();
        dragY = e.getY();
        dirty = true;
    }

    private void select(double x, double y) {
        selected.set(layout.peerAt(viewport.toLayoutX(x), viewport.toLayoutY(y))
                .map(p -> p.peer().peerId()).orElse(null));
        dirty = true;
    }
}
