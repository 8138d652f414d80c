package org.webp2p.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import org.junit.jupiter.api.Test;

class LiveRowsTest {
    record Item(String id, int value) {
    }

    @Test
    void aKnownKeyKeepsItsRowObjectAndTakesTheNewContent() {
        LiveRows<Item> rows = new LiveRows<>(Item::id);
        rows.apply(List.of(new Item("a", 1), new Item("b", 2)));
        LiveRow<Item> a = rows.rows().get(0);
        rows.apply(List.of(new Item("b", 2), new Item("a", 5)));
        assertThat(rows.rows()).hasSize(2);
        assertThat(rows.rows().get(0)).as("same object, so a table keeps it selected").isSameAs(a);
        assertThat(a.get().value()).isEqualTo(5);
    }

    @Test
    void changedContentIsReportedAsAnUpdateSoSortedViewsReorder() {
        LiveRows<Item> rows = new LiveRows<>(Item::id);
        rows.apply(List.of(new Item("a", 1), new Item("b", 2)));
        SortedList<LiveRow<Item>> byValue = new SortedList<>(rows.rows(),
                Comparator.comparingInt(r -> r.get().value()));
        List<Boolean> updates = new ArrayList<>();
        rows.rows().addListener((ListChangeListener<LiveRow<Item>>) c -> {
            while (c.next()) {
                updates.add(c.wasUpdated());
            }
        });
        rows.apply(List.of(new Item("a", 9), new Item("b", 2)));
        assertThat(updates).containsExactly(true);
        assertThat(byValue).extracting(LiveRow::key).containsExactly("b", "a");
        rows.apply(List.of(new Item("a", 9), new Item("b", 2)));
        assertThat(updates).as("unchanged content is no event").hasSize(1);
    }

    @Test
    void newKeysAreAddedAndMissingKeysRemoved() {
        LiveRows<Item> rows = new LiveRows<>(Item::id);
        rows.apply(List.of(new Item("a", 1), new Item("b", 2)));
        rows.apply(List.of(new Item("b", 2), new Item("c", 3)));
        assertThat(rows.rows()).extracting(LiveRow::key).containsExactly("b", "c");
        assertThat(rows.find("a")).isEmpty();
        assertThat(rows.find("c")).contains(new Item("c", 3));
    }
}
