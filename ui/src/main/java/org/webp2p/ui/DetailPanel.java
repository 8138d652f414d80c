package org.webp2p.ui;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A side panel of captioned values for the item chosen on a page. Each value label gets the id
 * {@code <idPrefix>-detail-<caption in kebab case>} so tests and styles can find it.
 */
public final class DetailPanel<T> extends VBox {
    private final Map<String, Function<T, String>> fields;
    private final Map<String, Label> values = new LinkedHashMap<>();
    private final Function<T, String> title;
    private final Label heading = new Label();
    private final String emptyTitle;

    /** A panel beside the page's main view: one column of captioned values, {@code width} wide. */
    public DetailPanel(String idPrefix, String emptyTitle, Function<T, String> title,
                       Map<String, Function<T, String>> fields, double width) {
        this(idPrefix, emptyTitle, title, fields, 1);
        setPadding(new Insets(0, 0, 0, 16));
        setPrefWidth(width);
    }

    /**
     * A panel below the page's main view, which then keeps the window's whole width: the captioned
     * values run across {@code columns} columns, row by row.
     */
    public static <T> DetailPanel<T> below(String idPrefix, String emptyTitle, Function<T, String> title,
                                           Map<String, Function<T, String>> fields, int columns) {
        DetailPanel<T> panel = new DetailPanel<>(idPrefix, emptyTitle, title, fields, columns);
        panel.setPadding(new Insets(12, 0, 0, 0));
        panel.getStyleClass().setAll("bottom-panel");
        return panel;
    }

    private DetailPanel(String idPrefix, String emptyTitle, Function<T, String> title,
                        Map<String, Function<T, String>> fields, int columns) {
        super(10);
        this.fields = new LinkedHashMap<>(fields);
        this.title = title;
        this.emptyTitle = emptyTitle;
        heading.getStyleClass().add("section-title");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        int rows = (this.fields.size() + columns - 1) / columns;
        int i = 0;
        for (String caption : this.fields.keySet()) {
            Label c = new Label(caption);
            c.getStyleClass().add("muted-text");
            c.setMinWidth(Region.USE_PREF_SIZE);
            Label v = new Label();
            v.setId(idPrefix + "-detail-" + caption.toLowerCase(Locale.ROOT).replace(' ', '-'));
            v.setWrapText(true);
            values.put(caption, v);
            // Down each column first, so related values stay together as they read in one column.
            int column = i / rows;
            if (column > 0) {
                GridPane.setMargin(c, new Insets(0, 0, 0, 24));
            }
            grid.add(c, 2 * column, i % rows);
            grid.add(v, 2 * column + 1, i % rows);
            i++;
        }
        if (columns > 1) {
            // Values share what the captions leave equally (they grow from nothing, so alike): else one long
            // value (a peer's connection attempts) takes it all and squeezes its neighbours to a few
            // characters a line.
            for (int c = 0; c < columns; c++) {
                ColumnConstraints value = new ColumnConstraints(0, 0, Double.MAX_VALUE, Priority.ALWAYS, HPos.LEFT, true);
                grid.getColumnConstraints().addAll(new ColumnConstraints(), value);
            }
        }
        getChildren().addAll(heading, grid);
        setId(idPrefix + "-details");
        getStyleClass().add("side-panel");
        show(null);
    }

    /** Shows {@code item}'s values, or dashes when nothing is chosen. */
    public void show(T item) {
        heading.setText(item == null ? emptyTitle : title.apply(item));
        fields.forEach((caption, value) -> values.get(caption).setText(item == null ? "-" : value.apply(item)));
    }
}
