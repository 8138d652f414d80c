package org.webp2p.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stranger posing as another node: on loopback, it answers every request with 200 and the same
 * body, with its length declared or not (then the body ends when the connection does), whatever
 * the body holds. For tests of what our clients take from other nodes.
 */
public final class HostileHttpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final byte[] body;
    private final boolean declareLength;
    private final AtomicInteger answered = new AtomicInteger();
    private final Thread acceptor;

    public HostileHttpServer(byte[] body, boolean declareLength) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.body = body.clone();
        this.declareLength = declareLength;
        this.acceptor = new Thread(this::serve, "hostile-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** Answers sent in full, or cut off by a client that stopped reading. */
    public int answered() {
        return answered.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                readHead(s.getInputStream());
                OutputStream out = s.getOutputStream();
                String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                        + (declareLength ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n";
                try {
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (IOException refused) {
                    // The client hung up partway, as it should with an answer this size.
                }
                answered.incrementAndGet();
            } catch (IOException e) {
                // Closed, or a client that went away before asking.
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
