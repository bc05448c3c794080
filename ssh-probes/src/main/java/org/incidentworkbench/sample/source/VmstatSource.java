package org.incidentworkbench.sample.source;

import static org.incidentworkbench.sample.source.SampledMetric.of;

import java.util.List;
import java.util.OptionalLong;

/** {@code /proc/vmstat}: {@code pswpin} and {@code pswpout}, pages swapped since boot (half a frame if sent whole). */
public final class VmstatSource implements ProcSource<VmstatSource.Reading> {

    public static final String SWAP_IN_PER_S = "swap.in_per_s";
    public static final String SWAP_OUT_PER_S = "swap.out_per_s";

    static final String FILE = "/proc/vmstat";

    public record Reading(OptionalLong swapInPages, OptionalLong swapOutPages) {
    }

    @Override
    public ShellPart shell() {
        return ShellPart.files(FILE)
                .withSetup("rvm=\"$nl(pswpin [^$nl]*${nl}pswpout [^$nl]*$nl)\"")
                .withBashFilter("""
                        /proc/vmstat) s=
                          if [[ $c =~ $rvm ]]; then s=${BASH_REMATCH[1]}; else keep='pswpin pswpout'; fi ;;
                        """);
    }

    @Override
    public List<SampledMetric> metrics() {
        return List.of(
                of(SWAP_IN_PER_S, "pages/s", 1, "pages swapped in per second (/proc/vmstat pswpin)"),
                of(SWAP_OUT_PER_S, "pages/s", 1, "pages swapped out per second (/proc/vmstat pswpout)"));
    }

    @Override
    public Reading read(Sections frame) {
        OptionalLong[] v = {OptionalLong.empty(), OptionalLong.empty()};
        frame.forEachLine(FILE, (from, to) -> {
            if (frame.startsWith("pswpin ", from)) {
                v[0] = frame.single(from + 7, to, FILE);
            } else if (frame.startsWith("pswpout ", from)) {
                v[1] = frame.single(from + 8, to, FILE);
            }
        });
        return v[0].isPresent() ? new Reading(v[0], v[1]) : null;
    }

    @Override
    public void rates(Reading before, Reading now, double seconds, MetricOut out) {
        rate(SWAP_IN_PER_S, before.swapInPages(), now.swapInPages(), seconds, out);
        rate(SWAP_OUT_PER_S, before.swapOutPages(), now.swapOutPages(), seconds, out);
    }

    private static void rate(String metric, OptionalLong before, OptionalLong now, double seconds, MetricOut out) {
        if (before.isPresent() && now.isPresent() && now.getAsLong() >= before.getAsLong()) {
            out.add(metric, (now.getAsLong() - before.getAsLong()) / seconds);
        }
    }
}
