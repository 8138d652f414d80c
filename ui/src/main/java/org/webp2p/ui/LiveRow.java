package org.webp2p.ui;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * A table row that stays the same object while its content changes from snapshot to snapshot, so a
 * table keeps its selection and scroll position as figures update.
 *
 * @param <R> the immutable content of the row
 */
public final class LiveRow<R> {
    private final String key;
    private final ReadOnlyObjectWrapper<R> value;

    LiveRow(String key, R value) {
        this.key = key;
        this.value = new ReadOnlyObjectWrapper<>(value);
    }

    public String key() {
        return key;
    }

    public R get() {
        return value.get();
    }

    void set(R content) {
        value.set(content);
    }

    public ReadOnlyObjectProperty<R> valueProperty() {
        return value.getReadOnlyProperty();
    }
}
