package org.webp2p.ui.streams;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.admin.ClientFigures;

/**
 * Puts the renditions of a stream ({@code NAME/RENDITION}, each a stream or swarm of its own) under
 * it: the stream's row then counts the viewers and origin traffic of all its renditions, and each
 * rendition's row its own. Pingback's figures of a stream already hold those of its renditions (a
 * beacon counts for its stream and for the rendition it names), so the stream keeps its own, and
 * only a stream without figures of its own adds up its renditions' (sessions opened on a rendition's
 * name). A stream whose renditions arrive without a playlist of its own (an encoder that publishes
 * only {@code NAME/720p}, ...) still gets its row, played through its master playlist.
 */
final class StreamGroups {
    /** Streams first by the stream they belong to, the stream itself before its renditions. */
    static final Comparator<String> ORDER = Comparator.comparing(StreamGroups::parentOf)
            .thenComparing(name -> name.indexOf('/') >= 0)
            .thenComparing(Comparator.naturalOrder());

    private StreamGroups() {
    }

    /** The stream {@code name} belongs to: itself, or the part before a rendition's slash. */
    static String parentOf(String name) {
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }

    /** Every row, each stream's with its renditions' figures added, in {@link #ORDER}. */
    static List<StreamRow> group(List<StreamRow> rows) {
        Map<String, StreamRow> own = new LinkedHashMap<>();
        Map<String, List<StreamRow>> renditions = new LinkedHashMap<>();
        for (StreamRow r : rows) {
            if (r.name().indexOf('/') < 0) {
                own.put(r.name(), r);
            } else {
                renditions.computeIfAbsent(parentOf(r.name()), k -> new ArrayList<>()).add(r);
            }
        }
        List<StreamRow> out = new ArrayList<>(renditions.values().stream().flatMap(List::stream).toList());
        for (String name : own.keySet()) {
            out.add(withRenditions(own.get(name), renditions.getOrDefault(name, List.of())));
        }
        renditions.forEach((name, children) -> {
            if (!own.containsKey(name)) {
                out.add(withRenditions(madeOf(name, children.get(0)), children));
            }
        });
        out.sort(Comparator.comparing(StreamRow::name, ORDER));
        return out;
    }

    /** The row of a stream known only by its renditions: what they add up to, and its master playlist. */
    private static StreamRow madeOf(String name, StreamRow rendition) {
        Optional<String> master = rendition.playbackUrl()
                .map(u -> u.substring(0, u.indexOf("/" + name + "/") + name.length() + 2) + "master.m3u8");
        return new StreamRow(name, rendition.kind(), rendition.ingest(), 0, 0, Optional.empty(), 0, 0, 0,
                ClientFigures.none(ClientKind.SDK), ClientFigures.none(ClientKind.BROWSER), 0, 0, 0, master,
                Optional.empty(), Optional.empty(), rendition.open(), Optional.empty(), Optional.empty(),
                Optional.empty(), -1, -1);
    }

    private static StreamRow withRenditions(StreamRow stream, List<StreamRow> renditions) {
        if (renditions.isEmpty()) {
            return stream;
        }
        List<StreamRow> all = new ArrayList<>(renditions);
        all.add(stream);
        List<StreamRow> reporting = reported(stream) ? List.of(stream) : all;
        ClientFigures sdk = sum(ClientKind.SDK, reporting.stream().map(StreamRow::sdk).toList());
        ClientFigures browser = sum(ClientKind.BROWSER, reporting.stream().map(StreamRow::browser).toList());
        long http = sdk.httpBytes() + browser.httpBytes();
        long p2p = sdk.p2pBytes() + browser.p2pBytes();
        // Percentiles do not add up: the stream shows its own when told, else its worst rendition's.
        long p50 = stream.latencyP50Ms() >= 0 ? stream.latencyP50Ms()
                : renditions.stream().mapToLong(StreamRow::latencyP50Ms).max().orElse(-1);
        long p95 = stream.latencyP95Ms() >= 0 ? stream.latencyP95Ms()
                : renditions.stream().mapToLong(StreamRow::latencyP95Ms).max().orElse(-1);
        return new StreamRow(stream.name(), stream.kind(), stream.ingest(), stream.bitrate(), stream.segments(),
                stream.lastSegmentAge(), all.stream().mapToInt(StreamRow::sdkViewers).sum(),
                all.stream().mapToInt(StreamRow::browserViewers).sum(), offload(p2p, http), sdk, browser,
                all.stream().mapToLong(StreamRow::requests).sum(), all.stream().mapToLong(StreamRow::bytesOut).sum(),
                stream.notModifiedRatio(), stream.playbackUrl(), stream.publishUrl(), stream.playerUrl(), stream.open(),
                stream.embedSnippet(), stream.rtmpServer(), stream.rtmpStreamKey(), p50, p95);
    }

    /** Whether pingback has figures of the stream itself in its window. */
    private static boolean reported(StreamRow stream) {
        return List.of(stream.sdk(), stream.browser()).stream()
                .anyMatch(c -> c.sessions() > 0 || c.httpBytes() > 0 || c.p2pBytes() > 0 || c.uploadedBytes() > 0);
    }

    private static ClientFigures sum(ClientKind kind, List<ClientFigures> figures) {
        long http = figures.stream().mapToLong(ClientFigures::httpBytes).sum();
        long p2p = figures.stream().mapToLong(ClientFigures::p2pBytes).sum();
        return new ClientFigures(kind, figures.stream().mapToInt(ClientFigures::sessions).sum(), http, p2p,
                figures.stream().mapToLong(ClientFigures::uploadedBytes).sum(), offload(p2p, http));
    }

    private static double offload(long p2p, long http) {
        return p2p == 0 ? 0 : p2p / ((double) p2p + http);
    }
}
