package org.webp2p.ui.settings;

import java.util.Map;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.ConfigKey;
import org.webp2p.ui.Pages;
import org.webp2p.ui.Tables;

/** The effective configuration: every key, its value, its default and what it does. */
public final class SettingsView extends VBox {

    /** One key as shown; values come from the validated configuration. */
    public record Row(String key, String value, String defaultValue, String description) {
    }

    public SettingsView(Config config, String dataDir) {
        Label title = Pages.begin(this, "Settings");
        Label where = new Label("Data directory: " + dataDir
                + "   (change with --data-dir; values with --config FILE or --set key=value)");
        where.setId("settings-data-dir");

        TableView<Row> table = new TableView<>();
        table.setId("settings-table");
        table.getColumns().add(Tables.textColumn("Key", 200, Row::key));
        table.getColumns().add(Tables.textColumn("Value", 180, Row::value));
        table.getColumns().add(Tables.textColumn("Default", 140, Row::defaultValue));
        table.getColumns().add(Tables.textColumn("Description", 420, Row::description));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Map<String, String> values = config.asMap();
        table.setItems(FXCollections.observableArrayList(config.schema().keys().stream()
                .map(k -> row(k, values)).toList()));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, where, table);
    }

    private static Row row(ConfigKey<?> k, Map<String, String> values) {
        boolean secret = k.name().endsWith("password") || k.name().endsWith("key") || k.name().endsWith("token")
                || k.name().endsWith("secret");
        String value = values.getOrDefault(k.name(), "");
        return new Row(k.name(), secret && !value.isEmpty() ? "••••••" : value, k.defaultValue(), k.description());
    }

}
