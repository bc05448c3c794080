package org.incidentworkbench.playbooks.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.playbooks.bundle.BundleWriter;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.share.BundleSharer;
import org.incidentworkbench.playbooks.share.HostRole;
import org.incidentworkbench.playbooks.testing.DiskFullIncident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleLibraryTest {

    @TempDir
    Path dir;

    @Test
    void listsSearchesAndTakesOnlySharedCopies() throws Exception {
        Path mine = dir.resolve("mine");
        Path original = mine.resolve("disk.iwbundle");
        BundleWriter.seal(DiskFullIncident.events(), DiskFullIncident.metrics(), List.of(), original,
                new BundleWriter.Options("test", DiskFullIncident.at(700), Duration.ofMinutes(30)));
        Path library = dir.resolve("library");
        Files.createDirectories(library.resolve(".git"));
        Files.writeString(library.resolve("broken.iwbundle"), "not a zip");
        Files.copy(original, library.resolve(".git").resolve("ignored.iwbundle"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BundleLibrary.publish(IncidentBundle.open(original), library));
        assertTrue(refused.getMessage().contains("share it first"), refused.getMessage());

        Path shared = mine.resolve("disk-shared.iwbundle");
        BundleSharer.share(IncidentBundle.open(original), shared, new BundleSharer.Options(false, List.of(), "test", DiskFullIncident.at(800)));
        Path published = BundleLibrary.publish(IncidentBundle.open(shared), library);
        assertEquals(library.resolve("disk-shared.iwbundle"), published);
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> BundleLibrary.publish(IncidentBundle.open(shared), library));

        BundleLibrary.Listing l = BundleLibrary.scan(library);
        assertEquals(1, l.entries().size(), "the .git folder is skipped");
        assertEquals(1, l.problems().size());
        assertTrue(l.problems().get(0).startsWith("broken.iwbundle: "), l.problems().get(0));
        LibraryEntry e = l.entries().get(0);
        assertTrue(e.shared());
        assertEquals("host-1 returns 500s", e.title());
        assertEquals(List.of("web"), e.hostRoles(), "the role survives aliasing");
        assertEquals(List.of("fs.full"), e.findingRules());
        assertEquals(Optional.of("disk-full"), e.playbook());
        assertTrue(e.tags().contains("went-wrong"));

        for (String q : List.of("", "500s", "role:web", "rule:fs.full", "tag:action-item", "playbook:disk", "SEV-2 web")) {
            assertEquals(1, BundleLibrary.search(l.entries(), q).size(), q);
        }
        for (String q : List.of("role:db", "rule:mem", "title:web-1", "tag:went-well oom")) {
            assertEquals(0, BundleLibrary.search(l.entries(), q).size(), q);
        }
        assertThrows(IOException.class, () -> BundleLibrary.scan(dir.resolve("nowhere")));
    }

    @Test
    void rolesComeFromTheUsualNaming() {
        assertEquals(Optional.of("web"), HostRole.of("web-1.prod.acme"));
        assertEquals(Optional.of("db"), HostRole.of("db07"));
        assertEquals(Optional.of("payments-api"), HostRole.of("payments-api-3"));
        assertEquals(Optional.of("lab"), HostRole.of("root@lab-1:2222"));
        assertEquals(Optional.empty(), HostRole.of("10.1.2.3"));
        assertEquals(Optional.empty(), HostRole.of("fe80::1"));
        assertFalse(HostRole.of("42").isPresent());
    }
}
