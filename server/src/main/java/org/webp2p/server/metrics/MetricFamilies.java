package org.webp2p.server.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers one scrape's samples by family and builds the Prometheus client's snapshots from them. Two
 * samples of one family with the same labels are added up (streams past the label cap share one), so a
 * family is always valid whatever order the figures come in. Counter names are given without
 * {@code _total}, which the client's writers add.
 */
final class MetricFamilies {
    private enum Type { COUNTER, GAUGE }

    private record Family(Type type, String help, Map<Labels, Double> points) {
    }

    private record Summary(String help, Map<Labels, double[]> points) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final Map<String, Summary> summaries = new LinkedHashMap<>();

    /** A running total; {@code labels} are name, value pairs. */
    void counter(String name, String help, Number value, String... labels) {
        add(name, Type.COUNTER, help, value, labels);
    }

    /** A figure that goes up and down. */
    void gauge(String name, String help, Number value, String... labels) {
        add(name, Type.GAUGE, help, value, labels);
    }

    /** A summary without quantiles: how many events and their total, in base units. */
    void summary(String name, String help, long count, double sum, String... labels) {
        double[] point = summaries.computeIfAbsent(name, n -> new Summary(help, new LinkedHashMap<>())).points()
                .computeIfAbsent(Labels.of(labels), l -> new double[2]);
        point[0] += count;
        point[1] += sum;
    }

    private void add(String name, Type type, String help, Number value, String... labels) {
        Family f = families.computeIfAbsent(name, n -> new Family(type, help, new LinkedHashMap<>()));
        if (f.type() != type) {
            throw new IllegalArgumentException(name + " is a " + f.type() + ", not a " + type);
        }
        f.points().merge(Labels.of(labels), value.doubleValue(), Double::sum);
    }

    MetricSnapshots snapshots() {
        List<MetricSnapshot> out = new ArrayList<>();
        families.forEach((name, f) -> out.add(f.type() == Type.COUNTER ? counter(name, f) : gauge(name, f)));
        summaries.forEach((name, s) -> {
            SummarySnapshot.Builder b = SummarySnapshot.builder().name(name).help(s.help());
            s.points().forEach((labels, p) -> b.dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder()
                    .labels(labels).count((long) p[0]).sum(p[1]).build()));
            out.add(b.build());
        });
        return new MetricSnapshots(out);
    }

    private static CounterSnapshot counter(String name, Family f) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(f.help());
        f.points().forEach((labels, v) -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(labels).value(v).build()));
        return b.build();
    }

    private static GaugeSnapshot gauge(String name, Family f) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(f.help());
        f.points().forEach((labels, v) -> b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(labels).value(v).build()));
        return b.build();
    }
}
