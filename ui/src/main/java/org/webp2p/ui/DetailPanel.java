package org.webp2p.ui;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
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

    public DetailPanel(String idPrefix, String emptyTitle, Function<T, String> title,
                       Map<String, Function<T, String>> fields, double width) {
        super(10);
        this.fields = new LinkedHashMap<>(fields);
        this.title = title;
        this.emptyTitle = emptyTitle;
        heading.getStyleClass().add("section-title");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        int row = 0;
        for (String caption : this.fields.keySet()) {
            Label c = new Label(caption);
            c.getStyleClass().add("muted-text");
            c.setMinWidth(Region.USE_PREF_SIZE);
            Label v = new Label();
            v.setId(idPrefix + "-detail-" + caption.toLowerCase(Locale.ROOT).replace(' ', '-'));
            v.setWrapText(true);
            values.put(caption, v);
            grid.addRow(row++, c, v);
        }
        getChildren().addAll(heading, grid);
        setId(idPrefix + "-details");
        getStyleClass().add("side-panel");
        setPadding(new Insets(0, 0, 0, 16));
        setPrefWidth(width);
        show(null);
    }

    /** Shows {@code item}'s values, or dashes when nothing is chosen. */
    public void show(T item) {
        heading.setText(item == null ? emptyTitle : title.apply(item));
        fields.forEach((caption, value) -> values.get(caption).setText(item == null ? "-" : value.apply(item)));
    }
}
