package org.incidentworkbench.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.app.AppInfo;

/** Dispatches {@code workbench SUBCOMMAND ...} to the registered {@link Command}s. */
public final class Cli {

    public static final int OK = AppInfo.OK;
    public static final int FAILED = AppInfo.FAILED;
    public static final int USAGE = AppInfo.USAGE;

    private final List<Command> commands;

    public Cli(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    /** Every subcommand the product has, in the order {@code --help} lists them. */
    public static Cli standard() {
        List<Command> all = new ArrayList<>();
        // Subcommands register here, one line each.
        all.add(new VersionCommand());
        all.add(new TriageCommand());
        all.add(new ParseCommand());
        all.add(new SampleCommand());
        all.add(new StoreCommand());
        all.add(new HistoryCommand());
        all.add(new BenchCommand());
        all.add(new PlaybookCommand());
        all.add(new ScreenshotsCommand());
        return new Cli(all);
    }

    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            if (args.size() > 1) {
                return find(args.get(1)).map(c -> invoke(c, List.of("--help"), out, err)).orElseGet(() -> unknown(args.get(1), err));
            }
            printUsage(out);
            return OK;
        }
        if (args.get(0).equals("--version")) {
            return invoke(new VersionCommand(), List.of(), out, err);
        }
        return find(args.get(0))
                .map(c -> invoke(c, args.subList(1, args.size()), out, err))
                .orElseGet(() -> unknown(args.get(0), err));
    }

    private Optional<Command> find(String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private int unknown(String name, PrintStream err) {
        err.println("workbench: there is no command called '" + name + "'. Run 'workbench --help' to list the commands.");
        return USAGE;
    }

    private static int invoke(Command command, List<String> args, PrintStream out, PrintStream err) {
        try {
            return command.run(args, out, err);
        } catch (UsageException e) {
            err.println("workbench " + command.name() + ": " + e.getMessage());
            err.println("Run 'workbench " + command.name() + " --help' for its options.");
            return USAGE;
        } catch (Exception e) {
            err.println("workbench " + command.name() + ": " + e.getMessage());
            return FAILED;
        }
    }

    public void printUsage(PrintStream out) {
        out.println("Incident Workbench: investigate misbehaving Linux servers over SSH.");
        out.println();
        out.println("Usage: workbench                 open the window");
        out.println("       workbench COMMAND [ARGS]  run one command (each takes --help)");
        out.println();
        out.println("Commands:");
        for (Command c : commands) {
            out.printf("  %-12s %s%n", c.name(), c.summary());
        }
    }
}
