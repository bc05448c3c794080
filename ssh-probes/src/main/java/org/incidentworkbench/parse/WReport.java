package org.incidentworkbench.parse;

import java.util.List;
import java.util.Optional;

/**
 * Who is logged in, from {@code w} (or {@code who -u} where {@code w} is missing).
 *
 * @param summary  {@code w}'s first line (time, uptime, users, load); empty for {@code who -u}
 * @param sessions one per login session, in the order printed
 * @param source   {@code w} or {@code who -u}
 */
public record WReport(Optional<UptimeReport> summary, List<Session> sessions, String source) {

    public WReport {
        sessions = List.copyOf(sessions);
    }

    /**
     * One login session.
     *
     * @param user        login name
     * @param tty         terminal ({@code pts/0}, {@code ttyS0})
     * @param from        remote host, empty for a local login
     * @param loginAt     login time as printed ({@code 09:53}, {@code Fri18}, {@code 2026-11-25 07:01})
     * @param idle        idle time as printed ({@code 8.00s}, {@code 32:16}, {@code 2days}, who's {@code .})
     * @param idleSeconds the same in seconds (w's {@code 32:16} is minutes:seconds, {@code 1:05m} hours:minutes)
     * @param jcpu        CPU time of all processes on the tty, as printed
     * @param pcpu        CPU time of the current process, as printed
     * @param what        the current process's command line
     * @param pid         the login process id ({@code who -u} only)
     */
    public record Session(String user, String tty, Optional<String> from, Optional<String> loginAt,
                          Optional<String> idle, Optional<Long> idleSeconds, Optional<String> jcpu,
                          Optional<String> pcpu, Optional<String> what, Optional<Long> pid) {
    }
}
