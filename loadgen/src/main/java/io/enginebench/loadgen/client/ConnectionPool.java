package io.enginebench.loadgen.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The client's keep-alive connections, at most {@code max}: an idle one if there is one, a new one while under the
 * limit, else the request waits and the next connection handed back goes straight to it on that connection's event
 * loop. No step hops to another thread, so a closed loop's next request, sent while the previous response still
 * holds its connection, goes out as soon as that response's last bytes are read (Netty's {@code FixedChannelPool}
 * serialises every acquire and release on one event loop of its own: two thread hops per hand-off).
 */
final class ConnectionPool implements AutoCloseable {
    /** Told once, on the connection's event loop when it succeeds. */
    interface Acquired {
        void done(Channel channel, Throwable failure);
    }

    private final Bootstrap bootstrap;
    private final int max;
    /** guarded by {@code this}; short sections, never I/O or a callback inside */
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Acquired> waiting = new ArrayDeque<>();
    /** connections whose response has been delivered but whose last bytes are still to come: idle in a moment */
    private final Set<Channel> finishing = new HashSet<>();
    private int open;
    private boolean closed;

    /** @param bootstrap connects to the one address, its handler sets up each new connection's pipeline */
    ConnectionPool(Bootstrap bootstrap, int max) {
        this.bootstrap = bootstrap;
        this.max = max;
    }

    void acquire(Acquired acquired) {
        Channel ch;
        boolean refused;
        synchronized (this) {
            refused = closed;
            if (closed) {
                ch = null;
            } else {
                // most recently used first: its buffers and the server's side of it are warm
                while ((ch = idle.pollLast()) != null && !ch.isActive()) open--;
                // a connection about to come back serves sooner than a new one would open (and keeps the count down)
                if (ch == null && (open >= max || finishing.size() > waiting.size())) {
                    waiting.add(acquired);
                    return;
                }
                if (ch == null) open++;
            }
        }
        if (ch != null) {
            handTo(ch, acquired);
        } else if (refused) {
            acquired.done(null, new IllegalStateException("connection pool closed"));
        } else {
            connect(acquired);
        }
    }

    /** The response on {@code ch} is complete; the connection follows as soon as the body's end is read. */
    synchronized void finishing(Channel ch) {
        finishing.add(ch);
    }

    /** Hands a connection back; one that is not {@code reusable} (already closed by its user) makes room for another. */
    void release(Channel ch, boolean reusable) {
        Acquired next;
        boolean connect = false;
        synchronized (this) {
            finishing.remove(ch);
            next = closed ? null : waiting.poll();
            if (!reusable || !ch.isActive() || closed) {
                if (next != null) {
                    connect = true; // the closed connection's place goes to the request that waited longest
                } else {
                    open--;
                }
            } else if (next == null) {
                idle.addLast(ch);
            }
        }
        if (!reusable || closed) ch.close();
        if (connect) {
            connect(next);
        } else if (next != null) {
            handTo(ch, next);
        }
    }

    private void connect(Acquired acquired) {
        ChannelFuture f;
        try {
            f = bootstrap.connect();
        } catch (RuntimeException e) { // event loops shut down under us
            lost();
            acquired.done(null, e);
            return;
        }
        f.addListener(done -> {
            if (done.isSuccess()) {
                acquired.done(f.channel(), null);
            } else {
                lost();
                acquired.done(null, done.cause());
            }
        });
    }

    /** A connection that never opened: its place goes to a waiting request, if any. */
    private void lost() {
        Acquired next;
        synchronized (this) {
            next = closed ? null : waiting.poll();
            if (next == null) open--;
        }
        if (next != null) connect(next);
    }

    private static void handTo(Channel ch, Acquired acquired) {
        if (ch.eventLoop().inEventLoop()) {
            acquired.done(ch, null);
        } else {
            ch.eventLoop().execute(() -> acquired.done(ch, null));
        }
    }

    @Override
    public void close() {
        List<Channel> channels;
        List<Acquired> waiters;
        synchronized (this) {
            closed = true;
            channels = new ArrayList<>(idle);
            waiters = new ArrayList<>(waiting);
            idle.clear();
            waiting.clear();
        }
        channels.forEach(Channel::close);
        IllegalStateException e = new IllegalStateException("connection pool closed");
        waiters.forEach(w -> w.done(null, e));
    }
}
