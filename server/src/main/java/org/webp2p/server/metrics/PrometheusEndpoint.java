package org.webp2p.server.metrics;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.webp2p.server.http.HttpRequestHandler;
import org.webp2p.server.service.ServiceManager;

/**
 * {@code GET /metrics}: the node's {@link NodeCollector} figures and the JVM's, written by the Prometheus
 * client in whichever format the scraper's Accept header asks for (Prometheus text 0.0.4, OpenMetrics,
 * or protobuf), served from the admin service's own Netty pipeline.
 */
public final class PrometheusEndpoint {
    /**
     * The JVM collectors once per process: some of them subscribe to GC notifications when registered,
     * so registering them at every admin start would pile up listeners.
     */
    private static final PrometheusRegistry JVM = jvm();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();

    public PrometheusEndpoint(ServiceManager services) {
        registry.register(new NodeCollector(services));
        registry.register((MultiCollector) JVM::scrape);
    }

    public FullHttpResponse answer(HttpRequestHandler.Request request) throws IOException {
        ExpositionFormatWriter writer = formats.findWriter(request.http().headers().get(HttpHeaderNames.ACCEPT));
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        writer.write(body, registry.scrape());
        byte[] bytes = body.toByteArray();
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, writer.getContentType());
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return r;
    }

    private static PrometheusRegistry jvm() {
        PrometheusRegistry r = new PrometheusRegistry();
        JvmMetrics.builder().register(r);
        return r;
    }
}
