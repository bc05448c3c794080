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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench history sar [OPTIONS] HOST...}: loads the hosts' sysstat archives of the last days into the
 * store (series named as the sampler's, tagged {@code source=sar}), so that an incident has a "before". One
 * line per host on stdout, notes and problems on stderr. Exit 0 when every host gave history, 1 when some
 * gave none (each with the reason and what to do), 2 on usage errors.
 */
@Command(name = "history", synopsisSubcommandLabel = "SOURCE",
        description = "load history from before the incident: sysstat archives over SSH (sar), Prometheus-compatible servers (prom)")
public final class HistoryCommand extends CliCommand {

    static final int MAX_DAYS = 31;

    record SarOptions(int days, Path db, List<String> saDirs, SshArgs ssh, boolean local, List<String> hosts) {
    }

    @Command(name = "sar", sortOptions = false, description = "load the hosts' sysstat archives into the store",
            customSynopsis = {"workbench history sar [OPTIONS] HOST...", "       workbench history sar --local [OPTIONS]"},
            footer = {"", "Reads the hosts' sysstat archives (/var/log/sysstat/saDD or /var/log/sa/saDD, written every 10 minutes",
                    "by sysstat's collector) with 'sadf -j' over SSH and stores them as series with the sampler's names",
                    "(cpu.user, load.1, memory.used, disk.util{device}, net.rx_bytes{iface}, fs.used_pct{mount}, ...)",
                    "tagged source=sar, so that charts show the days before the incident beside live samples.",
                    "Nothing is installed or written on the hosts. Mapping: docs/history.md.", "",
                    "Then: workbench store query 'cpu.user{host=web-1,source=sar}' --from -7d",
                    "Exit status: 0 every host gave history, 1 some gave none (reason and what to do on stderr), 2 usage error."})
    int sar(@Option(names = "--days", paramLabel = "N", defaultValue = "7",
                    description = "days back from the host's clock, 1-31 (default ${DEFAULT-VALUE})") String daysText,
            @Option(names = "--db", paramLabel = "FILE", description = "the store file (default: the standard store)") Path dbFile,
            @Option(names = "--sa-dir", paramLabel = "DIR", description = "read the archives in DIR on the host instead of"
                    + " /var/log/sysstat and /var/log/sa (repeatable; sysstat's SA_DIR setting)") List<String> saDirs,
            @Mixin SshArgs ssh,
            @Option(names = "--local", description = "read this machine's archives without SSH") boolean local,
            @Parameters(paramLabel = "HOST", arity = "0..*", description = "an alias from ssh_config or user@host:port")
            List<String> hosts) throws Exception {
        return sar(checkSar(days(daysText), dbFile == null ? TimeSeriesStore.defaultPath() : dbFile,
                saDirs == null ? List.of() : saDirs, ssh, local, hosts == null ? List.of() : hosts), out, err);
    }

    @Command(name = "prom", sortOptions = false, description = "load a range query of a Prometheus-compatible server into the store",
            customSynopsis = {"workbench history prom URL --query PROMQL [--from T] [--to T] [--step S] [OPTIONS]",
                    "workbench history prom URL --series MATCH [--labels] [--from T] [--to T] [OPTIONS]",
                    "workbench history prom URL --labels [--from T] [--to T] [OPTIONS]"},
            footer = {"", "Reads /api/v1/query_range of Prometheus, VictoriaMetrics, Thanos or Mimir and stores the result, tagged",
                    "source=prom: node_exporter's gauges (node_load1, node_memory_MemAvailable_bytes, ...) under the",
                    "workbench's names per host (the instance label without its port), anything else as prom:NAME.",
                    "Credentials are read from a file or asked on the terminal, never written. Mapping: docs/history.md.",
                    "Browsing stores nothing: --series prints the series a selector matches (/api/v1/series), --labels",
                    "the label names (/api/v1/labels), of the --series selector's series when both are given.",
                    "Exit status: 0 stored, 1 the server could not give it (the reason on stderr), 2 usage error."})
    int prom(@Parameters(paramLabel = "URL", description = "the server, for example http://prometheus:9090") String url,
             @Option(names = "--query", paramLabel = "PROMQL", description = "the PromQL expression to load") String query,
             @Option(names = "--series", paramLabel = "MATCH", description = "browse: print the series this selector matches,"
                     + " for example 'node_load1' or '{job=\"node\"}'") String seriesMatch,
             @Option(names = "--labels", description = "browse: print the label names (of the --series selector's series)") boolean labels,
             @Option(names = "--from", paramLabel = "T", defaultValue = "-1h", description = "start (default ${DEFAULT-VALUE})") String from,
             @Option(names = "--to", paramLabel = "T", defaultValue = "now", description = "end (default ${DEFAULT-VALUE})") String to,
             @Option(names = "--step", paramLabel = "SECONDS", description = "resolution (default: range / 1000, at least 1)") Long step,
             @Option(names = "--user", paramLabel = "NAME", description = "basic auth user; the password from --password-file or asked") String user,
             @Option(names = "--password-file", paramLabel = "FILE", description = "a file holding the basic auth password") Path passwordFile,
             @Option(names = "--token-file", paramLabel = "FILE", description = "a file holding a bearer token") Path tokenFile,
             @Option(names = "--ca-file", paramLabel = "FILE", description = "trust this CA (PEM) besides the system's") Path caFile,
             @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "for the request (default ${DEFAULT-VALUE})") long timeoutSeconds,
             @Option(names = "--max-series", paramLabel = "N", defaultValue = "500", description = "refuse results with more series (default ${DEFAULT-VALUE})") int maxSeries,
             @Option(names = "--db", paramLabel = "FILE", description = "the store file (default: the standard store)") Path dbFile,
             @Option(names = "--via", paramLabel = "HOST", description = "reach the server through this SSH host, as ssh -L does")
             String via,
             @Mixin SshArgs ssh)
            throws Exception {
        java.net.URI server;
        try {
            server = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("'" + url + "' is not a URL; give the server as http://host:9090.");
        }
        if (server.getScheme() == null || !(server.getScheme().equals("http") || server.getScheme().equals("https"))
                || server.getHost() == null) {
            throw new UsageException("'" + url + "' is not an http:// or https:// URL; give the server as http://host:9090.");
        }
        if (query == null && seriesMatch == null && !labels) {
            throw new UsageException("give --query PROMQL to load a range query, or --series MATCH or --labels to browse.");
        }
        if (query != null && (seriesMatch != null || labels)) {
            throw new UsageException("--query loads, --series and --labels browse: give one or the other.");
        }
        long fromMillis = time(from);
        long toMillis = time(to);
        if (toMillis <= fromMillis) {
            throw new UsageException("--from must be before --to.");
        }
        long stepSeconds = step != null ? step : Math.max(1, (toMillis - fromMillis) / 1000 / 1000);
        if (stepSeconds < 1 || maxSeries < 1 || timeoutSeconds < 1) {
            throw new UsageException("--step, --timeout and --max-series take whole numbers of at least 1.");
        }
        org.incidentworkbench.history.PromRangeQuery.Credentials credentials = credentials(user, passwordFile, tokenFile);
        java.net.http.HttpClient.Builder http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(Math.min(10, timeoutSeconds)));
        if (caFile != null) {
            http.sslContext(org.incidentworkbench.history.PromTls.trusting(caFile));
        }
        List<org.incidentworkbench.sample.MetricSample> points;
        org.incidentworkbench.ssh.HostConnection tunnel = null;
        try {
            java.net.URI target = server;
            if (via != null) {
                if (server.getScheme().equals("https")) {
                    throw new UsageException("--via forwards plain http only (TLS would check the forwarded address"
                            + " against the certificate); reach the https server directly, or its http port.");
                }
                HostSpec host;
                try {
                    host = ssh.sshConfig().map(SshConfigResolver::load).orElseGet(SshConfigResolver::standard).resolve(via);
                } catch (SshConfigException e) {
                    throw new UsageException(e.getMessage());
                }
                try {
                    tunnel = new SshTransport(ssh.sshOptions(), ConsolePrompter.system(err)).connect(host);
                    int port = tunnel.forwardLocalPort(server.getHost(), server.getPort() > 0 ? server.getPort() : 80);
                    target = new java.net.URI("http", null, "127.0.0.1", port, server.getPath(), null, null);
                } catch (java.io.IOException e) { // HostConnectException too: the reason is a sentence
                    err.println("workbench history prom: " + e.getMessage());
                    return 1;
                }
            }
            var prom = new org.incidentworkbench.history.PromRangeQuery(http.build(), java.time.Duration.ofSeconds(timeoutSeconds),
                    maxSeries);
            if (query == null) {
                return browse(prom, target, seriesMatch, labels, fromMillis, toMillis, credentials);
            }
            points = prom.run(target, query, fromMillis, toMillis, stepSeconds, credentials);
        } catch (org.incidentworkbench.history.PromException e) {
            err.println("workbench history prom: " + e.getMessage() + (via == null ? "" : " (through " + via + ")"));
            return 1;
        } finally {
            if (tunnel != null) {
                tunnel.close();
            }
        }
        Path db = dbFile == null ? TimeSeriesStore.defaultPath() : dbFile;
        java.util.Set<String> series = new java.util.TreeSet<>();
        try (TimeSeriesStore store = MetricStores.open(db)) {
            List<org.incidentworkbench.timeseries.Sample> samples = new ArrayList<>(points.size());
            for (org.incidentworkbench.sample.MetricSample m : points) {
                samples.add(new org.incidentworkbench.timeseries.Sample(org.incidentworkbench.app.services.SamplingService.key(m),
                        m.timestampMillis(), m.value()));
                series.add(m.host() + " " + m.seriesName());
            }
            store.appendAll(samples);
        }
        out.printf(Locale.ROOT, "%,d points of %d series from %s stored in %s%n", points.size(), series.size(), server, db);
        series.forEach(s -> out.println("  " + s));
        return 0;
    }

    /** --series and --labels: what the server has, one per line, nothing stored. */
    private int browse(org.incidentworkbench.history.PromRangeQuery prom, java.net.URI server, String match, boolean labels,
                       long fromMillis, long toMillis, org.incidentworkbench.history.PromRangeQuery.Credentials credentials)
            throws org.incidentworkbench.history.PromException {
        if (labels) {
            List<String> names = prom.labels(server, java.util.Optional.ofNullable(match), fromMillis, toMillis, credentials);
            names.forEach(out::println);
            err.println(names.size() + " label names" + (match == null ? "" : " of the series " + match + " matches"));
            return names.isEmpty() ? 1 : 0;
        }
        List<java.util.SortedMap<String, String>> found = prom.series(server, match, fromMillis, toMillis, credentials);
        for (java.util.SortedMap<String, String> labelSet : found) {
            java.util.SortedMap<String, String> rest = new java.util.TreeMap<>(labelSet);
            String name = rest.remove("__name__");
            StringBuilder sb = new StringBuilder(name == null ? "" : name).append('{');
            rest.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ",").append(k).append("=\"")
                    .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
            out.println(sb.append('}'));
        }
        err.println(found.size() + " series match " + match + (found.isEmpty() ? " in this range: check the name, or widen --from" : "")
                + (found.isEmpty() ? "" : "; load them with --query"));
        return found.isEmpty() ? 1 : 0;
    }

    private long time(String text) throws UsageException {
        try {
            return org.incidentworkbench.timeseries.TimeSpec.parse(text, java.time.Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private org.incidentworkbench.history.PromRangeQuery.Credentials credentials(String user, Path passwordFile, Path tokenFile)
            throws Exception {
        if (tokenFile != null && user != null) {
            throw new UsageException("give either --user (basic auth) or --token-file (bearer token), not both.");
        }
        if (tokenFile != null) {
            return org.incidentworkbench.history.PromRangeQuery.Credentials.bearer(readSecret(tokenFile, "--token-file"));
        }
        if (user == null) {
            if (passwordFile != null) {
                throw new UsageException("--password-file needs --user.");
            }
            return org.incidentworkbench.history.PromRangeQuery.Credentials.NONE;
        }
        if (passwordFile != null) {
            return org.incidentworkbench.history.PromRangeQuery.Credentials.basic(user, readSecret(passwordFile, "--password-file").toCharArray());
        }
        java.util.Optional<char[]> asked = ConsolePrompter.system(err).password(user + " at the Prometheus server");
        return org.incidentworkbench.history.PromRangeQuery.Credentials.basic(user, asked.orElseThrow(() ->
                new UsageException("no terminal to ask the password of " + user + " on; give --password-file.")));
    }

    private static String readSecret(Path file, String option) throws UsageException {
        try {
            return java.nio.file.Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new UsageException("the file given with " + option + " cannot be read: " + file + ".");
        }
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

    static SarOptions checkSar(int days, Path db, List<String> dirs, SshArgs ssh, boolean local, List<String> hosts)
            throws UsageException {
        for (String dir : dirs) {
            if (!dir.startsWith("/")) {
                throw new UsageException("--sa-dir takes an absolute directory on the host, such as /var/log/sa; not '" + dir + "'.");
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
        return new SarOptions(days, db, dirs, ssh, local, hosts);
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
}
