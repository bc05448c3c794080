package org.incidentworkbench.hosts;

/** Where a host entry came from; shown beside the host and used to decide whose role wins on merge. */
public enum HostSource {
    SSH_CONFIG("ssh config", true),
    KNOWN_HOSTS("known_hosts", true),
    ANSIBLE_INI("Ansible inventory (INI)", false),
    ANSIBLE_YAML("Ansible inventory (YAML)", false),
    TYPED("typed in", true),
    /** This machine, triaged without SSH (the CLI's {@code --local}). */
    LOCAL("this machine, without SSH", false);

    private final String label;
    private final boolean guessesRoles;

    HostSource(String label, boolean guessesRoles) {
        this.label = label;
        this.guessesRoles = guessesRoles;
    }

    public String label() {
        return label;
    }

    /** True when this source has no groups of its own, so roles are guessed from names or typed. */
    public boolean guessesRoles() {
        return guessesRoles;
    }
}
