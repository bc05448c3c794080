package org.incidentworkbench.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.playbooks.bundle.BundleFormat;

/** Bundles named on the command line: a file, or one of the shipped samples by name ({@code disk-full}). */
final class Bundles {

    private static final String SAMPLES = "samples/";

    private Bundles() {
    }

    /** The shipped samples' names ({@code disk-full}...), from {@code samples/index.json} in the jar. */
    static List<String> sampleNames() {
        try (InputStream index = Bundles.class.getClassLoader().getResourceAsStream(SAMPLES + "index.json")) {
            if (index == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            org.incidentworkbench.json.Json.mapper().readTree(index)
                    .forEach(e -> names.add(e.path("file").asText().replace(BundleFormat.EXTENSION, "")));
            return names;
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * A bundle file as given, or, when no such file exists, the shipped sample of that name ({@code disk-full},
     * {@code disk-full.iwbundle}) copied out of the jar to a temporary file, so a new user can replay one at once.
     */
    static Path bundlePath(String arg) throws IOException, UsageException {
        Path path = Path.of(arg);
        if (Files.exists(path)) {
            return path;
        }
        String name = arg.endsWith(BundleFormat.EXTENSION) ? arg : arg + BundleFormat.EXTENSION;
        if (!name.contains("/") && !name.contains("\\")) {
            try (InputStream in = Bundles.class.getClassLoader().getResourceAsStream(SAMPLES + name)) {
                if (in != null) {
                    Path copy = Files.createTempFile("iw-sample-", "-" + name);
                    copy.toFile().deleteOnExit();
                    Files.write(copy, in.readAllBytes());
                    return copy;
                }
            }
        }
        List<String> samples = sampleNames();
        throw new UsageException("there is no file " + arg + (samples.isEmpty() ? "." : ", and no shipped sample of that name "
                + "(the samples are " + String.join(", ", samples) + ")."));
    }
}
