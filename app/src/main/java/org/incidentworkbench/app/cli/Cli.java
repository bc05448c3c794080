package org.incidentworkbench.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.incidentworkbench.app.AppInfo;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * {@code workbench SUBCOMMAND ...} on picocli: parses the command line into the registered commands'
 * options, prints generated {@code --help}, and turns every mistake into a sentence on stderr with the
 * exit code the command line has always had (0 done, 1 the work failed, 2 usage error).
 *
 * <p>The product's command-line commands are {@link #standard()}; the launcher adds the ones that need the
 * window ({@code screenshots}) or live outside the product jar ({@code bench}) with {@link #with}, so this
 * package never reaches into the window's code.
 */
public final class Cli {

    public static final int OK = AppInfo.OK;
    public static final int FAILED = AppInfo.FAILED;
    public static final int USAGE = AppInfo.USAGE;

    /** Incident recording moved from {@code playbook} to {@code incident}; the old spellings keep working. */
    private static final Set<String> INCIDENT_SUBCOMMANDS = Set.of("new", "note", "attach", "close", "list");

    private final List<Object> commands;

    /** @param commands picocli {@code @Command} objects, in the order {@code --help} lists them */
    public Cli(List<?> commands) {
        this.commands = List.copyOf(commands);
    }

    /** The command-line commands of the product, in the order {@code --help} lists them. */
    public static Cli standard() {
        List<Object> all = new ArrayList<>();
        // Subcommands register here, one line each.
        all.add(new VersionCommand());
        all.add(new TriageCommand());
        all.add(new ParseCommand());
        all.add(new SampleCommand());
        all.add(new StoreCommand());
        all.add(new ForecastCommand());
        all.add(new HistoryCommand());
        all.add(new PlaybookCommand());
        all.add(new IncidentCommand());
        all.add(new CompletionCommand());
        return new Cli(all);
    }

    /** These commands and {@code more} after them. */
    public Cli with(List<?> more) {
        List<Object> all = new ArrayList<>(commands);
        all.addAll(more);
        return new Cli(all);
    }

    public int run(List<String> args, PrintStream out, PrintStream err) {
        CommandLine root = commandLine(out, err);
        if (args.isEmpty()) {
            root.usage(root.getOut());
            root.getOut().flush();
            return OK;
        }
        try {
            return root.execute(aliased(args).toArray(String[]::new));
        } finally {
            root.getOut().flush();
            root.getErr().flush();
        }
    }

    /** {@code playbook new|note|attach|close|list ...} as {@code incident ...}. */
    static List<String> aliased(List<String> args) {
        if (args.size() >= 2 && args.get(0).equals("playbook") && INCIDENT_SUBCOMMANDS.contains(args.get(1))) {
            List<String> moved = new ArrayList<>(args);
            moved.set(0, "incident");
            return moved;
        }
        return args;
    }

    /** The whole command tree, writing to these streams; also what {@code completion} describes. */
    public CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine root = new CommandLine(new Root());
        for (Object c : commands) {
            root.addSubcommand(c);
        }
        root.addSubcommand("help", new CommandLine.HelpCommand());
        root.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        root.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        addHelpOption(root);
        root.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        root.setUsageHelpWidth(100);
        root.setHelpFactory(SpacedHelp::new);
        root.setExpandAtFiles(false); // '@host' style arguments are names, not files to read arguments from
        root.setOverwrittenOptionsAllowed(true); // as before: the last --db wins
        root.setCaseInsensitiveEnumValuesAllowed(true);
        root.setParameterExceptionHandler((e, typed) -> usageError(e.getCommandLine(), describe(e)));
        root.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof UsageException) {
                return usageError(commandLine, e.getMessage());
            }
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return FAILED;
        });
        streamsTo(root, out, err);
        return root;
    }

    /** {@code -h}/{@code --help} on every command that does not declare it. */
    private static void addHelpOption(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("show this help").build());
        }
        cl.getSubcommands().values().stream().distinct().forEach(Cli::addHelpOption);
    }

    private static void streamsTo(CommandLine cl, PrintStream out, PrintStream err) {
        if (cl.getCommand() instanceof CliCommand c) {
            c.streams(out, err);
        }
        cl.getSubcommands().values().forEach(sub -> streamsTo(sub, out, err));
    }

    private static int usageError(CommandLine cl, String message) {
        String name = cl.getCommandSpec().qualifiedName();
        cl.getErr().println(name + ": " + message);
        cl.getErr().println(cl.getCommandSpec().parent() == null ? "Run 'workbench --help' to list the commands."
                : "Run '" + name + " --help' for its options.");
        return USAGE;
    }

    /** picocli's parse errors as sentences that say what to do. */
    private static String describe(ParameterException e) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            if (first.startsWith("-") && !first.equals("-") && spec.name().equals("note")) {
                return IncidentCommand.dashedNote(first);
            }
            if (first.startsWith("-") && !first.equals("-")) {
                return "there is no option '" + first + "'.";
            }
            if (spec.parent() == null) {
                return "there is no command called '" + first + "'.";
            }
            if (!spec.subcommands().isEmpty()) {
                return "'" + first + "' is not " + article(spec.name()) + " subcommand; use " + or(visibleSubcommands(spec)) + ".";
            }
            return "'" + first + "' is one argument too many.";
        }
        if (e instanceof CommandLine.MissingParameterException m) {
            List<String> labels = m.getMissing().stream().map(Cli::label).toList();
            return "give " + String.join(" and ", labels) + ".";
        }
        if (e.getCause() instanceof CommandLine.TypeConversionException && e.getArgSpec() != null) {
            return label(e.getArgSpec()) + " takes " + e.getArgSpec().paramLabel() + ": " + e.getCause().getMessage() + ".";
        }
        return e.getMessage();
    }

    private static String label(ArgSpec arg) {
        return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
    }

    private static List<String> visibleSubcommands(CommandSpec spec) {
        return spec.subcommands().entrySet().stream()
                .filter(s -> !s.getValue().getCommandSpec().usageMessage().hidden() && s.getKey().equals(s.getValue().getCommandName()))
                .map(java.util.Map.Entry::getKey).toList();
    }

    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private static String or(List<String> words) {
        return words.size() <= 1 ? String.join("", words)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** The top level: {@code workbench --help}, {@code --version}. */
    @CommandLine.Command(name = "workbench", mixinStandardHelpOptions = true, versionProvider = VersionCommand.class,
            headerHeading = "", header = "Incident Workbench: investigate misbehaving Linux servers over SSH.%n",
            customSynopsis = {"workbench                 open the window",
                    "       workbench COMMAND [ARGS]  run one command (each takes --help)"},
            commandListHeading = "%nCommands:%n",
            footer = {"", "Exit status: 0 done, 1 the work failed (for example some hosts could not be triaged), 2 usage error."})
    static final class Root implements Runnable {
        @CommandLine.Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** Help with options shown as {@code --db FILE}, as typed, rather than picocli's {@code --db=FILE}. */
    static final class SpacedHelp extends Help {
        SpacedHelp(CommandSpec spec, ColorScheme scheme) {
            super(spec, scheme);
        }

        /**
         * Footers are written as lines of about the help's width; picocli wraps each line on its own, so a line a few
         * characters too long left one word on a line of its own. A line longer than {@link #BROKEN_AT} continues
         * into the next one (unless that is empty or indented), and the paragraph is wrapped as a whole.
         */
        @Override
        public String footer(Object... params) {
            UsageMessageSpec usage = commandSpec().usageMessage();
            return join(ansi(), usage.width(), usage.adjustLineBreaksForWideCJKCharacters(), paragraphs(usage.footer()),
                    new StringBuilder(), params).toString();
        }

        /** Shorter lines end where their author ended them (a list, "Exit status: ..."). */
        static final int BROKEN_AT = 80;

        static String[] paragraphs(String[] lines) {
            List<String> out = new ArrayList<>();
            String previous = "";
            for (String line : lines) {
                if (previous.length() >= BROKEN_AT && !line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                    out.set(out.size() - 1, out.get(out.size() - 1) + " " + line);
                } else {
                    out.add(line);
                }
                previous = line;
            }
            return out.toArray(String[]::new);
        }

        /** picocli puts its own space between a short-only option and its label: "-F  FILE" becomes "-F FILE". */
        @Override
        public String optionList() {
            return super.optionList().replaceAll("(?m)^(\\s+-[A-Za-z])  (\\S+)", "$1 $2 ");
        }

        @Override
        public IParamLabelRenderer parameterLabelRenderer() {
            IParamLabelRenderer picocli = super.parameterLabelRenderer();
            return new IParamLabelRenderer() {
                @Override
                public Ansi.Text renderParameterLabel(ArgSpec arg, Ansi ansi, List<Ansi.IStyle> styles) {
                    Ansi.Text text = picocli.renderParameterLabel(arg, ansi, styles);
                    String plain = text.plainString();
                    return plain.startsWith("=") ? ansi.new Text(" " + plain.substring(1), colorScheme()) : text;
                }

                @Override
                public String separator() {
                    return " ";
                }
            };
        }
    }
}
