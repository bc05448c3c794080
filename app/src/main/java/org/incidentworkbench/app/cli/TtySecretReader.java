package org.incidentworkbench.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads a secret from the controlling terminal ({@code /dev/tty}) when stdin or stdout is redirected and
 * {@link System#console()} is therefore null. Echo is turned off with {@code stty -echo} first, and if
 * that fails nothing is read: a passphrase is never typed visibly. The bytes read are wiped after use.
 */
final class TtySecretReader implements ConsolePrompter.SecretReader {

    private static final File TTY = new File("/dev/tty");

    private TtySecretReader() {
    }

    /** A reader when this process has a controlling terminal, else empty. */
    static Optional<ConsolePrompter.SecretReader> open() {
        try (FileInputStream probe = new FileInputStream(TTY)) {
            return Optional.of(new TtySecretReader());
        } catch (IOException | SecurityException noTerminal) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<char[]> read(String prompt) {
        if (!stty("-echo")) {
            return Optional.empty();
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (FileInputStream in = new FileInputStream(TTY); FileOutputStream out = new FileOutputStream(TTY)) {
            out.write(prompt.getBytes(StandardCharsets.UTF_8));
            out.flush();
            int b;
            while ((b = in.read()) >= 0 && b != '\n' && b != '\r') {
                line.write(b);
            }
            out.write('\n');
            byte[] bytes = line.toByteArray();
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
            char[] secret = Arrays.copyOf(chars.array(), chars.limit());
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(chars.array(), '\0');
            return Optional.of(secret);
        } catch (IOException e) {
            return Optional.empty();
        } finally {
            stty("echo");
        }
    }

    private static boolean stty(String setting) {
        try {
            Process p = new ProcessBuilder("stty", setting).redirectInput(TTY)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
