package backprop.grading;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of the grading tools ({@code ./course grade}, {@code ./course release},
 * {@code ./course gradescope}): one parser, so that every tool answers a bad argument the same
 * way, by naming what was wrong and printing its usage.
 *
 * <p>A tool describes its options, then parses:
 * <pre>{@code
 * CommandLine line = new CommandLine("release", "regenerate exercises/ from solutions/")
 *         .flag("--check", "fail if exercises/ is stale, write nothing")
 *         .option("--kit", "DIR", "the kit's folder");
 * CommandLine.Arguments args = line.parse("--check", "--kit", "../kit");
 * args.has("--check");                  // true
 * args.path("--kit");                   // Optional[../kit]
 * }</pre>
 * Options are written {@code --name VALUE} or {@code --name=VALUE}. Everything that is not right
 * ends in a {@link Usage} exception whose message says what: an unknown option, an option
 * without its value, a value that is not a number or out of range, an option given twice, an
 * argument too many.
 */
final class CommandLine {

    /** A bad command line: the message says what is wrong, {@link #usage()} how to write it. */
    static final class Usage extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String usage;

        Usage(String problem, String usage) {
            super(problem);
            this.usage = usage;
        }

        /** The tool's usage text. */
        String usage() {
            return usage;
        }
    }

    /** One option: a flag when {@code valueName} is null, else an option that takes a value. */
    private record Option(String name, String valueName, String help) {}

    private final String program;
    private final String purpose;
    private final Map<String, Option> options = new LinkedHashMap<>();
    private String positionalName;
    private String positionalHelp;

    /**
     * @param program the tool's name as the user types it after {@code ./course}
     * @param purpose one line on what the tool does
     */
    CommandLine(String program, String purpose) {
        this.program = program;
        this.purpose = purpose;
    }

    /** Adds an option without a value: present or not. */
    CommandLine flag(String name, String help) {
        options.put(name, new Option(name, null, help));
        return this;
    }

    /** Adds an option that takes a value, shown as {@code valueName} in the usage. */
    CommandLine option(String name, String valueName, String help) {
        options.put(name, new Option(name, valueName, help));
        return this;
    }

    /** Allows one argument that is not an option (such as a task number). */
    CommandLine positional(String name, String help) {
        this.positionalName = name;
        this.positionalHelp = help;
        return this;
    }

    /** The usage text: a synopsis, then one line per option. */
    String usage() {
        var synopsis = new StringBuilder("usage: ./course ").append(program);
        if (positionalName != null) synopsis.append(" [").append(positionalName).append(']');
        for (Option o : options.values()) {
            synopsis.append(" [").append(o.name()).append(o.valueName() == null ? "" : " " + o.valueName()).append(']');
        }
        var out = new StringBuilder(wrap(synopsis.toString())).append("\n").append(purpose).append("\n");
        List<String[]> rows = new ArrayList<>();
        if (positionalName != null) rows.add(new String[] {positionalName, positionalHelp});
        for (Option o : options.values()) {
            rows.add(new String[] {o.name() + (o.valueName() == null ? "" : " " + o.valueName()), o.help()});
        }
        rows.add(new String[] {"-h, --help", "this text"});
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        for (String[] row : rows) {
            out.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", row[0], row[1]));
        }
        return out.toString();
    }

    private static String wrap(String synopsis) {
        var out = new StringBuilder();
        int lineStart = 0;
        for (String word : synopsis.split(" (?=\\[)")) {
            if (out.length() - lineStart + word.length() > 96 && out.length() > 0) {
                out.append("\n       ");
                lineStart = out.length() - 7;
            } else if (out.length() > 0) {
                out.append(' ');
            }
            out.append(word);
        }
        return out.toString();
    }

    /**
     * Reads the arguments.
     *
     * @throws Usage naming the first thing that is wrong with them
     */
    Arguments parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                if (positionalName == null) throw usage("unexpected argument '" + arg + "'");
                if (!positionals.isEmpty()) {
                    throw usage("unexpected argument '" + arg + "': " + positionalName + " was already given as '"
                            + positionals.get(0) + "'");
                }
                positionals.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            Option option = options.get(name);
            if (option == null) throw usage("unknown option " + name);
            if (values.containsKey(name)) throw usage(name + " is given twice");
            if (option.valueName() == null) {
                if (equals >= 0) throw usage(name + " takes no value, got '" + arg.substring(equals + 1) + "'");
                values.put(name, "");
                continue;
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw usage(name + " needs a value (" + option.valueName() + ")"
                        + (i + 1 < args.length ? ", but the next argument is the option " + args[i + 1] : ""));
            }
            if (value.isEmpty()) throw usage(name + " needs a value (" + option.valueName() + "), got an empty one");
            values.put(name, value);
        }
        return new Arguments(values, positionals, help);
    }

    private Usage usage(String problem) {
        return new Usage(problem, usage());
    }

    /** What {@link #parse} found. Typed getters check the values and throw {@link Usage}. */
    final class Arguments {
        private final Map<String, String> values;
        private final List<String> positionals;
        private final boolean help;

        private Arguments(Map<String, String> values, List<String> positionals, boolean help) {
            this.values = values;
            this.positionals = List.copyOf(positionals);
            this.help = help;
        }

        /** Whether {@code -h} or {@code --help} was given. */
        boolean helpWanted() {
            return help;
        }

        /** Whether a flag (or an option) was given. */
        boolean has(String name) {
            known(name);
            return values.containsKey(name);
        }

        /** An option's value as text. */
        Optional<String> text(String name) {
            known(name);
            return Optional.ofNullable(values.get(name));
        }

        /** An option's value as a path. */
        Optional<Path> path(String name) {
            return text(name).map(Path::of);
        }

        /** An option's value as a whole number in [min, max], or {@code fallback} when it was not given. */
        int integer(String name, int fallback, int min, int max) {
            Optional<String> text = text(name);
            if (text.isEmpty()) return fallback;
            int value;
            try {
                value = Integer.parseInt(text.get().trim());
            } catch (NumberFormatException e) {
                throw usage(name + " takes a whole number, got '" + text.get() + "'");
            }
            if (value < min || value > max) {
                throw usage(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        }

        /** An option's value as a number in [min, max], if it was given. */
        Optional<Double> number(String name, double min, double max) {
            Optional<String> text = text(name);
            if (text.isEmpty()) return Optional.empty();
            double value;
            try {
                value = Double.parseDouble(text.get().trim());
            } catch (NumberFormatException e) {
                throw usage(name + " takes a number, got '" + text.get() + "'");
            }
            if (!(value >= min && value <= max)) {
                throw usage(name + " must be between " + fmt(min) + " and " + fmt(max) + ", got " + text.get());
            }
            return Optional.of(value);
        }

        /** An option's value, which must be one of {@code allowed}; {@code fallback} when it was not given. */
        String choice(String name, String fallback, String... allowed) {
            Optional<String> text = text(name);
            if (text.isEmpty()) return fallback;
            if (!Arrays.asList(allowed).contains(text.get())) {
                throw usage(name + " takes one of " + String.join(", ", allowed) + ", got '" + text.get() + "'");
            }
            return text.get();
        }

        /** The argument that is not an option, if any. */
        Optional<String> positional() {
            return positionals.isEmpty() ? Optional.empty() : Optional.of(positionals.get(0));
        }

        /** A {@link Usage} for a problem the caller found (two options that do not go together, say). */
        Usage problem(String message) {
            return usage(message);
        }

        private void known(String name) {
            if (!options.containsKey(name)) throw new IllegalStateException("the tool has no option " + name);
        }
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
