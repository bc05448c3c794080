package org.incidentworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workbench history prom} against a real node_exporter scraped every second by a real Prometheus and a real
 * VictoriaMetrics (Debian's packages), each on a loopback port it picked and with its own data directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryPromTest {

    @TempDir
    static Path dir;

    private final List<Process> servers = new ArrayList<>();
    private String prometheus;
    private String victoria;
    private String guarded;
    /** bcrypt (cost 4) of {@link #PASSWORD}, made with Python's crypt module (libxcrypt), as web.config.file wants it. */
    static final String BCRYPT = "$2b$04$KK3SbUaie0HQ0uQb/JZY3utiuIQb5BQzVmgrEReInTKh6Hfu7dIvu";
    static final String PASSWORD = "incident-workbench-test";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    void startServers() throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/prometheus"))
                && Files.isExecutable(Path.of("/usr/bin/prometheus-node-exporter"))
                && Files.isExecutable(Path.of("/usr/bin/victoria-metrics"));
        if (!present && Boolean.getBoolean("workbench.requireSshd")) {
            throw new AssertionError("apt-get install prometheus prometheus-node-exporter victoria-metrics");
        }
        Assumptions.assumeTrue(present, "prometheus, prometheus-node-exporter or victoria-metrics is not installed");
        int nodePort = freePort();
        start("node_exporter", List.of("/usr/bin/prometheus-node-exporter", "--web.listen-address=127.0.0.1:" + nodePort,
                "--collector.disable-defaults", "--collector.loadavg", "--collector.meminfo", "--collector.cpu"));
        Path scrape = dir.resolve("scrape.yml");
        Files.writeString(scrape, "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: node\n    static_configs:\n"
                + "      - targets: ['127.0.0.1:" + nodePort + "']\n");
        int promPort = freePort();
        start("prometheus", List.of("/usr/bin/prometheus", "--config.file=" + scrape,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("prom-data")),
                "--web.listen-address=127.0.0.1:" + promPort));
        int vmPort = freePort();
        start("victoria-metrics", List.of("/usr/bin/victoria-metrics", "-httpListenAddr=127.0.0.1:" + vmPort,
                "-storageDataPath=" + Files.createDirectories(dir.resolve("vm-data")), "-promscrape.config=" + scrape,
                "-search.latencyOffset=0s"));
        Path web = dir.resolve("web.yml");
        Files.writeString(web, "basic_auth_users:\n  ops: " + BCRYPT + "\n");
        int guardedPort = freePort();
        start("prometheus-auth", List.of("/usr/bin/prometheus", "--config.file=" + scrape,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("prom-auth-data")),
                "--web.listen-address=127.0.0.1:" + guardedPort, "--web.config.file=" + web));
        guarded = "http://127.0.0.1:" + guardedPort;
        prometheus = "http://127.0.0.1:" + promPort;
        victoria = "http://127.0.0.1:" + vmPort;
        awaitData(prometheus);
        awaitData(victoria);
    }

    @AfterAll
    void stopServers() throws Exception {
        for (Process p : servers) {
            p.destroy();
        }
        for (Process p : servers) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void bothServersGiveNodeExportersGaugesUnderTheWorkbenchsNames() throws Exception {
        for (String server : List.of(prometheus, victoria)) {
            Path db = dir.resolve(URI.create(server).getPort() + ".mv.db");
            assertEquals(0, run("history", "prom", server, "--query", "node_load1", "--from", "-2m", "--step", "1",
                    "--db", db.toString()), err());
            assertEquals(0, run("history", "prom", server, "--query", "node_memory_MemAvailable_bytes", "--from", "-2m",
                    "--step", "1", "--db", db.toString()), err());
            assertTrue(out().contains("127.0.0.1 memory.available{source=prom}"), out());
            try (TimeSeriesStore store = TimeSeriesStore.open(db)) {
                List<SeriesPoints> load = store.points(Selector.parse("load.1{host=127.0.0.1,source=prom}"), 0, Long.MAX_VALUE);
                assertEquals(1, load.size(), server);
                assertTrue(load.get(0).size() >= 2, server + ": " + load.get(0).size() + " points");
                double available = store.points(Selector.parse("memory.available{source=prom}"), 0, Long.MAX_VALUE)
                        .get(0).values()[0];
                assertTrue(available > 1e6 && available <= memTotal(), server + " memory.available " + available);
            }
        }
    }

    @Test
    void nodeCpuSecondsBecomeTheSamplersCpuSharesRawOrSummedInPromql() throws Exception {
        for (String server : List.of(prometheus, victoria)) {
            for (String query : List.of("node_cpu_seconds_total", "sum by (instance, mode) (node_cpu_seconds_total)")) {
                Path db = dir.resolve("cpu-" + URI.create(server).getPort() + "-" + query.length() + ".mv.db");
                assertEquals(0, run("history", "prom", server, "--query", query, "--from", "-1m", "--step", "1",
                        "--db", db.toString()), err());
                try (TimeSeriesStore store = TimeSeriesStore.open(db)) {
                    List<SeriesPoints> idle = store.points(Selector.parse("cpu.idle{host=127.0.0.1,source=prom}"), 0, Long.MAX_VALUE);
                    assertEquals(1, idle.size(), server + " " + query + ": " + store.allSeries());
                    long t = idle.get(0).timestamps()[idle.get(0).size() - 1];
                    double sum = 0;
                    for (String mode : List.of("user", "nice", "system", "iowait", "irq", "softirq", "steal", "idle")) {
                        SeriesPoints p = store.points(Selector.parse("cpu." + mode + "{source=prom}"), t, t + 1).get(0);
                        assertTrue(p.values()[0] >= 0 && p.values()[0] <= 100, mode + " " + p.values()[0]);
                        sum += p.values()[0];
                    }
                    assertEquals(100, sum, 0.1, server + " " + query + ": the modes share all CPU time");
                }
            }
        }
    }

    @Test
    void basicAuthThroughWebConfigFileWithThePasswordFromAFile() throws Exception {
        Path db = dir.resolve("auth.mv.db");
        Path right = Files.writeString(dir.resolve("right"), PASSWORD + "\n");
        Path wrong = Files.writeString(dir.resolve("wrong"), "guess\n");
        awaitUp(guarded);
        assertEquals(1, run("history", "prom", guarded, "--query", "up", "--db", db.toString()));
        assertTrue(err().contains("refused the request (HTTP 401): it needs credentials"), err());
        assertEquals(1, run("history", "prom", guarded, "--query", "up", "--user", "ops", "--password-file", wrong.toString(),
                "--db", db.toString()));
        assertTrue(err().contains("the credentials given were not accepted"), err());
        assertEquals(0, run("history", "prom", guarded, "--query", "up", "--from", "-1m", "--user", "ops",
                "--password-file", right.toString(), "--db", db.toString()), err());
        assertTrue(out().contains("127.0.0.1 prom:up{source=prom}"), out());
        assertTrue(!new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1).contains(PASSWORD),
                "the password is not in the store file");
    }

    @Test
    void seriesAndLabelsAreBrowsedOnBothServersAndNothingIsStored() throws Exception {
        Path db = dir.resolve("browse.mv.db");
        for (String server : List.of(prometheus, victoria)) {
            assertEquals(0, run("history", "prom", server, "--series", "node_load1", "--from", "-5m", "--db", db.toString()), err());
            assertTrue(out().startsWith("node_load1{instance=\"127.0.0.1:"), server + ": " + out());
            assertTrue(out().contains("job=\"node\"}"), server + ": " + out());
            assertTrue(err().contains("1 series match node_load1; load them with --query"), err());
            assertEquals(0, run("history", "prom", server, "--labels", "--from", "-5m"), err());
            List<String> names = out().lines().toList();
            assertTrue(names.containsAll(List.of("__name__", "cpu", "instance", "job", "mode")), server + ": " + names);
            assertEquals(0, run("history", "prom", server, "--labels", "--series", "node_load1", "--from", "-5m"), err());
            assertEquals(List.of("__name__", "instance", "job"), out().lines().toList(), server);
            assertEquals(1, run("history", "prom", server, "--series", "no_such_metric", "--from", "-5m"));
            assertTrue(err().contains("0 series match no_such_metric in this range"), err());
        }
        assertEquals(1, run("history", "prom", prometheus, "--series", "node_cpu_seconds_total", "--max-series", "1", "--from", "-5m"));
        assertTrue(err().contains("selects ") && err().contains("more than --max-series 1"), err());
        assertTrue(!Files.exists(db), "browsing stores nothing");
        assertEquals(2, run("history", "prom", prometheus));
        assertTrue(err().contains("give --query PROMQL to load a range query, or --series MATCH or --labels to browse"), err());
        assertEquals(2, run("history", "prom", prometheus, "--query", "up", "--labels"));
    }

    @Test
    void httpsWithTheCaFileTheTestGeneratesAndRefusedWithoutIt() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Path tls = Files.createDirectories(dir.resolve("tls"));
        // a CA of the test's own, and a certificate it signs for 127.0.0.1
        openssl(tls, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=workbench test CA");
        openssl(tls, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
        Files.writeString(tls.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl(tls, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out",
                "server.pem", "-days", "2", "-extfile", "san.ext");
        Path web = tls.resolve("web-tls.yml");
        Files.writeString(web, "tls_server_config:\n  cert_file: " + tls.resolve("server.pem") + "\n  key_file: "
                + tls.resolve("server.key") + "\n");
        int port = freePort();
        start("prometheus-tls", List.of("/usr/bin/prometheus", "--config.file=" + dir.resolve("scrape.yml"),
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("prom-tls-data")),
                "--web.listen-address=127.0.0.1:" + port, "--web.config.file=" + web));
        String https = "https://127.0.0.1:" + port;
        Path db = dir.resolve("tls.mv.db");
        long deadline = System.nanoTime() + 30_000_000_000L;
        int code;
        boolean scraped;
        do { // until it listens and has scraped node_exporter once
            code = run("history", "prom", https, "--query", "node_load1", "--from", "-1m", "--ca-file",
                    tls.resolve("ca.pem").toString(), "--db", db.toString());
            scraped = code == 0 && out().contains("load.1");
            if (!scraped) {
                Thread.sleep(250);
            }
        } while (!scraped && System.nanoTime() < deadline);
        assertEquals(0, code, err());
        assertTrue(out().contains("127.0.0.1 load.1{source=prom}"), out());
        assertEquals(1, run("history", "prom", https, "--query", "node_load1", "--from", "-1m", "--db", db.toString()));
        assertTrue(err().contains("the TLS certificate of " + https + " is not trusted") && err().contains("give --ca-file"),
                err());
    }

    @Test
    void aBearerTokenFromAFileIsSentAndARefusalSaysSo() throws Exception {
        // Prometheus' web.config.file knows basic auth only, so the guarded server refuses any bearer token: the
        // token (read from its file, stripped of its newline) reaches it and the refusal is about the credentials
        Path token = Files.writeString(dir.resolve("token"), "not-a-token-this-server-accepts\n");
        awaitUp(guarded);
        assertEquals(1, run("history", "prom", guarded, "--query", "up", "--token-file", token.toString(), "--db",
                dir.resolve("bearer.mv.db").toString()));
        assertTrue(err().contains("refused the request (HTTP 401): the credentials given were not accepted"), err());
        assertEquals(2, run("history", "prom", guarded, "--query", "up", "--token-file", token.toString(), "--user", "ops"));
        assertTrue(err().contains("give either --user (basic auth) or --token-file (bearer token), not both"), err());
    }

    private static void openssl(Path cwd, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "openssl " + String.join(" ", args) + ": " + output);
    }

    @Test
    void throughAnSshHostsTunnel() throws Exception {
        org.incidentworkbench.testing.OpenSshTestServer.assumeAvailable();
        try (org.incidentworkbench.testing.OpenSshTestServer sshd = org.incidentworkbench.testing.OpenSshTestServer.builder()
                .config("LogLevel DEBUG1").start()) {
            Path config = dir.resolve("ssh_config");
            Files.writeString(config, "Host bastion\n  HostName " + sshd.address() + "\n  Port " + sshd.port()
                    + "\n  User " + sshd.user() + "\n  IdentityFile " + sshd.userKeyFile() + "\n");
            Path db = dir.resolve("via.mv.db");
            assertEquals(0, run("history", "prom", prometheus, "--via", "bastion", "-F", config.toString(), "--known-hosts",
                    sshd.knownHostsFile().toString(), "--query", "node_load1", "--from", "-1m", "--db", db.toString()), err());
            assertTrue(out().contains("127.0.0.1 load.1{source=prom}"), out());
            int port = URI.create(prometheus).getPort();
            assertTrue(sshd.log().contains("direct-tcpip") && sshd.log().contains(String.valueOf(port)),
                    "sshd forwarded the request: " + sshd.log());
        }
    }

    @Test
    void aServerErrorTooManySeriesNothingListeningAndASilentServerEachSaySo() throws Exception {
        Path db = dir.resolve("errors.mv.db");
        assertEquals(1, run("history", "prom", prometheus, "--query", "rate(", "--db", db.toString()));
        assertTrue(err().contains("could not run the query: bad_data:"), err());
        assertEquals(1, run("history", "prom", prometheus, "--query", "node_cpu_seconds_total", "--from", "-1m",
                "--max-series", "1", "--db", db.toString()));
        assertTrue(err().contains("series, more than --max-series 1: narrow it"), err());
        assertEquals(1, run("history", "prom", "http://127.0.0.1:" + freePort(), "--query", "up", "--db", db.toString()));
        assertTrue(err().contains("nothing answers at http://127.0.0.1:"), err());
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(5000); // accepts, reads nothing, answers nothing
                } catch (IOException | InterruptedException ignored) {
                    // the test is over
                }
            });
            accept.setDaemon(true);
            accept.start();
            long t0 = System.nanoTime();
            assertEquals(1, run("history", "prom", "http://127.0.0.1:" + silent.getLocalPort(), "--query", "up",
                    "--timeout", "1", "--db", db.toString()));
            assertTrue(err().contains("did not answer within 1 s"), err());
            assertTrue(System.nanoTime() - t0 < 4_000_000_000L, "the timeout holds");
        }
    }

    private void start(String name, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        servers.add(p);
    }

    private void awaitData(String server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server + "/api/v1/query?query=node_load1"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.body().contains("\"node_load1\"")) {
                    Thread.sleep(2000); // a few more scrapes for the range queries
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError(server + " has no node_load1 after 30 s; logs in " + dir);
    }

    private static void awaitUp(String server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 120; i++) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(server + "/-/ready")).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new AssertionError(server + " did not start");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static double memTotal() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Double.parseDouble(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return Double.MAX_VALUE;
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Cli.standard().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
