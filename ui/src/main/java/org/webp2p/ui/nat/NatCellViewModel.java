package org.webp2p.ui.nat;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.webp2p.nat.NatType;
import org.webp2p.ui.Format;

/** One cell of the NAT matrix: connections from peers of one NAT type to peers of another. */
public final class NatCellViewModel {
    private final NatType local;
    private final NatType remote;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper();
    private final ReadOnlyDoubleWrapper ratio = new ReadOnlyDoubleWrapper();

    NatCellViewModel(NatType local, NatType remote) {
        this.local = local;
        this.remote = remote;
        apply(0, 0);
    }

    void apply(long attempts, long successes) {
        text.set(attempts == 0 ? "-"
                : Format.percent((double) successes / attempts) + "\n" + successes + " / " + attempts);
        ratio.set(attempts == 0 ? -1 : (double) successes / attempts);
    }

    public NatType local() {
        return local;
    }

    public NatType remote() {
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
