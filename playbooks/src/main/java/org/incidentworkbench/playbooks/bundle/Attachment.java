package org.incidentworkbench.playbooks.bundle;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file attached to an incident, stored as {@code attachments/NAME}.
 *
 * @param name    a plain file name (letters, digits, {@code . _ -}); no directories
 * @param content the bytes, kept as they are
 */
public record Attachment(String name, byte[] content) {

    public Attachment {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("'" + name + "' cannot be an attachment name: use letters, digits, '.', '_' "
                    + "and '-' only, starting with a letter or digit.");
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && a.name.equals(name) && Arrays.equals(a.content, content);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "Attachment[" + name + ", " + content.length + " bytes]";
    }
}
