package org.incidentworkbench.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.parse.DfReport;
import org.incidentworkbench.parse.FreeParser;
import org.incidentworkbench.parse.IostatReport;
import org.incidentworkbench.parse.IpReport;
import org.incidentworkbench.parse.KernelReport;
import org.incidentworkbench.parse.LogsReport;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.Parsers;
import org.incidentworkbench.parse.PsReport;
import org.incidentworkbench.parse.SsReport;
import org.incidentworkbench.parse.SystemdReport;
import org.incidentworkbench.parse.TopReport;
import org.incidentworkbench.parse.UptimeReport;
import org.incidentworkbench.parse.VmstatParser;
import org.incidentworkbench.parse.WReport;

/**
 * The one registry of triage probes and parsers: the triage runs {@link #STANDARD} in this order, the
 * report is read with these constants ({@code report.get(Probes.DF)}), stored reports are typed back
 * with each probe's record, {@code workbench parse} offers every probe's parser plus
 * {@link #PARSE_ONLY}, the fixtures tests and the triage benchmark take their lists from here.
 *
 * <p>Why these commands: {@code /proc} fallbacks because those files exist on every Linux even when
 * procps, sysstat or iproute2 are not installed (containers, minimal images); each probe class says
 * why its flags. Timeouts are generous (5 s) because a probe that is slow is itself a finding, and the
 * triage as a whole is bounded separately.
 */
public final class Probes {

    private static final List<Probe<?>> REGISTERED = new ArrayList<>();

    // Register a probe here, one line each, in report order.
    public static final Probe<WReport> W = register(new WProbe());
    public static final Probe<UptimeReport> UPTIME = register(new UptimeProbe());
    public static final Probe<PsReport> PS = register(new PsProbe());
    public static final Probe<IpReport> IP = register(new IpProbe());
    public static final Probe<DfReport> DF = register(new DfProbe());
    public static final Probe<TopReport> TOP = register(new TopProbe());
    public static final Probe<IostatReport> IOSTAT = register(new IostatProbe());
    public static final Probe<SsReport> SS = register(new SsProbe());
    public static final Probe<LogsReport> LOGS = register(new LogsProbe());
    public static final Probe<KernelReport> KERNEL = register(new KernelProbe());
    public static final Probe<SystemdReport> SYSTEMD = register(new SystemdProbe());

    /** All probes, in report order. */
    public static final List<Probe<?>> STANDARD = List.copyOf(REGISTERED);

    /** Parsers for text a person pastes ({@code workbench parse}) that no triage probe runs. */
    public static final List<OutputParser<?>> PARSE_ONLY = List.of(new FreeParser(), new VmstatParser());

    private static final List<OutputParser<?>> PARSERS = parsersOf(STANDARD);

    private Probes() {
    }

    private static <T> Probe<T> register(Probe<T> probe) {
        Probe.checked(probe);
        if (!probe.parser().info().name().equals(probe.name())) {
            throw new IllegalStateException("The probe " + probe.name() + " must have a parser of the same name, not "
                    + probe.parser().info().name() + ".");
        }
        if (REGISTERED.stream().anyMatch(p -> p.name().equals(probe.name()))) {
            throw new IllegalStateException("Two probes are called " + probe.name() + ".");
        }
        REGISTERED.add(probe);
        return probe;
    }

    private static List<OutputParser<?>> parsersOf(List<Probe<?>> probes) {
        List<OutputParser<?>> all = new ArrayList<>();
        probes.forEach(p -> all.add(p.parser()));
        all.addAll(PARSE_ONLY);
        return List.copyOf(all);
    }

    public static Optional<Probe<?>> byName(String name) {
        return STANDARD.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Every parser the product has: each probe's, in report order, then {@link #PARSE_ONLY}. */
    public static List<OutputParser<?>> parsers() {
        return PARSERS;
    }

    /** The parser {@code workbench parse NAME} uses. */
    public static Optional<OutputParser<?>> parser(String name) {
        return PARSERS.stream().filter(p -> p.info().name().equals(name)).findFirst();
    }

    /** The first parser that recognises the text, for {@code workbench parse auto FILE}. */
    public static Optional<OutputParser<?>> guessParser(String text) {
        return Parsers.guess(PARSERS, text);
    }
}
