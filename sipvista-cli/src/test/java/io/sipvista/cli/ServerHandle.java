package io.sipvista.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A real {@link CaptureServer} on 127.0.0.1 and a free port, for tests outside this package (the browser tests). */
public final class ServerHandle implements AutoCloseable {
    private final CaptureServer server;

    private ServerHandle(CaptureServer server) {
        this.server = server;
    }

    /** Serves {@code captures} (and uploads up to 50 MiB). */
    public static ServerHandle start(List<Path> captures) throws IOException {
        return new ServerHandle(new CaptureServer("127.0.0.1", 0, captures, 50L * 1024 * 1024));
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public String url() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
