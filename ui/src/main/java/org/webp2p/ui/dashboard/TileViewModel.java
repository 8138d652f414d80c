package org.webp2p.ui.dashboard;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.webp2p.ui.NodeSnapshot;

/** One dashboard figure: its value now and its recent trend for the sparkline. */
public final class TileViewModel {
    private final String id;
    private final String caption;
    private final Function<NodeSnapshot, String> value;
    private final Function<NodeSnapshot, List<Double>> trend;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("-");
    private final ReadOnlyObjectWrapper<List<Double>> points = new ReadOnlyObjectWrapper<>(List.of());

    TileViewModel(String id, String caption, Function<NodeSnapshot, String> value,
                  Function<NodeSnapshot, List<Double>> trend) {
        this.id = id;
        this.caption = caption;
        this.value = value;
        this.trend = trend;
    }

    void apply(NodeSnapshot s) {
        text.set(value.apply(s));
        points.set(trend.apply(s));
    }

    /** Stable name for styling and lookups, such as {@code peers}. */
    public String id() {
        return id;
    }

    public String caption() {
        return caption;
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Double>> trendProperty() {
        return points.getReadOnlyProperty();
    }
}
