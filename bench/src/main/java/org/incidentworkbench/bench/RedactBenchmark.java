package org.incidentworkbench.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.incidentworkbench.app.cli.Cli;
import org.incidentworkbench.app.cli.CliCommand;
import org.incidentworkbench.app.model.SampleBundles;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.export.Redactor;
import org.incidentworkbench.playbooks.share.BundleSharer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench bench redact}: what redaction costs. Inputs: the journals of the shipped samples (real
 * command and triage output, about 3 MB), the same text repeated four times (a linear redactor takes four
 * times as long per run, so the time per character stays flat), and text built to make a backtracking
 * pattern rescan from every position (long runs of scheme and token characters, one command name
 * repeated on one line, a key block that never ends). Baseline, same run: one pass of a single literal
 * regex ({@code password}) over the same text, so the ratio says how many plain regex passes redaction
 * costs. Also the time {@code playbook share} takes per shipped sample.
 */
@Command(name = "redact", sortOptions = false,
        description = "redactor cost on the shipped samples' journals, 4x that, adversarial input; share per sample",
        footer = {"", "Baseline: one pass of a one-literal regex over the same text, in the same run."})
final class RedactBenchmark extends CliCommand {

    @Option(names = "--runs", paramLabel = "N", description = "timed runs per input (default ${DEFAULT-VALUE})")
    private int runs = 7;

    @Override
    public Integer call() throws Exception {
        List<String> samples = SampleBundles.list();
        StringBuilder journals = new StringBuilder();
        List<Path> files = new ArrayList<>();
        for (String s : samples) {
            Path p = SampleBundles.extract(s);
            files.add(p);
            IncidentBundle b = IncidentBundle.open(p);
            journals.append(new String(b.attachment("lab-scenario.txt").orElse(new byte[0]), StandardCharsets.UTF_8));
            try (var zip = new java.util.zip.ZipFile(p.toFile())) {
                journals.append(new String(zip.getInputStream(zip.getEntry("journal.jsonl")).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        String real = journals.toString();
        String adversarial = "a.".repeat(200_000) + "\n" + "eyJ-".repeat(100_000) + "\n" + "curl mysql redis-cli sshpass ".repeat(20_000)
                + "\n" + "x_password_".repeat(40_000) + "\n" + "https://u:".repeat(40_000) + "\n" + "-----BEGIN RSA PRIVATE KEY-----\n"
                + "QUJDRA==".repeat(100_000);
        Redactor redactor = Redactor.standard();
        Pattern baseline = Pattern.compile("password");

        ObjectNode json = Json.mapper().createObjectNode();
        json.put("benchmark", "redact");
        json.put("rules", redactor.rules().size());
        json.put("runs", runs);
        ArrayNode inputs = json.putArray("inputs");
        double realPerChar = 0;
        for (Object[] in : new Object[][] {{"shipped sample journals", real}, {"shipped sample journals x4", real.repeat(4)},
                {"built for backtracking", adversarial}}) {
            String name = (String) in[0];
            String text = (String) in[1];
            err.println("bench redact: " + name + " (" + text.length() + " characters)...");
            double redactMs = median(() -> redactor.apply(text).redactions());
            double baseMs = median(() -> {
                Matcher m = baseline.matcher(text);
                int n = 0;
                while (m.find()) {
                    n++;
                }
                return n;
            });
            ObjectNode o = inputs.addObject();
            o.put("input", name);
            o.put("characters", text.length());
            o.put("redactions", redactor.apply(text).redactions());
            o.put("redactMedianMs", round(redactMs));
            o.put("megabytesPerSecond", round(text.length() / 1e6 / (redactMs / 1000)));
            o.put("baselineMedianMs", round(baseMs));
            o.put("ratioToBaseline", round(redactMs / baseMs));
            double perChar = redactMs * 1e6 / text.length();
            o.put("nanosPerCharacter", round(perChar));
            if (name.equals("shipped sample journals")) {
                realPerChar = perChar;
            } else if (name.endsWith("x4")) {
                o.put("perCharacterVs1x", round(perChar / realPerChar));
            }
        }
        ArrayNode shares = json.putArray("sharePerSample");
        Path tmp = Files.createTempDirectory("bench-redact");
        for (Path p : files) {
            IncidentBundle b = IncidentBundle.open(p);
            int[] k = {0};
            double ms = median(() -> {
                try {
                    Path target = tmp.resolve(k[0]++ + "-" + p.getFileName());
                    BundleSharer.share(b, target, new BundleSharer.Options(false, List.of(), "bench", Instant.now()));
                    Files.delete(target);
                    return 0;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ObjectNode o = shares.addObject();
            o.put("bundle", p.getFileName().toString());
            o.put("bytes", Files.size(p));
            o.put("shareMedianMs", round(ms));
        }
        out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        return Cli.OK;
    }

    /** Median wall time in ms over {@link #runs} runs, after two untimed warm-up runs. */
    private double median(Supplier<Integer> work) {
        work.get();
        work.get();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
