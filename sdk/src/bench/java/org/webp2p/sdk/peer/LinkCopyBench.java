package org.webp2p.sdk.peer;

import io.netty.channel.EventLoop;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.webp2p.nat.NatType;
import org.webp2p.nat.emulator.LinkConditions;
import org.webp2p.nat.emulator.LinkCounters;
import org.webp2p.nat.emulator.LinkShaper;
import org.webp2p.nat.emulator.ShapedLink;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.session.CoreThread;
import org.webp2p.rtmfp.session.MessageListener;
import org.webp2p.rtmfp.session.ReceiveFlow;
import org.webp2p.rtmfp.session.RtmfpCore;
import org.webp2p.rtmfp.session.Session;
import org.webp2p.rtmfp.session.SessionListener;
import org.webp2p.rtmfp.session.SessionStats;
import org.webp2p.rtmfp.wire.Bytes;

/**
 * How fast one peer's copy of an HD segment travels: two RTMFP cores, each behind its own
 * {@link ShapedLink}, the sender serving a 380 KB segment through the SDK's own {@link Uploads}
 * (16 KiB Data messages, its window of unacknowledged chunks, the 6,000 kbit/s budget), the
 * receiver decoding the Data messages as {@link PeerNetwork} does. It runs in virtual time: the
 * cores get a fake clock and a timer tick every 20 ms (the SDK's), datagrams cross the sender's
 * uplink and then the receiver's downlink exactly as {@code EmulatedNat} moves them, so a run is
 * repeatable for its seed and a loaded machine does not change the figures. NAT translation is
 * left out: it does not shape traffic.
 *
 * <p>Each trial opens a session, exchanges a small message (the Hello), sends one segment on the
 * fresh session ("cold", slow start from the initial window) and a second one two seconds after the
 * first began, or once it is done ("warm", the same session), and reports their times, the
 * effective rate, the fragments RTMFP declared lost (and of those shown spurious) against the
 * datagrams the links really dropped on the data path, and its retransmission timeouts. The table
 * compares the median rate with the cap (the sender's uplink, the receiver's downlink or the upload
 * limit, whichever is least; the budget's 375 KB bucket lets one copy pass faster than the limit)
 * and with what the Mathis formula allows (1.22 MSS / (RTT sqrt p), p the data path's loss).
 *
 * <p>Run from the repository root: {@code sdk/src/bench/run-link-bench.sh [TRIALS]} (default 40
 * trials a cell; it builds the sdk module, compiles this class and runs it).
 */
public final class LinkCopyBench {
    static final int SEGMENT_BYTES = 380_000;
    static final int UPLOAD_LIMIT_KBPS = 6000;
    /** The SDK's peer parameters (WebP2pPlayerSource.PEER_PARAMS). */
    static final RtmfpParams PARAMS = RtmfpParams.defaults().toBuilder().openTimeoutMillis(5_000)
            .keepaliveMillis(10_000).idleTimeoutMillis(30_000).timerTickMillis(20).build();
    private static final int UDP_IP_HEADERS = 28;
    private static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.1", 5000);
    private static final InetSocketAddress RECEIVER = new InetSocketAddress("10.0.0.2", 5000);
    private static final SecureRandom RANDOM = new SecureRandom();

    record Cell(String name, LinkConditions sender, LinkConditions receiver) {
        long rttMillis() {
            return 2 * (sender.delay().toMillis() + receiver.delay().toMillis());
        }

        double dataLoss() {
            return 1 - (1 - sender.loss()) * (1 - receiver.loss());
        }

        long capBitsPerSecond() {
            long up = sender.upBitsPerSecond() == 0 ? Long.MAX_VALUE : sender.upBitsPerSecond();
            long down = receiver.downBitsPerSecond() == 0 ? Long.MAX_VALUE : receiver.downBitsPerSecond();
            return Math.min(Math.min(up, down), UPLOAD_LIMIT_KBPS * 1000L);
        }
    }

    /** One copy's outcome: -1 ms when it did not finish in time. */
    record Copy(long millis, long fragmentsLost, long spurious, long timeouts, long linkDrops) {
    }

    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        String only = args.length > 1 ? args[1] : "";
        List<Cell> cells = new ArrayList<>();
        LinkConditions broadband = link(25, 2, 0.001, 10, 50);
        LinkConditions mobile = link(65, 20, 0.01, 3, 10);
        cells.add(new Cell("broadband->broadband", broadband, broadband));
        cells.add(new Cell("broadband->mobile", broadband, mobile));
        cells.add(new Cell("mobile->broadband", mobile, broadband));
        cells.add(new Cell("mobile->mobile", mobile, mobile));
        cells.add(new Cell("mobile(200ms,1M)->mobile", link(100, 20, 0.01, 1, 10), mobile));
        for (int oneWay : new int[] {10, 40, 100}) {
            for (double loss : new double[] {0, 0.001, 0.01}) {
                // Path one-way delay split between the two hosts; loss on the sender's link only (data and acks).
                cells.add(new Cell("delay " + oneWay + " ms, loss " + percent(loss),
                        link(oneWay / 2, 0, loss, 10, 50), link(oneWay - oneWay / 2, 0, 0, 10, 50)));
            }
        }
        System.out.printf(Locale.ROOT, "%d trials a cell, %d-byte segment, upload limit %d kbit/s, chunks of %d B, "
                + "at least %d in flight per link%n", trials, SEGMENT_BYTES, UPLOAD_LIMIT_KBPS, Uploads.CHUNK_BYTES, Uploads.CHUNKS_IN_FLIGHT);
        System.out.println("| cell | RTT | data loss | cap | Mathis | cold p50 | cold p90 | warm p50 | warm p90 "
                + "| warm rate p50 | declared lost/copy (shown spurious; dropped by the links) | RTOs/copy |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Cell cell : cells) {
            if (!cell.name().contains(only)) {
                continue;
            }
            List<Copy> cold = new ArrayList<>();
            List<Copy> warm = new ArrayList<>();
            for (int seed = 1; seed <= trials; seed++) {
                Copy[] copies = new Trial(cell, seed).run();
                cold.add(copies[0]);
                warm.add(copies[1]);
            }
            report(cell, cold, warm);
        }
    }

    private static void report(Cell cell, List<Copy> cold, List<Copy> warm) {
        double mss = PARAMS.maxPacketLength() - 30;
        double p = cell.dataLoss();
        double mathis = p == 0 ? Double.POSITIVE_INFINITY : 1.22 * mss * 8 / (cell.rttMillis() / 1000.0 * Math.sqrt(p));
        long warmP50 = percentile(warm, 50);
        List<Copy> all = new ArrayList<>(cold);
        all.addAll(warm);
        double lost = all.stream().mapToLong(Copy::fragmentsLost).average().orElse(0);
        double spurious = all.stream().mapToLong(Copy::spurious).average().orElse(0);
        double drops = all.stream().mapToLong(Copy::linkDrops).average().orElse(0);
        double rtos = all.stream().mapToLong(Copy::timeouts).average().orElse(0);
        System.out.printf(Locale.ROOT, "| %s | %d ms | %s | %s | %s | %s | %s | %s | %s | %s | %.1f (%.1f; %.1f) | %.2f |%n",
                cell.name(), cell.rttMillis(), percent(p), mbit(cell.capBitsPerSecond()),
                Double.isInfinite(mathis) ? "-" : mbit(mathis),
                seconds(percentile(cold, 50)), seconds(percentile(cold, 90)), seconds(warmP50),
                seconds(percentile(warm, 90)), warmP50 < 0 ? "-" : mbit(SEGMENT_BYTES * 8000.0 / warmP50),
                lost, spurious, drops, rtos);
    }

    /** A host's link: one-way delay, jitter and loss each direction, rates in Mbit/s, a 100 ms queue. */
    static LinkConditions link(long delayMillis, long jitterMillis, double loss, double upMbit, double downMbit) {
        return new LinkConditions(Duration.ofMillis(delayMillis), Duration.ofMillis(jitterMillis), loss,
                (long) (upMbit * 1_000_000), (long) (downMbit * 1_000_000), Duration.ofMillis(100));
    }

    private static long percentile(List<Copy> copies, int pct) {
        long[] times = copies.stream().mapToLong(c -> c.millis() < 0 ? Long.MAX_VALUE : c.millis()).sorted().toArray();
        long t = times[Math.min(times.length - 1, (int) Math.ceil(pct / 100.0 * times.length) - 1)];
        return t == Long.MAX_VALUE ? -1 : t;
    }

    private static String seconds(long millis) {
        return millis < 0 ? "> 20 s" : String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static String mbit(double bitsPerSecond) {
        return String.format(Locale.ROOT, "%.1f Mbit/s", bitsPerSecond / 1e6);
    }

    private static String percent(double share) {
        return share == 0 ? "0" : String.format(Locale.ROOT, "%.1f%%", share * 100).replace(".0%", "%");
    }

    /** Two hosts, their links, and the events between them, in virtual time. */
    static final class Trial {
        private static final long TICK_NANOS = PARAMS.timerTickMillis() * 1_000_000;
        private static final long GIVE_UP_NANOS = 20_000_000_000L;

        private record Event(long atNanos, long order, Runnable work) {
        }

        private final Cell cell;
        private final ShapedLink senderLink;
        private final ShapedLink receiverLink;
        private final PriorityQueue<Event> events = new PriorityQueue<>(
                (a, b) -> a.atNanos() != b.atNanos() ? Long.compare(a.atNanos(), b.atNanos()) : Long.compare(a.order(), b.order()));
        private final Deque<Runnable> loopTasks = new ArrayDeque<>();
        private final RtmfpCore sender;
        private final RtmfpCore receiver;
        private long order;
        private long nowNanos = 1_000_000_000L;
        private long receivedOfSegment;
        private long segmentDoneNanos = -1;

        Trial(Cell cell, long seed) {
            this.cell = cell;
            this.senderLink = ShapedLink.of(cell.sender(), seed);
            this.receiverLink = ShapedLink.of(cell.receiver(), seed * 31 + 7);
            this.sender = core(SENDER, false);
            this.receiver = core(RECEIVER, true);
        }

        private RtmfpCore core(InetSocketAddress self, boolean isReceiver) {
            return new RtmfpCore(PARAMS, LocalIdentity.ephemeral(PARAMS.dhGroups(), isReceiver, PARAMS.dhPrivateKeyBits(),
                    RANDOM), () -> nowNanos / 1_000_000, (to, bytes) -> route(self, to, bytes), CoreThread.callingThread(),
                    RANDOM);
        }

        /** Up the sending host's link, then down the other's, as EmulatedNat moves a datagram. */
        private void route(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
            boolean fromSender = from.equals(SENDER);
            LinkShaper up = (fromSender ? senderLink : receiverLink).up();
            LinkShaper down = (fromSender ? receiverLink : senderLink).down();
            RtmfpCore target = fromSender ? receiver : sender;
            long out = up.admit(bytes.length + UDP_IP_HEADERS, nowNanos);
            if (out == LinkShaper.LOST || out == LinkShaper.QUEUE_FULL) {
                return;
            }
            at(out, () -> {
                long in = down.admit(bytes.length + UDP_IP_HEADERS, nowNanos);
                if (in != LinkShaper.LOST && in != LinkShaper.QUEUE_FULL) {
                    at(in, () -> target.onDatagram(from, bytes));
                }
            });
        }

        private void at(long atNanos, Runnable work) {
            events.add(new Event(Math.max(atNanos, nowNanos), order++, work));
        }

        private void tickEvery() {
            at(nowNanos + TICK_NANOS, () -> {
                sender.onTick();
                receiver.onTick();
                tickEvery();
            });
        }

        /** Runs events until {@code done} or the virtual deadline; true if done. */
        private boolean runUntil(BooleanSupplier done, long deadlineNanos) {
            while (!done.getAsBoolean() && !events.isEmpty() && nowNanos < deadlineNanos) {
                Event e = events.poll();
                nowNanos = e.atNanos();
                e.work().run();
                while (!loopTasks.isEmpty()) {
                    loopTasks.poll().run();
                }
            }
            return done.getAsBoolean();
        }

        Copy[] run() {
            tickEvery();
            receiver.setIncomingSessionHandler(s -> s.setListener(new SessionListener() {
                @Override
                public void onFlow(ReceiveFlow flow) {
                    flow.setMessageListener(new MessageListener() {
                        @Override
                        public void onMessage(ReceiveFlow f, byte[] message) {
                            if (PeerMessageCodec.decode(message) instanceof PeerMessage.Data d) {
                                receivedOfSegment += d.bytes().length;
                                if (receivedOfSegment >= SEGMENT_BYTES && segmentDoneNanos < 0) {
                                    segmentDoneNanos = nowNanos;
                                }
                            }
                        }
                    });
                }
            }));
            CompletableFuture<Session> opened = sender.open(EndpointDiscriminator.forServer("rtmfp://bench/app"),
                    List.of(RECEIVER), new SessionListener() { });
            if (!runUntil(opened::isDone, nowNanos + 10_000_000_000L) || opened.isCompletedExceptionally()) {
                throw new IllegalStateException("session did not open: " + cell);
            }
            Session session = opened.join();
            PeerLink link = new PeerLink("receiver", session);
            link.out = session.openFlow(Bytes.of("webp2p-segments/1".getBytes(StandardCharsets.US_ASCII)));
            CompletableFuture<Void> hello = link.out.send(PeerMessageCodec.encode(
                    new PeerMessage.Hello(2, "bench", NatType.PORT_RESTRICTED_CONE)));
            runUntil(hello::isDone, nowNanos + 10_000_000_000L);
            Uploads uploads = new Uploads(loop(), () -> nowNanos / 1_000_000, UPLOAD_LIMIT_KBPS, () -> List.of(link),
                    (l, n) -> { });
            byte[] segment = new byte[SEGMENT_BYTES];
            new Random(cell.hashCode()).nextBytes(segment);
            long coldStart = nowNanos;
            Copy cold = copy(uploads, link, session, 1, segment);
            runUntil(() -> false, coldStart + 2_000_000_000L);
            Copy warm = copy(uploads, link, session, 2, segment);
            return new Copy[] {cold, warm};
        }

        private Copy copy(Uploads uploads, PeerLink link, Session session, long sequence, byte[] segment) {
            receivedOfSegment = 0;
            segmentDoneNanos = -1;
            long start = nowNanos;
            SessionStats before = session.stats();
            long dropsBefore = dataPathDrops();
            uploads.offer(link, sequence, segment, 0, segment.length);
            boolean done = runUntil(() -> segmentDoneNanos >= 0, start + GIVE_UP_NANOS);
            SessionStats after = session.stats();
            return new Copy(done ? (segmentDoneNanos - start) / 1_000_000 : -1,
                    after.fragmentsLost() - before.fragmentsLost(), after.spuriousLosses() - before.spuriousLosses(),
                    after.retransmitTimeouts() - before.retransmitTimeouts(), dataPathDrops() - dropsBefore);
        }


        private long dataPathDrops() {
            LinkCounters up = senderLink.counters();
            LinkCounters down = receiverLink.counters();
            return up.up().lost() + up.up().queueDrops() + down.down().lost() + down.down().queueDrops();
        }

        /** An event loop that queues its tasks to run after the current event, as the SDK's loop would. */
        private EventLoop loop() {
            return (EventLoop) Proxy.newProxyInstance(EventLoop.class.getClassLoader(), new Class<?>[] {EventLoop.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "execute" -> {
                            loopTasks.add((Runnable) args[0]);
                            yield null;
                        }
                        case "inEventLoop" -> true;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "bench-loop";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
