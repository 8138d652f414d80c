package org.webp2p.server.origin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/** Collects a request body up to {@code origin.max-upload}, answering 413 (and counting it) beyond. */
final class UploadAggregator extends HttpObjectAggregator {
    private final Rejections rejections;

    UploadAggregator(long maxUpload, Rejections rejections) {
        super((int) Math.min(Integer.MAX_VALUE, maxUpload));
        this.rejections = rejections;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        rejections.count(Rejection.TOO_LARGE);
        super.handleOversizedMessage(ctx, oversized);
    }

    /** A client waiting for 100-continue is refused here instead, without reaching the method above. */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (answer instanceof HttpResponse r && r.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
            rejections.count(Rejection.TOO_LARGE);
        }
        return answer;
    }
}
