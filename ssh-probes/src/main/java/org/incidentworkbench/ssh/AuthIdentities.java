package org.incidentworkbench.ssh;

import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import java.util.List;
import java.util.Vector;

/**
 * The keys one session offers, in order: key files ({@code -i} first, then the host's IdentityFile
 * entries, else OpenSSH's default files), then the agent's keys. Fixed at construction so the
 * failure message can list exactly what was tried.
 */
final class AuthIdentities implements IdentityRepository {

    private final List<Identity> identities;

    AuthIdentities(List<Identity> identities) {
        this.identities = List.copyOf(identities);
    }

    @Override
    public String getName() {
        return "incident-workbench";
    }

    @Override
    public int getStatus() {
        return RUNNING;
    }

    @Override
    public Vector<Identity> getIdentities() {
        return new Vector<>(identities);
    }

    @Override
    public boolean add(byte[] identity) {
        return false;
    }

    @Override
    public boolean remove(byte[] blob) {
        return false;
    }

    @Override
    public void removeAll() {
        // fixed set
    }
}
