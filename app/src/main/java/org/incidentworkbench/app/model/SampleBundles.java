package org.incidentworkbench.app.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample incidents shipped with the product ({@code samples/*.iwbundle} among the app's
 * resources), offered when the window has nothing to replay yet. A sample inside the jar is copied
 * to a temporary file to be opened (bundles are read as zip files). Empty when none are shipped.
 * Call off the FX thread.
 */
public final class SampleBundles {

    private SampleBundles() {
    }

    /** Names of the shipped samples ({@code disk-full.iwbundle}...), sorted. */
    public static List<String> list() {
        URL dir = SampleBundles.class.getClassLoader().getResource("samples");
        if (dir == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try {
            URI uri = dir.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of()); Stream<Path> s = Files.list(fs.getPath("samples"))) {
                    s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".iwbundle")).forEach(names::add);
                }
            } else {
                try (Stream<Path> s = Files.list(Path.of(uri))) {
                    s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".iwbundle")).forEach(names::add);
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }

    /** The sample as a file that can be opened (a temporary copy, deleted on exit). */
    public static Path extract(String name) throws IOException {
        try (InputStream in = SampleBundles.class.getClassLoader().getResourceAsStream("samples/" + name)) {
            if (in == null) {
                throw new IOException("There is no shipped sample called " + name + ".");
            }
            Path tmp = Files.createTempFile("workbench-sample-", "-" + name);
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        }
    }
}
