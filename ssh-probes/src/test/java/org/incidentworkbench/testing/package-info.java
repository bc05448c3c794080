/**
 * SSH servers for tests, shipped in the ssh-probes test-jar so app and installers tests use the same
 * ones: {@link org.incidentworkbench.testing.OpenSshTestServer} (a real {@code /usr/sbin/sshd} on a
 * free 127.0.0.x port with generated keys; {@code assumeAvailable()} skips, or fails under
 * {@code -Dworkbench.requireSshd=true}), {@link org.incidentworkbench.testing.MinaTestServer} (in-JVM,
 * misbehaving on request), {@link org.incidentworkbench.testing.TcpRelay} (a link to black-hole or
 * cut) and {@link org.incidentworkbench.testing.ScriptedPrompter} (answers and records questions).
 *
 * <p>Everything listens on loopback only and removes its temp files on close; sshd processes left
 * running by an aborted run are stopped by a shutdown hook.
 */
package org.incidentworkbench.testing;
