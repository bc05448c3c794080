package org.incidentworkbench.sample;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Frames for fault tests, made from a real recorded frame with the counters that rates are taken from
 * replaced by linear ones, so every correct rate is known: per interval the CPU gets 50 user, 20 system
 * and 130 idle ticks (cpu.user = 25 %, cpu.system = 10 %), vda completes 10 writes of 80 sectors, eth0
 * receives 1000 bytes.
 */
final class SyntheticFrames {

    static final double USER_PCT = 25.0;
    static final double SYSTEM_PCT = 10.0;
    private static final String TEMPLATE = ((StreamEvent.Frame) Fixtures.events(Fixtures.BASH).get(2)).body();

    private final double intervalSeconds;
    private final long startMicros;
    private final double startUptime;

    SyntheticFrames(double intervalSeconds, long startMicros, double startUptime) {
        this.intervalSeconds = intervalSeconds;
        this.startMicros = startMicros;
        this.startUptime = startUptime;
    }

    static String hello(double intervalSeconds) {
        return String.format(Locale.ROOT, "#iw-hello 1 interval=%s df_every=1000 pagesize=4096 shell=bash clock=us df_local=l\n", intervalSeconds);
    }

    /** The server time of frame {@code k}, epoch milliseconds. */
    long timeMillis(long k) {
        return (startMicros + Math.round(k * intervalSeconds * 1e6)) / 1000;
    }

    /** Frame {@code k}, whole, with its wall clock shifted by {@code clockShiftSeconds}. */
    String frame(long k, double clockShiftSeconds) {
        String body = body(k);
        long micros = startMicros + Math.round((k * intervalSeconds + clockShiftSeconds) * 1e6);
        String time = String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
        int bytes = body.getBytes(StandardCharsets.ISO_8859_1).length;
        return "#iw-frame " + k + " " + time + "\n" + body + "\n#iw-end " + k + " " + bytes + "\n";
    }

    String frame(long k) {
        return frame(k, 0);
    }

    /** The first {@code fraction} of frame {@code k}'s bytes: a frame cut off mid-way. */
    String cutFrame(long k, double fraction) {
        String f = frame(k);
        return f.substring(0, (int) (f.length() * fraction));
    }

    /** Frame {@code k} with one byte of its body turned into two: the count no longer matches. */
    String garbledFrame(long k) {
        String f = frame(k);
        int at = f.indexOf("MemFree:");
        return f.substring(0, at) + "Me" + f.substring(at + 1);
    }

    private String body(long k) {
        double uptime = startUptime + k * intervalSeconds;
        String out = TEMPLATE
                .replaceFirst("(?m)^==> /proc/uptime <==\n.*$",
                        String.format(Locale.ROOT, "==> /proc/uptime <==\n%.2f 1000.00", uptime))
                .replaceFirst("(?m)^cpu  .*$", String.format(Locale.ROOT, "cpu  %d 0 %d %d 0 0 0 0 0 0", 10_000 + 50 * k, 5_000 + 20 * k, 90_000 + 130 * k))
                .replaceFirst("(?m)^ctxt .*$", "ctxt " + (600_000 + 1000 * k))
                .replaceFirst("(?m)^ 254       0 vda .*$", String.format(Locale.ROOT,
                        " 254       0 vda 40551 8014 2123818 14902 %d 11817 %d %d 0 %d 21440", 8096 + 10 * k, 858888 + 800 * k, 5910 + 20 * k, 5604 + 30 * k))
                .replaceFirst("(?m)^  eth0: .*$", "  eth0: " + (59315702 + 1000 * k) + "    2098    0    0    0     0          0         0   285578    1864    0    0    0     0       0          0");
        if (out.equals(TEMPLATE)) {
            throw new IllegalStateException("The template frame did not change: the fixture moved?");
        }
        return out;
    }
}
