package org.incidentworkbench.app.ui.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.incidentworkbench.app.services.SamplingService;
import org.incidentworkbench.app.services.StoreService;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.hosts.HostEntry;
import org.incidentworkbench.sample.HostStatus;
import org.incidentworkbench.sample.SamplerConfig;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.LocalTransport;
import org.incidentworkbench.ssh.SshConfigException;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.Transport;

/**
 * Start and stop sampling per host (the Sample button): the app's {@link SamplingService}, the same
 * as {@code workbench sample}, writing every second into the store; "local" samples this machine
 * through the local transport. The sampler's status per host is polled every second and shown on
 * the host (sampling; or unreachable with the reason while it reconnects). Service calls run on
 * {@code io}; row updates on {@code fx}.
 */
public final class SamplingViewModel implements AutoCloseable {

    private final Supplier<StoreService> store;
    private final Transport ssh;
    private final Supplier<SshConfigResolver> resolver;
    private final Executor io;
    private final Executor fx;
    private final Function<String, java.util.Optional<HostRow>> rows;
    private final Map<Boolean, SamplingService> services = new HashMap<>();
    private final Duration interval;

    public SamplingViewModel(Supplier<StoreService> store, Transport ssh, Supplier<SshConfigResolver> resolver, Executor io,
                             Executor fx, ScheduledExecutorService poller, Function<String, java.util.Optional<HostRow>> rows,
                             Duration interval) {
        this.store = store;
        this.ssh = ssh;
        this.resolver = resolver;
        this.io = io;
        this.fx = fx;
        this.rows = rows;
        this.interval = interval;
        poller.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
    }

    /** Starts sampling the hosts not sampled yet, stops those that are (FX thread). */
    public void toggle(List<HostRow> hosts) {
        boolean anyIdle = hosts.stream().anyMatch(h -> !h.samplingProperty().get());
        for (HostRow h : hosts) {
            if (anyIdle && !h.samplingProperty().get()) {
                start(h);
            } else if (!anyIdle) {
                stop(h);
            }
        }
    }

    public void start(HostRow row) {
        HostEntry e = row.entry();
        row.samplingProperty().set(true);
        io.execute(() -> {
            try {
                HostSpec spec;
                if (e.isLocal()) {
                    spec = LocalTransport.HOST;
                } else {
                    // withAlias keeps the rest, including the host's UserKnownHostsFile from ssh_config
                    spec = resolver.get().resolve(e.connectTarget()).withAlias(e.name());
                }
                service(e.isLocal()).start(spec);
            } catch (SshConfigException | IllegalStateException ex) {
                fx.execute(() -> {
                    row.samplingProperty().set(false);
                    row.failureProperty().set(ex.getMessage());
                });
            }
        });
    }

    public void stop(HostRow row) {
        row.samplingProperty().set(false);
        boolean local = row.entry().isLocal();
        String alias = row.name();
        io.execute(() -> {
            synchronized (services) {
                SamplingService s = services.get(local);
                if (s != null) {
                    s.stop(alias);
                }
            }
        });
    }

    private SamplingService service(boolean local) {
        synchronized (services) {
            return services.computeIfAbsent(local, l -> SamplingService.start(store.get().store(), l ? new LocalTransport() : ssh,
                    SamplerConfig.of(interval)));
        }
    }

    private void poll() {
        List<HostStatus> all;
        synchronized (services) {
            all = services.values().stream().flatMap(s -> s.status().stream()).toList();
        }
        if (all.isEmpty()) {
            return;
        }
        fx.execute(() -> {
            for (HostStatus st : all) {
                rows.apply(st.host()).ifPresent(row -> apply(row, st));
            }
        });
    }

    private static void apply(HostRow row, HostStatus st) {
        switch (st.state()) {
            case SAMPLING, CONNECTING -> {
                if (row.samplingProperty().get() && row.failureProperty().get() != null && row.failureProperty().get().startsWith("sampling")) {
                    row.failureProperty().set(null);
                }
            }
            case RECONNECTING -> {
                if (row.samplingProperty().get()) {
                    row.failureProperty().set("sampling reconnects: " + st.reason().orElse("connection lost"));
                }
            }
            case STOPPED -> {
                if (row.samplingProperty().get() && st.lastError().isPresent()) {
                    row.samplingProperty().set(false);
                    row.failureProperty().set("sampling stopped: " + st.lastError().get());
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (services) {
            services.values().forEach(SamplingService::close);
            services.clear();
        }
    }
}
