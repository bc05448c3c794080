package org.incidentworkbench.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.incidentworkbench.app.services.MetricStores;
import org.incidentworkbench.app.services.SarHistoryService;
import org.incidentworkbench.history.SarArchives;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.LocalTransport;
import org.incidentworkbench.ssh.SshConfigException;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.Transport;
import org.incidentworkbench.timeseries.TimeSeriesStore;

/**
 * {@code workbench history sar [OPTIONS] HOST...}: loads the hosts' sysstat archives of the last days into the
 * store (series named as the sampler's, tagged {@code source=sar}), so that an incident has a "before". One
 * line per host on stdout, notes and problems on stderr. Exit 0 when every host gave history, 1 when some
 * gave none (each with the reason and what to do), 2 on usage errors.
 */
public final class HistoryCommand implements Command {

    static final int MAX_DAYS = 31;

    record SarOptions(int days, Path db, List<String> saDirs, SshArgs ssh, boolean local, List<String> hosts) {
    }

    @Override
    public String name() {
        return "history";
    }

    @Override
    public String summary() {
        return "load history from before the incident: sysstat archives over SSH (sar)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            help(out);
            return args.isEmpty() ? Cli.USAGE : Cli.OK;
        }
        String sub = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (!sub.equals("sar")) {
            throw new UsageException("'" + sub + "' is not a history source; use 'sar'.");
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            help(out);
            return Cli.OK;
        }
        return sar(parseSar(rest), out, err);
    }

    private static int sar(SarOptions o, PrintStream out, PrintStream err) throws Exception {
        Transport transport;
        List<HostSpec> hosts = new ArrayList<>();
        if (o.local()) {
            transport = new LocalTransport();
            hosts.add(LocalTransport.HOST);
        } else {
            try {
                SshConfigResolver resolver = o.ssh().sshConfig().map(SshConfigResolver::load).orElseGet(SshConfigResolver::standard);
                for (String h : new LinkedHashSet<>(o.hosts())) {
                    hosts.add(resolver.resolve(h));
                }
            } catch (SshConfigException e) {
                throw new UsageException(e.getMessage());
            }
            transport = new SshTransport(o.ssh().sshOptions(), ConsolePrompter.system(err));
        }
        SarArchives.Request request = new SarArchives.Request(o.days(),
                o.saDirs().isEmpty() ? SarArchives.DEFAULT_DIRS : o.saDirs());
        List<SarHistoryService.HostHistory> results = new ArrayList<>();
        try (TimeSeriesStore store = MetricStores.open(o.db())) {
            SarHistoryService service = new SarHistoryService(transport, store);
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, hosts.size()), r -> {
                Thread t = new Thread(r, "workbench-history-sar");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<SarHistoryService.HostHistory>> futures = new ArrayList<>();
                hosts.forEach(h -> futures.add(pool.submit(() -> service.load(h, request))));
                for (Future<SarHistoryService.HostHistory> f : futures) {
                    SarHistoryService.HostHistory r = f.get();
                    results.add(r);
                    report(r, out, err);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        long failed = results.stream().filter(r -> r.problem().isPresent()).count();
        if (failed < results.size()) {
            err.println("See it with: workbench store query --db " + o.db() + " 'cpu.user{source=sar}' --from -" + o.days() + "d");
        }
        return failed == 0 ? Cli.OK : Cli.FAILED;
    }

    private static void report(SarHistoryService.HostHistory r, PrintStream out, PrintStream err) {
        if (r.problem().isPresent()) {
            err.println("workbench history sar: " + r.problem().get());
            r.notes().forEach(n -> err.println("  " + n));
            return;
        }
        out.printf(Locale.ROOT, "%s: %,d points from %d records in %d archive%s (%s), %s to %s%n", r.host(), r.points(),
                r.records(), r.archives().size(), r.archives().size() == 1 ? "" : "s", r.sadfVersion(),
                r.first().stream().mapToObj(t -> Instant.ofEpochMilli(t).toString()).findFirst().orElse("-"),
                r.last().stream().mapToObj(t -> Instant.ofEpochMilli(t).toString()).findFirst().orElse("-"));
        r.notes().forEach(n -> err.println("  " + r.host() + ": " + n));
    }

    static SarOptions parseSar(List<String> args) throws UsageException {
        int days = 7;
        Path db = TimeSeriesStore.defaultPath();
        List<String> dirs = new ArrayList<>();
        SshArgs.Parser ssh = new SshArgs.Parser();
        boolean local = false;
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--days" -> days = days(SshArgs.value(args, ++i, a));
                case "--db" -> db = Path.of(SshArgs.value(args, ++i, a));
                case "--sa-dir" -> {
                    String dir = SshArgs.value(args, ++i, a);
                    if (!dir.startsWith("/")) {
                        throw new UsageException("--sa-dir takes an absolute directory on the host, such as /var/log/sa; not '" + dir + "'.");
                    }
                    dirs.add(dir);
                }
                case "--local" -> local = true;
                default -> {
                    int taken = ssh.take(args, i);
                    if (taken >= 0) {
                        i = taken;
                    } else if (a.startsWith("-")) {
                        throw new UsageException("there is no option '" + a + "'.");
                    } else {
                        hosts.add(a);
                    }
                }
            }
        }
        if (!db.getFileName().toString().endsWith(".mv.db")) {
            throw new UsageException("the store file given with --db must end in .mv.db (for example metrics.mv.db), not " + db + ".");
        }
        if (local && !hosts.isEmpty()) {
            throw new UsageException("--local reads this machine's archives without SSH; leave out the host names ("
                    + String.join(" ", hosts) + "), or drop --local.");
        }
        if (!local && hosts.isEmpty()) {
            throw new UsageException("name at least one host (an alias from ~/.ssh/config or user@host:port), or use --local"
                    + " for this machine.");
        }
        return new SarOptions(days, db, dirs, ssh.build(), local, hosts);
    }

    private static int days(String text) throws UsageException {
        try {
            int d = Integer.parseInt(text.trim());
            if (d >= 1 && d <= MAX_DAYS) {
                return d;
            }
        } catch (NumberFormatException e) {
            // the sentence below
        }
        throw new UsageException("--days takes a whole number of days from 1 to " + MAX_DAYS
                + " (sysstat keeps a month of daily archives at most), not '" + text + "'.");
    }

    private static void help(PrintStream out) {
        out.println("Usage: workbench history sar [OPTIONS] HOST...");
        out.println("       workbench history sar --local [OPTIONS]");
        out.println();
        out.println("Reads the hosts' sysstat archives (/var/log/sysstat/saDD or /var/log/sa/saDD, written every 10 minutes");
        out.println("by sysstat's collector) with 'sadf -j' over SSH and stores them as series with the sampler's names");
        out.println("(cpu.user, load.1, memory.used, disk.util{device}, net.rx_bytes{iface}, fs.used_pct{mount}, ...)");
        out.println("tagged source=sar, so that charts show the days before the incident beside live samples.");
        out.println("Nothing is installed or written on the hosts. Mapping: docs/history.md.");
        out.println();
        out.println("Options:");
        out.println("  --days N            days back from the host's clock, 1-" + MAX_DAYS + " (default 7)");
        out.println("  --db FILE           the store file (default " + TimeSeriesStore.defaultPath() + ")");
        out.println("  --sa-dir DIR        read the archives in DIR on the host instead of /var/log/sysstat and /var/log/sa");
        out.println("                      (repeatable; sysstat's SA_DIR setting)");
        SshArgs.helpLines("its passphrase is asked on the terminal").forEach(out::println);
        out.println("  --local             read this machine's archives without SSH");
        out.println();
        out.println("Then: workbench store query 'cpu.user{host=web-1,source=sar}' --from -7d");
        out.println("Exit status: 0 every host gave history, 1 some gave none (reason and what to do on stderr), 2 usage error.");
    }
}
