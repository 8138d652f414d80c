package org.webp2p.server.origin;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webp2p.protocol.admin.StreamStats;

/**
 * One published stream. The encoder uploads segments under its own names and then a playlist that
 * lists them; the origin takes each newly listed segment into its {@link LiveWindow} under a name of
 * its own ({@code s<sequence>.ts}), so a restarted encoder that reuses {@code index0.ts} never
 * changes bytes behind a URL that CDNs were told is immutable.
 *
 * <p>All mutation happens on the origin's single ingest thread; playback threads only read the
 * immutable {@link View} published after each change.
 */
final class LiveStream {
    // The extension of the segments a claiming (RTMP) publisher hands over: MPEG-TS.
    private static final String HANDED_OVER = ".ts";
    private final String name;
    private final StreamFiles files;
    private final LiveWindow window;
    private final Clock clock;
    private final StreamProfiles profiles;
    private final int stageLimit;
    private final StreamTraffic traffic = new StreamTraffic();
    // Uploaded but not yet listed by the encoder, by the encoder's name, oldest first.
    private final Map<String, byte[]> staged = new LinkedHashMap<>();
    private final Map<String, Servable> servable = new HashMap<>();
    private final Map<String, Long> sizes = new HashMap<>();
    private final Map<String, SegmentDigest> digests = new HashMap<>();
    private String encoderMapName;
    private byte[] mapBytes;
    private String mapUri;
    // The encoder's latest playlist, and the sequence number of the last of its segments taken.
    private MediaPlaylist encoderPlaylist;
    private long lastEncoderSequence = -1;
    // The RTMP publisher that holds the stream, from its begin to its end; null while none does.
    private InetAddress claimedBy;
    // Read by stats() on any thread.
    private volatile StreamStats.Ingest ingest;
    private boolean gap;
    private boolean ended;
    private Instant lastIngest;
    private Instant lastSegmentAt;
    private long segmentsIngested;
    // What the latest segment that could be read carries, for the master playlist.
    private MediaFormat format = MediaFormat.UNKNOWN;
    private volatile View view;

    /**
     * What playback sees of the stream at one moment.
     *
     * @param peakBitrate   the highest bitrate of one listed segment, a master playlist's BANDWIDTH
     * @param ingestBitrate the bitrate over all listed segments, its AVERAGE-BANDWIDTH
     */
    record View(Servable playlist, Map<String, Servable> files, boolean ended, long ingestBitrate, long peakBitrate,
                long targetDuration, MediaFormat format, long segments, Optional<Instant> lastSegmentAt) {

        Optional<Servable> resolve(String file) {
            return file.equals(OriginPath.LIVE_PLAYLIST) ? Optional.of(playlist) : Optional.ofNullable(files.get(file));
        }
    }

    private LiveStream(String name, StreamFiles files, LiveWindow window, Clock clock, StreamProfiles profiles) {
        this.name = name;
        this.files = files;
        this.window = window;
        this.clock = clock;
        this.profiles = profiles;
        // Room for what an encoder uploads before listing it: a few segments and an init segment.
        this.stageLimit = profiles.window(name) + 4;
        this.lastIngest = clock.instant();
    }

    /** A stream that has received nothing yet. */
    static LiveStream create(String name, StreamFiles files, StreamProfiles profiles, Clock clock) {
        return new LiveStream(name, files, new LiveWindow(profiles.window(name)), clock, profiles);
    }

    /**
     * The stream as this origin left it on disk. Files its playlist no longer needs are removed. A
     * stream that was live is live again until the encoder's silence ends it.
     */
    static LiveStream load(String name, StreamFiles files, StreamProfiles profiles, Clock clock)
            throws IOException, PlaylistException {
        byte[] text = files.read(OriginPath.LIVE_PLAYLIST);
        MediaPlaylist playlist = PlaylistCodec.parse(new String(text, StandardCharsets.UTF_8));
        LiveStream s = new LiveStream(name, files, LiveWindow.restore(playlist, profiles.window(name)), clock, profiles);
        s.ended = playlist.ended();
        s.gap = true;
        s.lastIngest = files.modified(OriginPath.LIVE_PLAYLIST);
        for (String uri : s.window.servableUris()) {
            if (files.exists(uri)) {
                s.sizes.put(uri, files.size(uri));
                s.digests.put(uri, SegmentDigest.of(files.read(uri)));
                s.servable.put(uri, s.onDisk(uri));
            }
        }
        for (String file : files.list()) {
            if (!file.equals(OriginPath.LIVE_PLAYLIST) && !s.servable.containsKey(file)) {
                files.delete(file);
            }
        }
        List<MediaSegment> listed = playlist.segments();
        for (int i = listed.size() - 1; i >= 0 && !s.format.isKnown(); i--) {
            String uri = listed.get(i).uri();
            if (s.servable.containsKey(uri) && MediaTypes.of(uri).equals(MediaTypes.MPEG_TS)) {
                s.format = TsProbe.probe(files.read(uri));
            }
        }
        Optional<String> lastMap = s.window.last().flatMap(MediaSegment::map).filter(files::exists);
        if (lastMap.isPresent()) {
            s.mapUri = lastMap.get();
            s.mapBytes = files.read(s.mapUri);
        }
        s.publish(s.lastIngest);
        return s;
    }

    String name() {
        return name;
    }

    StreamTraffic traffic() {
        return traffic;
    }

    /** Empty until the first playlist arrives. */
    Optional<View> view() {
        return Optional.ofNullable(view);
    }

    /**
     * Gives the stream to a publisher that hands over whole segments (RTMP) until it {@link #release
     * releases} it. Refused while another such publisher holds it, or while an HTTP encoder has
     * uploaded within {@code silence} and not ended its stream. What comes next is a new timeline, so
     * the first segment after a claim follows a discontinuity.
     */
    void claim(InetAddress from, Duration silence) throws StreamBusyException {
        Instant now = clock.instant();
        boolean httpLive = encoderPlaylist != null && !ended && Duration.between(lastIngest, now).compareTo(silence) <= 0;
        if (claimedBy != null || httpLive) {
            throw new StreamBusyException(name);
        }
        claimedBy = from;
        ingest = StreamStats.Ingest.RTMP;
        encoderPlaylist = null;
        lastEncoderSequence = -1;
        staged.clear();
        gap = window.last().isPresent();
        lastIngest = now;
    }

    /** Lists a segment of the publisher that claimed the stream, which plays for {@code duration}. */
    void append(byte[] segment, Duration duration) throws IOException {
        if (claimedBy == null) {
            throw notBegun(name);
        }
        Instant now = clock.instant();
        lastIngest = now;
        admit(segment, HANDED_OVER, duration, false, Optional.empty(), Optional.empty(), now);
        publish(now);
    }

    static IllegalStateException notBegun(String stream) {
        return new IllegalStateException("stream " + stream + " is not being published: it has to be begun first");
    }

    /**
     * The claiming publisher has finished: the stream ends (EXT-X-ENDLIST) and anyone may publish to
     * it. Nothing happens to a stream no publisher claims (one that lost its claim when the origin
     * restarted, say), so an HTTP encoder's stream is never ended this way.
     */
    void release() throws IOException {
        if (claimedBy == null) {
            return;
        }
        claimedBy = null;
        if (!ended && view != null) {
            ended = true;
            gap = true;
            publish(clock.instant());
        }
    }

    private void refuseWhileClaimed() throws StreamBusyException {
        if (claimedBy != null) {
            throw new StreamBusyException(name);
        }
    }

    /** Keeps an uploaded segment or init segment until a playlist lists it, taking it if one already does. */
    void stage(String encoderName, byte[] data) throws IOException, StreamBusyException {
        refuseWhileClaimed();
        staged.remove(encoderName);
        staged.put(encoderName, data);
        Iterator<String> oldest = staged.keySet().iterator();
        while (staged.size() > stageLimit) {
            oldest.next();
            oldest.remove();
        }
        lastIngest = clock.instant();
        resume();
    }

    /**
     * An encoder deleting a segment it no longer lists. Segments already taken into the window stay
     * until the origin's own window lets them go, since players may still be reading them.
     */
    void unstage(String encoderName) {
        staged.remove(encoderName);
        lastIngest = clock.instant();
    }

    /** Takes the segments an encoder's playlist newly lists into the window and republishes. */
    void acceptPlaylist(String text)
            throws PlaylistException, IOException, StreamBusyException {
        refuseWhileClaimed();
        MediaPlaylist uploaded = PlaylistCodec.parse(text);
        Instant now = clock.instant();
        lastIngest = now;
        window.declareTargetDuration(uploaded.targetDuration());
        if (uploaded.nextSequence() - 1 < lastEncoderSequence) {
            // Either the encoder started over (ffmpeg restarts at sequence 0, and so do its
            // timestamps), or this is an older playlist that overtook a newer one on another
            // connection. Only a restarted encoder has uploaded bytes for what it lists last.
            boolean restarted = uploaded.segments().isEmpty()
                    || staged.containsKey(lastPathPart(uploaded.segments().get(uploaded.segments().size() - 1).uri()));
            if (!restarted) {
                return;
            }
            lastEncoderSequence = -1;
            gap = true;
        }
        encoderPlaylist = uploaded;
        advance(now);
        publish(now);
    }

    /** Takes what a late upload made available from the encoder's last playlist. */
    private void resume() throws IOException {
        Instant now = clock.instant();
        if (encoderPlaylist != null && advance(now)) {
            publish(now);
        }
    }

    /**
     * Takes listed segments in order while their bytes are here. A missing one is waited for as long
     * as the encoder still lists it: uploads on separate connections can overtake each other, so a
     * playlist may arrive before the segment it announces. Returns whether anything changed.
     */
    private boolean advance(Instant now) throws IOException {
        boolean changed = false;
        if (encoderPlaylist.mediaSequence() - 1 > lastEncoderSequence && lastEncoderSequence >= 0) {
            // The encoder stopped listing segments that never arrived: players must skip the hole.
            gap = true;
        }
        lastEncoderSequence = Math.max(lastEncoderSequence, encoderPlaylist.mediaSequence() - 1);
        List<MediaSegment> listed = encoderPlaylist.segments();
        for (int i = (int) (lastEncoderSequence + 1 - encoderPlaylist.mediaSequence()); i < listed.size(); i++) {
            if (!take(listed.get(i), now)) {
                break;
            }
            lastEncoderSequence++;
            changed = true;
        }
        if (encoderPlaylist.ended() && !ended && lastEncoderSequence == encoderPlaylist.nextSequence() - 1) {
            ended = true;
            gap = true;
            changed = true;
        }
        return changed;
    }

    /** Ends the stream when its encoder has been silent for {@code after}; true when it ended now. */
    boolean endIfIdle(Duration after) throws IOException {
        Instant now = clock.instant();
        if (ended || view == null || Duration.between(lastIngest, now).compareTo(after) <= 0) {
            return false;
        }
        ended = true;
        gap = true;
        publish(now);
        return true;
    }

    /** @param renditions those of its renditions its master playlist lists */
    StreamStats stats(List<String> renditions) {
        View v = view;
        Instant now = clock.instant();
        StreamStats.Kind kind = v == null || !v.ended() ? StreamStats.Kind.LIVE : StreamStats.Kind.ENDED;
        return new StreamStats(name, kind, Optional.ofNullable(ingest), v == null ? 0 : v.ingestBitrate(), v == null ? 0 : v.segments(),
                v == null ? Optional.empty() : v.lastSegmentAt().map(t -> Duration.between(t, now)),
                traffic.requests(), traffic.bytesOut(), traffic.notModifiedCount(), renditions);
    }

    /** Takes one listed segment into the window; false when its bytes (or its init segment's) are not here yet. */
    private boolean take(MediaSegment listed, Instant now) throws IOException {
        String encoderName = lastPathPart(listed.uri());
        byte[] data = staged.remove(encoderName);
        if (data == null) {
            return false;
        }
        Optional<String> map = Optional.empty();
        if (listed.map().isPresent()) {
            map = originMap(lastPathPart(listed.map().get()));
            if (map.isEmpty()) {
                staged.put(encoderName, data);
                return false;
            }
        }
        admit(data, MediaTypes.dottedExtension(encoderName), listed.duration(), listed.discontinuity(), map,
                listed.programDateTime(), now);
        ingest = StreamStats.Ingest.HTTP;
        return true;
    }

    /**
     * Stores a segment under the origin's next name, digests it and lists it at the live edge; the
     * one way in for segments from an encoder's playlist and from an RTMP publisher alike.
     */
    private void admit(byte[] data, String extension, Duration duration, boolean discontinuity, Optional<String> map,
                       Optional<Instant> dateTime, Instant now) throws IOException {
        String uri = "s" + window.nextSequence() + extension;
        servable.put(uri, stored(uri, data));
        sizes.put(uri, (long) data.length);
        digests.put(uri, SegmentDigest.of(data));
        if (MediaTypes.of(uri).equals(MediaTypes.MPEG_TS)) {
            MediaFormat probed = TsProbe.probe(data);
            if (probed.isKnown()) {
                format = probed;
            }
        }
        ended = false;
        MediaSegment segment = new MediaSegment(uri, duration, discontinuity || gap, map,
                Optional.of(dateTime.orElseGet(() -> dated(duration, discontinuity || gap, now))));
        for (String expired : window.append(segment)) {
            files.delete(expired);
            letGo(servable.remove(expired));
            sizes.remove(expired);
            digests.remove(expired);
        }
        gap = false;
        segmentsIngested++;
        lastSegmentAt = now;
    }

    /**
     * The wall-clock time of a segment the encoder did not date: its arrival less its duration, but
     * never before the end of the segment it continues, so that dates and durations agree for
     * players that align renditions by date even when an encoder sends faster than real time.
     */
    private Instant dated(Duration duration, boolean discontinuity, Instant now) {
        Instant arrival = now.minus(duration);
        if (discontinuity) {
            return arrival;
        }
        return window.last().flatMap(s -> s.programDateTime().map(t -> t.plus(s.duration())))
                .filter(follows -> follows.isAfter(arrival)).orElse(arrival);
    }

    /** The origin's name for the encoder's init segment, a new one whenever its bytes change. */
    private Optional<String> originMap(String encoderName) throws IOException {
        byte[] fresh = staged.remove(encoderName);
        if (fresh != null && (mapBytes == null || !Arrays.equals(fresh, mapBytes))) {
            String uri = "init" + window.nextSequence() + MediaTypes.dottedExtension(encoderName);
            servable.put(uri, stored(uri, fresh));
            sizes.put(uri, (long) fresh.length);
            mapBytes = fresh;
            mapUri = uri;
            encoderMapName = encoderName;
        } else if (fresh != null) {
            encoderMapName = encoderName;
        }
        return mapUri != null && encoderName.equals(encoderMapName) ? Optional.of(mapUri) : Optional.empty();
    }

    private void publish(Instant now) throws IOException {
        MediaPlaylist playlist = window.playlist(ended);
        playlist = playlist.withHoldBack(profiles.holdBack(name, playlist.targetDuration()));
        String text = PlaylistCodec.write(playlist, uri -> Optional.ofNullable(digests.get(uri)));
        files.write(OriginPath.LIVE_PLAYLIST, text.getBytes(StandardCharsets.UTF_8));
        if (ended) {
            // Nobody needs an ended stream in memory: it is served from disk like VOD.
            for (String uri : List.copyOf(servable.keySet())) {
                letGo(servable.put(uri, onDisk(uri)));
            }
        }
        String cache = ended ? CachePolicy.ENDED_PLAYLIST : CachePolicy.livePlaylist(playlist.targetDuration());
        Servable served = Servable.ofText(text, MediaTypes.PLAYLIST, now, cache);
        view = new View(served, Map.copyOf(servable), ended, bitrate(playlist), peakBitrate(playlist),
                playlist.targetDuration(), format, segmentsIngested, Optional.ofNullable(lastSegmentAt));
    }

    /**
     * Gives the live window's segments back to the buffer pool, for an origin that stops; responses
     * still being written keep theirs until done.
     */
    void close() {
        servable.values().forEach(LiveStream::letGo);
    }

    /** Writes {@code data} to its file and keeps it in pooled memory, to serve it from there. */
    private Servable stored(String uri, byte[] data) throws IOException {
        PooledBytes bytes = PooledBytes.copyOf(data, files.path(uri));
        try {
            Instant modified = files.write(uri, bytes.view());
            return Servable.ofFile(bytes, modified, MediaTypes.of(uri), CachePolicy.SEGMENT);
        } catch (IOException | RuntimeException e) {
            bytes.letGo();
            throw e;
        }
    }

    private static void letGo(Servable s) {
        if (s != null && s.body() instanceof PooledBytes pooled) {
            pooled.letGo();
        }
    }

    private Servable onDisk(String uri) throws IOException {
        Servable.Body body = new Servable.OnDisk(files.path(uri), sizes.get(uri));
        return Servable.ofFile(body, files.modified(uri), MediaTypes.of(uri), CachePolicy.SEGMENT);
    }

    private long bitrate(MediaPlaylist playlist) {
        long bytes = 0;
        for (MediaSegment s : playlist.segments()) {
            bytes += sizes.getOrDefault(s.uri(), 0L);
        }
        long millis = playlist.duration().toMillis();
        return millis == 0 ? 0 : bytes * 8 * 1000 / millis;
    }

    private long peakBitrate(MediaPlaylist playlist) {
        long peak = 0;
        for (MediaSegment s : playlist.segments()) {
            long millis = Math.max(1, s.duration().toMillis());
            peak = Math.max(peak, sizes.getOrDefault(s.uri(), 0L) * 8 * 1000 / millis);
        }
        return peak;
    }

    private static String lastPathPart(String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
