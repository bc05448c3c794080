package org.incidentworkbench.findings;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;
import org.incidentworkbench.parse.LogsReport;
import org.incidentworkbench.parse.TopReport;
import org.incidentworkbench.parse.UptimeReport;
import org.incidentworkbench.parse.WReport;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.TriageReport;

/**
 * How long before the triage a log line was written, so that an OOM kill from last week does not read
 * like one from a minute ago (dmesg keeps everything since boot). Sources, most exact first:
 * raw dmesg's seconds since boot against {@code /proc/uptime}; the journal's ISO time with its offset
 * against the triage's start; {@code dmesg -T} and syslog times, which are the host's local time without a
 * zone, against the host's clock, rebuilt from the triage's start (UTC) and the host's own time of day
 * ({@code uptime}/{@code top}/{@code w} print it) rounded to a 15-minute zone offset. Empty when it cannot
 * be told. Stateless.
 */
final class LogAge {

    private static final DateTimeFormatter DMESG_T = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("EEE MMM d HH:mm:ss yyyy").toFormatter(Locale.ROOT);
    private static final DateTimeFormatter SYSLOG = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("MMM d HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd().parseDefaulting(ChronoField.YEAR, 2000).toFormatter(Locale.ROOT);
    private static final DateTimeFormatter ISO_OFFSET = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd().appendPattern("[XXX][XX][X]").toFormatter(Locale.ROOT);

    private LogAge() {
    }

    static Optional<Duration> age(LogsReport.LogEntry e, TriageReport report) {
        if (e.kernelSeconds().isPresent()) {
            return report.get(Probes.UPTIME).flatMap(UptimeReport::uptimeSeconds)
                    .map(up -> Duration.ofMillis(Math.max(0, Math.round((up - e.kernelSeconds().get()) * 1000))));
        }
        if (e.timestamp().isEmpty()) {
            return Optional.empty();
        }
        String ts = e.timestamp().get().replaceAll("\\s+", " ").strip();
        try {
            if (Character.isDigit(ts.charAt(0))) {
                OffsetDateTime t = OffsetDateTime.parse(ts, ISO_OFFSET);
                return Optional.of(nonNegative(Duration.between(t.toInstant(), report.startedAt())));
            }
        } catch (DateTimeParseException | IndexOutOfBoundsException ex) {
            // an ISO time without an offset: read below as the host's local time
        }
        Optional<LocalDateTime> hostNow = hostNow(report);
        if (hostNow.isEmpty()) {
            return Optional.empty();
        }
        try {
            LocalDateTime when;
            if (Character.isDigit(ts.charAt(0))) {
                when = LocalDateTime.parse(ts.length() > 19 ? ts.substring(0, 19) : ts);
            } else if (ts.matches("[A-Za-z]{3} [A-Za-z]{3} \\d{1,2} .*")) {
                when = LocalDateTime.parse(ts, DMESG_T);
            } else {
                LocalDateTime noYear = LocalDateTime.parse(ts, SYSLOG);
                when = noYear.withYear(hostNow.get().getYear());
                if (when.isAfter(hostNow.get().plusDays(1))) {
                    when = when.minusYears(1); // a December line read in January
                }
            }
            return Optional.of(nonNegative(Duration.between(when, hostNow.get())));
        } catch (DateTimeParseException | IndexOutOfBoundsException ex) {
            return Optional.empty();
        }
    }

    /** The host's local date and time at the triage's start, from its printed time of day. */
    static Optional<LocalDateTime> hostNow(TriageReport report) {
        Optional<String> time = report.get(Probes.UPTIME).flatMap(UptimeReport::time)
                .or(() -> report.get(Probes.TOP).flatMap(TopReport::summary).flatMap(UptimeReport::time))
                .or(() -> report.get(Probes.W).flatMap(WReport::summary).flatMap(UptimeReport::time));
        if (time.isEmpty()) {
            return Optional.empty();
        }
        LocalTime hostTime;
        try {
            hostTime = LocalTime.parse(time.get().length() == 5 ? time.get() + ":00" : time.get());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        Instant start = report.startedAt();
        LocalDateTime utc = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
        long diff = Duration.between(utc.toLocalTime(), hostTime).getSeconds();
        long day = 86400;
        diff = ((diff % day) + day) % day; // 0..day
        if (diff > 14 * 3600) {
            diff -= day; // offsets run from -12:00 to +14:00
        }
        long quarter = Math.round(diff / 900.0) * 900;
        LocalDateTime host = utc.plusSeconds(quarter);
        // the host's clock may be a little off the laptop's; keep its own time of day
        LocalDate date = host.toLocalDate();
        LocalDateTime candidate = LocalDateTime.of(date, hostTime);
        if (Duration.between(candidate, host).abs().toHours() > 12) {
            candidate = candidate.plusDays(candidate.isBefore(host) ? 1 : -1);
        }
        return Optional.of(candidate);
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** "5 min", "3.0 h", "2.5 days". */
    static String text(Duration d) {
        long s = d.getSeconds();
        if (s < 3600) {
            return Math.max(0, s / 60) + " min";
        }
        if (s < 2 * 86400) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600.0);
        }
        return String.format(Locale.ROOT, "%.1f days", s / 86400.0);
    }
}
