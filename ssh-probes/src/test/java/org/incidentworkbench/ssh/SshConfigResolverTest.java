package org.incidentworkbench.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConfigResolverTest {

    private static final String HOME = System.getProperty("user.home");

    @TempDir
    Path dir;

    private SshConfigResolver config(String text) throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, text);
        return SshConfigResolver.load(file);
    }

    @Test
    void firstValueWinsAcrossMatchingBlocksAndIdentityFilesAccumulate() throws Exception {
        SshConfigResolver c = config("""
                # comment
                Host web-1
                  HostName 10.0.0.5
                  IdentityFile ~/.ssh/web1_ed25519
                Host web-*
                  User root
                  Port 2222
                  HostName ignored.example
                  IdentityFile ~/.ssh/web_%r_%h
                  ConnectTimeout 4
                  ServerAliveInterval 7
                Host *
                  User nobody
                  ServerAliveInterval 30
                """);
        HostSpec web1 = c.resolve("web-1");
        assertEquals("web-1", web1.alias());
        assertEquals("10.0.0.5", web1.hostname());
        assertEquals(Optional.of("root"), web1.user());
        assertEquals(2222, web1.port());
        assertEquals(List.of(Path.of(HOME, ".ssh/web1_ed25519"), Path.of(HOME, ".ssh/web_root_10.0.0.5")),
                web1.identityFiles());
        assertEquals(Duration.ofSeconds(4), web1.connectTimeout());
        assertEquals(Duration.ofSeconds(7), web1.serverAliveInterval());

        HostSpec other = c.resolve("db-1");
        assertEquals("db-1", other.hostname());
        assertEquals(Optional.of("nobody"), other.user());
        assertEquals(22, other.port());
        assertEquals(HostSpec.DEFAULT_CONNECT_TIMEOUT, other.connectTimeout());
        assertEquals(Duration.ofSeconds(30), other.serverAliveInterval());
    }

    @Test
    void negatedPatternExcludesAHostAndKeywordsAreCaseInsensitiveWithEquals() throws Exception {
        SshConfigResolver c = config("""
                Host *.prod !bastion.prod
                  user=deploy
                HOST bastion.prod
                  USER admin
                """);
        assertEquals(Optional.of("deploy"), c.resolve("api.prod").user());
        assertEquals(Optional.of("admin"), c.resolve("bastion.prod").user());
    }

    @Test
    void typedTargetsOverrideTheConfigAndStillMatchItsHostBlock() throws Exception {
        SshConfigResolver c = config("""
                Host web-1
                  HostName 10.0.0.5
                  User root
                  Port 2200
                """);
        HostSpec typed = c.resolve("alice@web-1:2201");
        assertEquals("10.0.0.5", typed.hostname());
        assertEquals(Optional.of("alice"), typed.user());
        assertEquals(2201, typed.port());
        assertEquals("alice@10.0.0.5:2201", typed.target());

        HostSpec v6 = SshConfigResolver.empty().resolve("bob@[fe80::1]:2222");
        assertEquals("fe80::1", v6.hostname());
        assertEquals(2222, v6.port());
        assertEquals(Optional.of("bob"), v6.user());
        assertEquals("::1", SshConfigResolver.empty().resolve("::1").hostname());
        assertEquals(2022, SshConfigResolver.empty().resolve("ssh://carol@h:2022").port());
        assertEquals(Optional.empty(), SshConfigResolver.empty().resolve("plain").user());
    }

    @Test
    void proxyJumpHopsAreResolvedThroughTheConfigAndChainedFirstHopFirst() throws Exception {
        SshConfigResolver c = config("""
                Host inner
                  HostName 10.1.0.9
                  ProxyJump edge,ops@mid:2022
                Host mid
                  HostName 10.1.0.1
                  User midadmin
                  IdentityFile /keys/mid
                Host edge
                  HostName edge.example.com
                  ProxyJump outer
                Host outer
                  HostName 198.51.100.7
                """);
        HostSpec inner = c.resolve("inner");
        List<String> hops = inner.jumps().stream().map(HostSpec::target).toList();
        assertEquals(List.of("198.51.100.7", "edge.example.com",
                "ops@10.1.0.1:2022"), hops);
        assertEquals(List.of(Path.of("/keys/mid")), inner.jumps().get(2).identityFiles());
        assertTrue(inner.jumps().stream().allMatch(j -> j.jumps().isEmpty()));
    }

    @Test
    void proxyCommandThatIsAJumpHostBecomesOneAndOthersAreRefusedByLine() throws Exception {
        SshConfigResolver c = config("""
                Host a
                  ProxyCommand ssh -q -W %h:%p -l ops -p 2200 bastion
                Host b
                  ProxyCommand exec ssh -o StrictHostKeyChecking=yes gate nc %h %p
                Host c
                  ProxyJump first
                  ProxyCommand ssh -W %h:%p ignored
                Host d
                  ProxyCommand /usr/bin/corkscrew proxy 8080 %h %p
                """);
        assertEquals(List.of("ops@bastion:2200"), c.resolve("a").jumps().stream().map(HostSpec::target).toList());
        assertEquals(List.of("gate"), c.resolve("b").jumps().stream().map(HostSpec::target).toList());
        assertEquals(List.of("first"), c.resolve("c").jumps().stream().map(HostSpec::target).toList(),
                "the first of ProxyJump and ProxyCommand wins, as in OpenSSH");
        SshConfigException e = assertThrows(SshConfigException.class, () -> c.resolve("d"));
        assertEquals(9, e.line());
        assertTrue(e.getMessage().contains("line 9: ProxyCommand `/usr/bin/corkscrew") && e.getMessage().contains("ProxyJump"),
                e.getMessage());
    }

    @Test
    void proxyJumpLoopIsReportedWithTheChain() throws Exception {
        SshConfigResolver c = config("""
                Host a
                  ProxyJump b
                Host b
                  ProxyJump a
                """);
        SshConfigException e = assertThrows(SshConfigException.class, () -> c.resolve("a"));
        assertTrue(e.getMessage().contains("a -> b -> a"), e.getMessage());
    }

    @Test
    void badValuesNameTheFileAndLine() throws Exception {
        SshConfigException port = assertThrows(SshConfigException.class, () -> config("""
                Host x
                  Port twenty-two
                """));
        assertEquals(2, port.line());
        assertTrue(port.getMessage().startsWith(dir.resolve("config") + " line 2: the port 'twenty-two'"),
                port.getMessage());
        SshConfigException timeout = assertThrows(SshConfigException.class, () -> config("ConnectTimeout soon\n"));
        assertTrue(timeout.getMessage().contains("line 1: ConnectTimeout 'soon' is not a number of seconds"),
                timeout.getMessage());
        SshConfigException typed = assertThrows(SshConfigException.class,
                () -> SshConfigResolver.empty().resolve("root@web-1:abc"));
        assertTrue(typed.getMessage().contains("not a number from 1 to 65535"), typed.getMessage());
        SshConfigException missing = assertThrows(SshConfigException.class,
                () -> SshConfigResolver.load(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void includeIsFollowedRelativeToTheConfigDirectoryWithGlobs() throws Exception {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("conf.d/10-web.conf"), "Host web-9\n  HostName 10.9.9.9\n");
        Files.writeString(dir.resolve("conf.d/20-db.conf"), "Host db-9\n  Port 5022\n");
        SshConfigResolver c = config("""
                Include conf.d/*.conf
                Host *
                  UserKnownHostsFile ~/.ssh/known_hosts_work
                """);
        assertEquals("10.9.9.9", c.resolve("web-9").hostname());
        assertEquals(5022, c.resolve("db-9").port());
        assertEquals(Optional.of(Path.of(HOME, ".ssh/known_hosts_work")), c.resolve("web-9").knownHostsFile());
    }

    @Test
    void matchBlocksOtherThanAllAreSkipped() throws Exception {
        SshConfigResolver c = config("""
                Match exec "false"
                  User wrong
                Match all
                  User right
                """);
        assertEquals(Optional.of("right"), c.resolve("any").user());
    }
}
