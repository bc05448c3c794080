package org.incidentworkbench.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on a free loopback port that a test can break the way networks break: {@link
 * #blackhole()} keeps every connection open but passes nothing (a host that froze, a dropped VPN),
 * {@link #cut()} closes them all (a reboot). Put it in front of any test server to exercise
 * keepalives and "host died mid-run" handling.
 *
 * <pre>{@code
 * try (TcpRelay relay = TcpRelay.to("127.0.0.1", mina.port())) { ... relay.blackhole(); ... }
 * }</pre>
 *
 * <p>Thread-safe; two daemon threads per connection.
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean blackholed;

    private TcpRelay(ServerSocket server, String targetHost, int targetPort) {
        this.server = server;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Starts relaying from a free port on 127.0.0.1 to {@code host:port}. */
    public static TcpRelay to(String host, int port) {
        try {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            TcpRelay relay = new TcpRelay(s, host, port);
            Thread acceptor = new Thread(relay::acceptLoop, "tcp-relay-" + s.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open a relay port: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public String address() {
        return "127.0.0.1";
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (!blackholed) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException ended) {
                // one side closed
            } finally {
                closeQuietly(to);
            }
        }, "tcp-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    /** From now on every byte in either direction is dropped; connections stay open. */
    public void blackhole() {
        blackholed = true;
    }

    /** Closes every relayed connection (new ones are still accepted). */
    public void cut() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    @Override
    public void close() {
        closeQuietly(server);
        cut();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing test plumbing
        }
    }
}
