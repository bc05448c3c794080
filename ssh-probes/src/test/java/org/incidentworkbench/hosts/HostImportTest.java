package org.incidentworkbench.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HostImportTest {

    private static Path sample(String name) throws URISyntaxException {
        return Path.of(HostImportTest.class.getResource("/hosts/" + name).toURI());
    }

    private static List<String> names(HostImport imp) {
        return imp.hosts().stream().map(HostEntry::name).toList();
    }

    private static HostEntry host(HostImport imp, String name) {
        return imp.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError(name + " not in " + names(imp)));
    }

    @Test
    void sshConfigListsNamedHostsFollowsIncludesAndSkipsPatterns() throws Exception {
        HostImport imp = SshConfigHosts.read(sample("ssh_config"));
        assertEquals(List.of("bastion", "web-1", "web-2", "db-1", "cache-1", "cache-2"), names(imp));
        assertEquals("web", host(imp, "web-2").role());
        assertEquals("db", host(imp, "db-1").role());
        assertEquals(HostEntry.UNGROUPED, host(imp, "bastion").role());
        assertEquals("web-1", host(imp, "web-1").connectTarget(), "an alias is resolved by the ssh config resolver, so it stays the alias");
        assertTrue(imp.notes().stream().anyMatch(n -> n.startsWith("3 Host pattern(s)")), imp.notes().toString());
    }

    @Test
    void missingSshConfigIsANoteNotAnError() throws Exception {
        HostImport imp = SshConfigHosts.read(Path.of("/nonexistent/ssh_config"));
        assertTrue(imp.hosts().isEmpty());
        assertTrue(imp.notes().get(0).contains("/nonexistent/ssh_config"));
    }

    @Test
    void knownHostsTakesNamesOverAddressesAndCountsHashedEntries() throws Exception {
        HostImport imp = KnownHostsHosts.read(sample("known_hosts"));
        assertEquals(List.of("web-1", "10.0.0.9", "git.example.com:2222"), names(imp));
        HostEntry git = host(imp, "git.example.com:2222");
        assertEquals(Optional.of("git.example.com"), git.address());
        assertEquals(OptionalInt.of(2222), git.port());
        assertEquals("git.example.com:2222", git.connectTarget());
        assertTrue(imp.notes().get(0).startsWith("2 hashed known_hosts entries cannot be listed"), imp.notes().toString());
        assertTrue(imp.notes().get(1).startsWith("2 line(s) were skipped"), imp.notes().toString());
    }

    @Test
    void iniInventoryExpandsRangesAndInheritsParentGroups() throws Exception {
        HostImport imp = AnsibleInventory.read(sample("inventory.ini"));
        assertEquals(List.of("mail.example.com", "web-01.example.com", "web-02.example.com", "web-03.example.com", "lb",
                "db-a.example.com", "db-b.example.com", "badwolf.example.com"), names(imp));
        assertEquals(List.of("web", "prod"), host(imp, "web-02.example.com").roles());
        assertEquals(List.of("db", "prod"), host(imp, "db-a.example.com").roles());
        assertEquals(HostEntry.UNGROUPED, host(imp, "mail.example.com").role(), "no group and no numbered name: ungrouped");
        assertEquals("web", HostLists.typed("web-7.example.com").role(), "a numbered name gives its stem as the role");
        assertEquals("ops@10.0.0.9:2222", host(imp, "lb").connectTarget());
        assertEquals("badwolf.example.com:5309", host(imp, "badwolf.example.com").connectTarget());
        assertTrue(imp.notes().isEmpty(), imp.notes().toString());
    }

    @Test
    void yamlInventoryWalksNestedChildren() throws Exception {
        HostImport imp = AnsibleInventory.read(sample("inventory.yml"));
        assertEquals(List.of("mail.example.com", "web-01.example.com", "web-02.example.com", "lb", "db-1.example.com"), names(imp));
        assertEquals(List.of("web", "staging", "prod"), host(imp, "web-01.example.com").roles());
        assertEquals(List.of("web", "prod"), host(imp, "web-02.example.com").roles());
        assertEquals("ops@10.0.0.9:2222", host(imp, "lb").connectTarget());
        assertEquals(HostSource.ANSIBLE_YAML, host(imp, "lb").source());
    }

    @Test
    void brokenYamlSaysSoInsteadOfThrowing() {
        HostImport imp = AnsibleInventory.parseYaml("all:\n  hosts:\n    a: [\n");
        assertTrue(imp.hosts().isEmpty());
        assertTrue(imp.notes().get(0).startsWith("The inventory is not valid YAML"), imp.notes().toString());
    }

    @Test
    void rangesExpandWithPaddingStepsAndLetters() {
        assertEquals(List.of("www01", "www03", "www05"), AnsibleInventory.expandRanges("www[01:05:2]"));
        assertEquals(List.of("db-a.x", "db-b.x", "db-c.x"), AnsibleInventory.expandRanges("db-[a:c].x"));
        assertEquals(List.of("r1c1", "r1c2", "r2c1", "r2c2"), AnsibleInventory.expandRanges("r[1:2]c[1:2]"));
        assertEquals(List.of("plain"), AnsibleInventory.expandRanges("plain"));
    }

    @Test
    void typedHostsParseEveryForm() {
        assertEquals("web-9", HostLists.typed("web-9").connectTarget());
        assertEquals("web", HostLists.typed("web-9").role());
        HostEntry full = HostLists.typed("root@10.1.2.3:2200 cache");
        assertEquals("root@10.1.2.3:2200", full.connectTarget());
        assertEquals(List.of("cache"), full.roles());
        assertEquals(OptionalInt.of(2200), full.port());
        HostEntry v6 = HostLists.typed("me@[::1]:2022");
        assertEquals(Optional.of("::1"), v6.address());
        assertEquals("me@[::1]:2022", v6.connectTarget());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostLists.typed("web:99999"));
        assertTrue(e.getMessage().contains("1 to 65535"));
        assertThrows(IllegalArgumentException.class, () -> HostLists.typed("a;rm -rf"));
        assertThrows(IllegalArgumentException.class, () -> HostLists.typed("  "));
    }

    @Test
    void mergeKeepsOrderAndLetsInventoryRolesReplaceGuesses() {
        List<HostEntry> fromConfig = List.of(HostEntry.named("web-1", HostSource.SSH_CONFIG), HostEntry.named("odd", HostSource.SSH_CONFIG));
        List<HostEntry> fromInventory = AnsibleInventory.parseIni("[frontend]\nweb-1\n").hosts();
        List<HostEntry> merged = HostLists.merge(fromConfig, fromInventory);
        assertEquals(List.of("web-1", "odd"), merged.stream().map(HostEntry::name).toList());
        assertEquals(List.of("frontend"), merged.get(0).roles());
        Map<String, List<HostEntry>> groups = HostLists.byRole(merged);
        assertEquals(List.of("frontend", HostEntry.UNGROUPED), List.copyOf(groups.keySet()));
    }

    @Test
    void searchMatchesEveryWordAcrossNameRoleAndAddress() {
        HostEntry lb = AnsibleInventory.parseIni("[web]\nlb ansible_host=10.0.0.9\n").hosts().get(0);
        assertTrue(HostLists.matches(lb, "WEB 10.0.0"));
        assertFalse(HostLists.matches(lb, "web db"));
        assertTrue(HostLists.matches(lb, ""));
    }
}
