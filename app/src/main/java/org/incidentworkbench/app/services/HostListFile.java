package org.incidentworkbench.app.services;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.incidentworkbench.hosts.HostEntry;
import org.incidentworkbench.json.Json;

/**
 * The window's host list on disk ({@code hosts.json} in the config directory), written whole to a
 * temporary file and moved into place, so a crash leaves the old list or the new one, never half.
 * Called from background threads only.
 */
public final class HostListFile {

    private final Path file;

    public HostListFile(Path file) {
        this.file = file;
    }

    public static HostListFile standard() {
        return new HostListFile(WorkbenchDirs.config().resolve("hosts.json"));
    }

    public Path path() {
        return file;
    }

    /** The saved hosts; none when the file does not exist yet. */
    public List<HostEntry> load() throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(file.toFile(), new TypeReference<List<HostEntry>>() { });
        } catch (IOException e) {
            throw new IOException("The host list " + file + " could not be read (" + e.getMessage()
                    + "). Move it aside to start with an empty list; it was left untouched.", e);
        }
    }

    public void save(List<HostEntry> hosts) throws IOException {
        WorkbenchDirs.ensure(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), hosts);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
