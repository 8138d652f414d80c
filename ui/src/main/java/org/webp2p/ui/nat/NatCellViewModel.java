package org.webp2p.ui.nat;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatType;
import org.webp2p.ui.Format;

/**
 * One cell of the NAT matrix: connections from peers of one NAT type to peers of another, or, in the
 * {@code LAN} row and column (a null type), how many of the links were LAN links.
 */
public final class NatCellViewModel {
    private final @Nullable NatType local;
    private final @Nullable NatType remote;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper();
    private final ReadOnlyDoubleWrapper ratio = new ReadOnlyDoubleWrapper();

    NatCellViewModel(@Nullable NatType local, @Nullable NatType remote) {
        this.local = local;
        this.remote = remote;
        apply(0, 0);
    }

    void apply(long attempts, long successes) {
        text.set(attempts == 0 ? "-"
                : Format.percent((double) successes / attempts) + "\n" + successes + " / " + attempts);
        ratio.set(attempts == 0 ? -1 : (double) successes / attempts);
    }

    /**
     * A LAN cell: of {@code links} links made, {@code lan} were made directly on a local address. Its
     * ratio is the LAN share, or -1 when there was no LAN link, so such a cell stays neutral.
     */
    void applyLan(long lan, long links) {
        text.set(lan == 0 ? "-" : lan + " of " + links + "\nlinks on the LAN");
        ratio.set(lan == 0 ? -1 : (double) lan / links);
    }

    /** The row's NAT type; null in the LAN row. */
    public @Nullable NatType local() {
        return local;
    }

    /** The column's NAT type; null in the LAN column. */
    public @Nullable NatType remote() {
        return remote;
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Successes over attempts, or -1 when nothing was attempted. */
    public ReadOnlyDoubleProperty ratioProperty() {
        return ratio.getReadOnlyProperty();
    }
}
