package org.webp2p.ui;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.webp2p.protocol.Problem;
import org.webp2p.protocol.WireJson;
import org.webp2p.protocol.admin.AdminSnapshot;
import org.webp2p.protocol.admin.IssuedToken;
import org.webp2p.protocol.admin.ServiceAction;
import org.webp2p.protocol.admin.ServiceDescription;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.TokenRequest;
import org.webp2p.protocol.admin.TrafficHistory;
import org.webp2p.server.http.LimitedBody;

/**
 * Talks to a node's admin endpoint with its bearer token. Blocking calls, made off the FX thread;
 * every failure becomes a {@link NodeSourceException} saying what went wrong in the operator's terms.
 */
public final class AdminClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** The node may run a newer version that reports more than this console shows. */
    private static final ObjectMapper JSON = WireJson.tolerant();
    /**
     * Most of an answer read: a snapshot of a node with tens of thousands of peers is a few MB, so
     * this is room to spare, yet a broken or hostile endpoint cannot make the console hold more.
     */
    static final long MAX_ANSWER = 64L << 20;

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final long maxAnswer;

    public AdminClient(URI base, String token) {
        this(base, token, MAX_ANSWER);
    }

    AdminClient(URI base, String token, long maxAnswer) {
        this.base = checkedBase(base);
        this.token = Objects.requireNonNull(token, "token");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.maxAnswer = maxAnswer;
    }

    /**
     * Refuses what cannot be an admin endpoint's address, so a typo is reported at once rather than
     * as a connection failure: an absolute http(s) URL with a host and no query.
     */
    public static URI checkedBase(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(url + " is not an http:// or https:// URL");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException(url + " names no host");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(url + " must not have a query or fragment");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return URI.create(scheme + "://" + url.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
    }

    public URI base() {
        return base;
    }

    /** The node's state and the events after {@code cursor}; a negative cursor means from now on. */
    public AdminSnapshot snapshot(long cursor) throws NodeSourceException {
        String query = cursor < 0 ? "" : "?afterEvent=" + cursor;
        return read(send(get("v1/snapshot" + query)), new TypeReference<>() { });
    }

    /** Every service of the node with its state, addresses and last failure. */
    public List<ServiceDescription> services() throws NodeSourceException {
        return read(send(get("v1/services")), new TypeReference<>() { });
    }

    public List<ServiceEvent> events(int limit) throws NodeSourceException {
        return read(send(get("v1/events?limit=" + limit)), new TypeReference<>() { });
    }

    /** The node's stored figures of a range, summed by the node into at most {@code maxPoints} steps. */
    public TrafficHistory trafficHistory(String swarm, Instant from, Instant to, int maxPoints)
            throws NodeSourceException {
        return read(send(get("v1/history?swarm=" + URLEncoder.encode(swarm, StandardCharsets.UTF_8) + "&from=" + from
                + "&to=" + to + "&points=" + maxPoints)), new TypeReference<>() { });
    }

    /** Asks the node to start, stop or restart a service; the node carries it out in the background. */
    public void control(String service, ServiceAction action) throws NodeSourceException {
        send(request("v1/services/" + service + "/" + action.wireName()).POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** A day's playback token for {@code stream}, signed by the node (it holds the secret). */
    public String playbackToken(String stream) throws NodeSourceException {
        String body;
        try {
            body = JSON.writeValueAsString(new TokenRequest(stream, "console", TokenRequest.DEFAULT_HOURS));
        } catch (IOException e) {
            throw new IllegalStateException("a token request always serialises", e);
        }
        IssuedToken answer = read(send(request("v1/tokens").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()), new TypeReference<>() { });
        return answer.token();
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private String send(HttpRequest request) throws NodeSourceException {
        HttpResponse<String> r;
        try {
            r = http.send(request, LimitedBody.ofUtf8(maxAnswer));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new NodeSourceException("cannot reach " + base + ": " + describe(e), e);
        } catch (HttpTimeoutException e) {
            throw new NodeSourceException(base + " did not answer within " + TIMEOUT.toSeconds() + "s", e);
        } catch (IOException e) {
            throw new NodeSourceException("cannot talk to " + base + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeSourceException("interrupted while talking to " + base, e);
        }
        if (r.statusCode() == 401) {
            throw new NodeSourceException(base + " refused the admin token (" + reason(r) + "); check --admin-token");
        }
        if (r.statusCode() >= 300) {
            throw new NodeSourceException(base + " answered " + r.statusCode() + ": " + reason(r));
        }
        return r.body();
    }

    private static <T> T read(String body, TypeReference<T> type) throws NodeSourceException {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new NodeSourceException("the node's answer is not what this console reads (another version?): "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static String reason(HttpResponse<String> r) {
        try {
            return JSON.readValue(r.body(), Problem.class).reason();
        } catch (IOException e) {
            return r.body().isBlank() ? "no reason given" : r.body().strip();
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
