package org.webp2p.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** Table columns over immutable rows and over {@link LiveRow}s. */
public final class Tables {
    private Tables() {
    }

    public static <R> TableColumn<R, String> textColumn(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    /**
     * A column of live rows that sorts and filters by {@code value} and shows it as {@code text}, so
     * numbers sort as numbers while reading as {@code 2.50 Mb/s}.
     */
    public static <R, T extends Comparable<T>> TableColumn<LiveRow<R>, T> liveColumn(
            String title, double width, Function<R, T> value, Function<T, String> text) {
        TableColumn<LiveRow<R>, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> cell.getValue().valueProperty().map(value));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
        return c;
    }

    public static <R> TableColumn<LiveRow<R>, String> liveColumn(String title, double width,
                                                                 Function<R, String> value) {
        return liveColumn(title, width, value, Function.identity());
    }
}
