package org.webp2p.ui;

import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.admin.ClientFigures;

/**
 * Pingback's live figures split by kind of client, one row each for browser pages and SDK players:
 * sessions, bytes from the origin, bytes from peers and the offload they make. Browsers share only
 * with browsers and SDK players only with SDK players, so a single offload figure would hide which
 * of the two carries it. Values get ids {@code <idPrefix>-<kind>-<sessions|http|p2p|offload>}.
 */
public final class ClientSplitView extends GridPane {
    private static final List<ClientKind> ROWS = List.of(ClientKind.BROWSER, ClientKind.SDK);
    private static final String[] FIGURES = {"sessions", "http", "p2p", "offload"};

    private final Label[][] values = new Label[ROWS.size()][FIGURES.length];

    /** @param figures what to show; null shows dashes (nothing chosen) */
    public ClientSplitView(String idPrefix, ObservableValue<List<ClientFigures>> figures) {
        setId(idPrefix);
        getStyleClass().add("client-split");
        String[] heads = {"", "Sessions", "From origin (HTTP)", "From peers (P2P)", "Offload"};
        for (int c = 0; c < heads.length; c++) {
            Label head = new Label(heads[c]);
            head.getStyleClass().add("client-split-head");
            add(head, c, 0);
        }
        for (int r = 0; r < ROWS.size(); r++) {
            Label kind = new Label(ROWS.get(r) == ClientKind.BROWSER ? "Browser" : "SDK");
            kind.getStyleClass().add("client-split-kind");
            add(kind, 0, r + 1);
            for (int c = 0; c < FIGURES.length; c++) {
                Label v = new Label("-");
                v.setId(idPrefix + "-" + ROWS.get(r).wire() + "-" + FIGURES[c]);
                values[r][c] = v;
                add(v, c + 1, r + 1);
            }
        }
        figures.addListener((obs, was, now) -> show(now));
        show(figures.getValue());
    }

    private void show(List<ClientFigures> figures) {
        for (int r = 0; r < ROWS.size(); r++) {
            ClientKind kind = ROWS.get(r);
            ClientFigures f = figures == null ? null : figures.stream().filter(x -> x.client() == kind).findFirst()
                    .orElse(ClientFigures.none(kind));
            String[] text = f == null ? new String[] {"-", "-", "-", "-"} : new String[] {
                Integer.toString(f.sessions()), Format.bytes(f.httpBytes()), Format.bytes(f.p2pBytes()),
                Format.percent(f.offloadRatio())};
            for (int c = 0; c < FIGURES.length; c++) {
                values[r][c].setText(text[c]);
            }
        }
    }
}
