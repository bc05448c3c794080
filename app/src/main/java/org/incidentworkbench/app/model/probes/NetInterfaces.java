package org.incidentworkbench.app.model.probes;

import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.app.format.Bytes;
import org.incidentworkbench.parse.IpReport;

/** The ip view's rows: interfaces with what is wrong with them spelled out, and the routes. Pure. */
public final class NetInterfaces {

    private NetInterfaces() {
    }

    /**
     * One interface.
     *
     * @param state     operational state, with "no carrier" when it is UP without LOWER_UP
     * @param addresses addresses with their prefix, comma-separated
     * @param rxErrors  receive errors plus drops, -1 when not printed
     * @param txErrors  transmit errors plus drops, -1 when not printed
     */
    public record Line(String name, String state, String addresses, String rxBytes, String txBytes, long rxErrors,
                       String rxErrorsText, long txErrors, String txErrorsText, String mtu) {

        public boolean hasErrors() {
            return rxErrors > 0 || txErrors > 0;
        }
    }

    public static List<Line> interfaces(IpReport ip) {
        List<Line> out = new ArrayList<>();
        for (IpReport.Interface i : ip.interfaces()) {
            String state = i.state().orElse("");
            if (i.flags().contains("UP") && !i.flags().contains("LOWER_UP") && !i.flags().isEmpty()) {
                state = state + " (no carrier)";
            }
            List<String> addrs = i.addresses().stream().map(a -> a.address() + a.prefixLength().map(p -> "/" + p).orElse("")).toList();
            out.add(new Line(i.name() + i.link().map(l -> "@" + l).orElse(""), state.strip(), String.join(", ", addrs),
                    i.rx().flatMap(IpReport.Counters::bytes).map(Bytes::human).orElse(""),
                    i.tx().flatMap(IpReport.Counters::bytes).map(Bytes::human).orElse(""),
                    problems(i.rx().orElse(null)), errorsText(i.rx().orElse(null)),
                    problems(i.tx().orElse(null)), errorsText(i.tx().orElse(null)),
                    i.mtu().map(String::valueOf).orElse("")));
        }
        return out;
    }

    private static long problems(IpReport.Counters c) {
        if (c == null || (c.errors().isEmpty() && c.dropped().isEmpty())) {
            return -1;
        }
        return c.errors().orElse(0L) + c.dropped().orElse(0L);
    }

    private static String errorsText(IpReport.Counters c) {
        if (c == null) {
            return "";
        }
        return c.errors().map(String::valueOf).orElse("?") + " / " + c.dropped().map(String::valueOf).orElse("?");
    }

    /** {@code default via 10.0.2.2 dev eth0 proto dhcp src 10.0.2.15 metric 100}, one per route. */
    public static List<String[]> routes(IpReport ip) {
        List<String[]> out = new ArrayList<>();
        for (IpReport.Route r : ip.routes()) {
            out.add(new String[] {(r.type().equals("unicast") ? "" : r.type() + " ") + r.destination(), r.via().orElse(""),
                    r.dev().orElse(""), r.proto().orElse(""), r.src().orElse(""), r.metric().map(String::valueOf).orElse(""),
                    String.join(" ", r.flags())});
        }
        return out;
    }
}
