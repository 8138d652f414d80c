package org.webp2p.server.origin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

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
}
