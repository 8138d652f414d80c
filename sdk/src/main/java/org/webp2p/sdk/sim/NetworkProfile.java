package org.webp2p.sdk.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.webp2p.nat.emulator.LinkConditions;

/**
 * The access links of a simulated swarm's peers: one or more classes of link, each a distribution
 * every peer's link is drawn from, written {@code NAME[,KEY=VALUE...]} on the command line, say
 * {@code mobile} or {@code broadband,rtt=40-60,loss=0.5%}. The keys override the named profile in
 * every class it has:
 * <ul>
 * <li>{@code rtt}: round trip to the core in ms, one value or a range {@code MIN-MAX} drawn
 *     uniformly; each direction delays half of it</li>
 * <li>{@code jitter}: ms either way a datagram's one-way delay may differ</li>
 * <li>{@code loss}: percent of datagrams lost, each direction</li>
 * <li>{@code up}, {@code down}: Mbit/s, a value or a range; 0 for no cap</li>
 * <li>{@code queue}: ms of the rate a full queue holds before it drops</li>
 * </ul>
 *
 * @param spec the text it was read from, as the report names it
 * @param classes the link classes and their weights
 */
public record NetworkProfile(String spec, List<LinkClass> classes) {
    private static final LinkClass LAN_LINK = new LinkClass("lan", 1, Range.ZERO, 0, 0, Range.ZERO, Range.ZERO, 0);
    private static final LinkClass BROADBAND = new LinkClass("broadband", 60, new Range(20, 80), 2, 0.001,
            new Range(5, 20), new Range(20, 100), 100);
    private static final LinkClass MOBILE = new LinkClass("mobile", 40, new Range(60, 200), 20, 0.01,
            new Range(1, 5), new Range(5, 20), 100);
    private static final Map<String, List<LinkClass>> PROFILES = Map.of("lan", List.of(LAN_LINK),
            "broadband", List.of(BROADBAND), "mobile", List.of(MOBILE), "mixed", List.of(BROADBAND, MOBILE));
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    /** Every peer on a link at loopback speed: no shaping at all. */
    public static final NetworkProfile LAN = new NetworkProfile("lan", List.of(LAN_LINK));

    public NetworkProfile {
        classes = List.copyOf(classes);
        if (classes.stream().mapToInt(LinkClass::weight).sum() <= 0) {
            throw new IllegalArgumentException("a network profile needs a class of positive weight");
        }
    }

    /**
     * Reads {@code NAME[,KEY=VALUE...]}.
     *
     * @throws IllegalArgumentException naming the part it cannot read
     */
    public static NetworkProfile parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(",");
        List<LinkClass> classes = PROFILES.get(parts[0].trim());
        if (classes == null) {
            throw new IllegalArgumentException("\"" + parts[0].trim() + "\" is not a network profile: "
                    + String.join(", ", new TreeSet<>(PROFILES.keySet())));
        }
        List<LinkClass> out = new ArrayList<>(classes);
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("\"" + parts[i].trim() + "\" is not KEY=VALUE");
            }
            String key = kv[0].trim();
            String value = kv[1].trim();
            out.replaceAll(c -> c.with(key, value));
        }
        return new NetworkProfile(String.join(",", List.of(parts)).replace(" ", ""), out);
    }

    /** True when some peers' links delay, lose or cap anything. */
    public boolean shapes() {
        return classes.stream().anyMatch(LinkClass::shapes);
    }

    /** The link of one peer: a class by weight, then each setting from its range. */
    public LinkConditions draw(Random random) {
        return pick(random).draw(random);
    }

    /** The class of one peer's link, by weight: the first step of {@link #draw}. */
    LinkClass pick(Random random) {
        int total = classes.stream().mapToInt(LinkClass::weight).sum();
        int pick = random.nextInt(total);
        for (LinkClass c : classes) {
            pick -= c.weight();
            if (pick < 0) {
                return c;
            }
        }
        throw new IllegalStateException("weights sum to " + total);
    }

    /** A value drawn uniformly between two bounds, or always the one. */
    public record Range(double min, double max) {
        static final Range ZERO = new Range(0, 0);

        public Range {
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("a range needs 0 <= MIN <= MAX: " + min + "-" + max);
            }
        }

        double draw(Random random) {
            return min == max ? min : min + random.nextDouble() * (max - min);
        }

        static Range parse(String key, String text) {
            String[] bounds = text.split("-", 2);
            return new Range(number(key, bounds[0]), number(key, bounds[bounds.length - 1]));
        }

        @Override
        public String toString() {
            return min == max ? fmt(min) : fmt(min) + "-" + fmt(max);
        }
    }

    /**
     * One kind of access link and its share of the swarm.
     *
     * @param rttMs round trip to the core, ms
     * @param jitterMs either way on each one-way delay, ms
     * @param loss share of datagrams lost, 0 to 1
     * @param upMbps uplink, Mbit/s (0: no cap)
     * @param downMbps downlink, Mbit/s (0: no cap)
     * @param queueMs what a full queue holds, in ms of its rate
     */
    public record LinkClass(String name, int weight, Range rttMs, double jitterMs, double loss, Range upMbps,
                            Range downMbps, double queueMs) {

        boolean shapes() {
            return rttMs.max() > 0 || jitterMs > 0 || loss > 0 || upMbps.max() > 0 || downMbps.max() > 0;
        }

        LinkConditions draw(Random random) {
            double rtt = rttMs.draw(random);
            double up = upMbps.draw(random);
            double down = downMbps.draw(random);
            return new LinkConditions(micros(rtt / 2), micros(jitterMs), loss, (long) (up * 1e6), (long) (down * 1e6),
                    micros(queueMs));
        }

        LinkClass with(String key, String value) {
            return switch (key) {
                case "rtt" -> new LinkClass(name, weight, Range.parse(key, value), jitterMs, loss, upMbps, downMbps, queueMs);
                case "jitter" -> new LinkClass(name, weight, rttMs, number(key, value), loss, upMbps, downMbps, queueMs);
                case "loss" -> new LinkClass(name, weight, rttMs, jitterMs, percent(value), upMbps, downMbps, queueMs);
                case "up" -> new LinkClass(name, weight, rttMs, jitterMs, loss, Range.parse(key, value), downMbps, queueMs);
                case "down" -> new LinkClass(name, weight, rttMs, jitterMs, loss, upMbps, Range.parse(key, value), queueMs);
                case "queue" -> new LinkClass(name, weight, rttMs, jitterMs, loss, upMbps, downMbps, number(key, value));
                default -> throw new IllegalArgumentException("\"" + key + "\" is not a link setting: "
                        + "rtt, jitter, loss, up, down, queue");
            };
        }

        /** The class as the help and the docs show it. */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: rtt %s ms, jitter %s ms, loss %s%%, up %s Mbit/s, down %s Mbit/s, queue %s ms",
                    name, rttMs, fmt(jitterMs), fmt(loss * 100), upMbps, downMbps, fmt(queueMs));
        }
    }

    private static double number(String key, String text) {
        String t = text.trim();
        if (t.endsWith("ms")) {
            t = t.substring(0, t.length() - 2);
        }
        if (!NUMBER.matcher(t).matches()) {
            throw new IllegalArgumentException(key + "=" + text + ": not a number >= 0");
        }
        return Double.parseDouble(t);
    }

    private static double percent(String text) {
        Matcher m = Pattern.compile("(" + NUMBER.pattern() + ")%").matcher(text.trim());
        if (!m.matches() || Double.parseDouble(m.group(1)) > 100) {
            throw new IllegalArgumentException("loss=" + text + ": a percentage from 0% to 100%, e.g. loss=0.5%");
        }
        return Double.parseDouble(m.group(1)) / 100;
    }

    private static Duration micros(double ms) {
        return Duration.ofNanos(Math.round(ms * 1000) * 1000);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
