package org.webp2p.ui.services;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.ToggleSwitch;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.ui.Pages;
import org.webp2p.ui.Tables;

/** Every service with its state, address, uptime and last error, a switch each, and the event log. */
public final class ServicesView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final ServicesViewModel model;
    private final GridPane grid = new GridPane();
    private final TableView<ServiceEvent> log = new TableView<>();

    public ServicesView(ServicesViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        Label title = Pages.begin(this, "Services");

        grid.getStyleClass().add("service-grid");
        grid.setHgap(16);
        grid.setVgap(8);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(new ColumnConstraints(110), new ColumnConstraints(90),
                new ColumnConstraints(160), new ColumnConstraints(80), grow, new ColumnConstraints(70),
                new ColumnConstraints(80));

        Label logTitle = new Label("Event log");
        logTitle.getStyleClass().add("section-title");
        log.setId("event-log");
        log.setPlaceholder(new Label("No service events yet"));
        log.getColumns().add(Tables.textColumn("Time", 160, e -> TIME.format(e.at())));
        log.getColumns().add(Tables.textColumn("Service", 100, ServiceEvent::service));
        log.getColumns().add(Tables.textColumn("Change", 190,
                e -> e.from() == e.to() ? "" : (e.from() == null ? "" : e.from() + " → ") + e.to())); // a note, no change
        log.getColumns().add(Tables.textColumn("Detail", 400, ServiceEvent::detail));
        log.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        log.setItems(model.events());
        VBox.setVgrow(log, Priority.ALWAYS);

        getChildren().addAll(title, grid, logTitle, log);
        rebuildGrid();
    }

    private void initListeners() {
        model.rows().addListener((ListChangeListener<ServiceRowViewModel>) c -> rebuildGrid());
    }

    private void rebuildGrid() {
        grid.getChildren().clear();
        String[] headers = {"Service", "State", "Address", "Uptime", "Last error", "Running", ""};
        for (int i = 0; i < headers.length; i++) {
            Label h = new Label(headers[i]);
            h.getStyleClass().add("column-header-label");
            grid.add(h, i, 0);
        }
        int r = 1;
        for (ServiceRowViewModel row : model.rows()) {
            addRow(row, r++);
        }
    }

    private void addRow(ServiceRowViewModel row, int r) {
        String n = row.name();
        Label name = new Label(n);
        name.getStyleClass().add("service-name");

        Label state = new Label();
        state.setId("state-" + n);
        state.textProperty().bind(Bindings.convert(row.stateProperty()));
        row.stateProperty().addListener((obs, was, now) -> styleState(state, now));
        styleState(state, row.stateProperty().get());

        Label address = new Label();
        address.setId("address-" + n);
        address.textProperty().bind(row.addressProperty());

        Label uptime = new Label();
        uptime.setId("uptime-" + n);
        uptime.textProperty().bind(row.uptimeProperty());

        Label error = new Label();
        error.setId("error-" + n);
        error.getStyleClass().add("error-text");
        error.textProperty().bind(row.lastErrorProperty());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(row.lastErrorProperty());
        error.setTooltip(tip);

        ToggleSwitch toggle = new ToggleSwitch();
        toggle.setId("toggle-" + n);
        toggle.selectedProperty().bindBidirectional(row.runningProperty());
        toggle.disableProperty().bind(row.busyProperty());

        Button restart = new Button("Restart");
        restart.setId("restart-" + n);
        restart.disableProperty().bind(row.busyProperty());
        restart.setOnAction(e -> model.restart(row));

        grid.addRow(r, name, state, address, uptime, error, toggle, restart);
    }

    private static void styleState(Label label, ServiceState state) {
        label.getStyleClass().removeIf(c -> c.startsWith("state-"));
        label.getStyleClass().add("state-" + state.name().toLowerCase(Locale.ROOT));
    }

}
