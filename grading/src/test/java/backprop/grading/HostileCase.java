package backprop.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One attack of the hostile-submission suite, read from a {@code .case} file (the format is in
 * src/test/resources/hostile/README.md), and how to put it into a copy of the course's solutions.
 *
 * @param stoppedBy the layers that stop it each on its own: source, api, bubblewrap, user, harness
 */
record HostileCase(String name, String description, String task, int group, boolean expectSolution, Set<String> stoppedBy,
                   String message, List<String> mustNotLeak, String history, String region, String before, Map<String, String> files,
                   Map<String, String> symlinks) {

    static final Path FOLDER = Path.of("src/test/resources/hostile");
    static final Set<String> LAYERS = Set.of("source", "api", "bubblewrap", "user", "harness");

    /** Every case, in file order. */
    static List<HostileCase> all() {
        try (Stream<Path> list = Files.list(FOLDER)) {
            return list.filter(p -> p.toString().endsWith(".case")).sorted().map(HostileCase::read).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HostileCase read(Path file) {
        String name = file.getFileName().toString().replace(".case", "");
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var description = new StringBuilder();
        Map<String, String> header = new LinkedHashMap<>();
        List<String> mustNotLeak = new ArrayList<>();
        Map<String, String> symlinks = new LinkedHashMap<>();
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : lines) {
            if (line.startsWith("--- ")) {
                current = new StringBuilder();
                sections.put(line.substring(4).trim(), current);
            } else if (current != null) {
                current.append(line).append('\n');
            } else if (line.startsWith("#")) {
                description.append(line.substring(1).trim()).append(' ');
            } else if (line.startsWith("history:")) {
                header.put("history", line.substring("history:".length()).strip() + " ");
            } else if (line.contains(":")) {
                String key = line.substring(0, line.indexOf(':')).trim(), value = line.substring(line.indexOf(':') + 1).trim();
                if (key.equals("must-not-leak")) mustNotLeak.add(value);
                else if (key.equals("symlink")) symlinks.put(value.split(" -> ")[0].trim(), value.split(" -> ")[1].trim());
                else header.put(key, value);
            }
        }
        Map<String, String> files = new LinkedHashMap<>();
        sections.forEach((title, text) -> {
            if (title.startsWith("file ")) files.put(title.substring(5).trim(), text.toString());
        });
        return new HostileCase(name, description.toString().trim(), header.get("task"), Integer.parseInt(header.get("group")),
                "solution".equals(header.get("expect")), Set.of(header.get("stopped-by").split("\\s+")), header.get("message"),
                List.copyOf(mustNotLeak), header.get("history"), text(sections.get("region")), text(sections.get("before")), files, symlinks);
    }

    private static String text(StringBuilder section) {
        return section == null ? null : section.toString();
    }

    /** Whether the case runs when only {@code layer} (and the source rules, always on) defends. */
    boolean stoppedBy(String layer) {
        return layer.equals("all") || stoppedBy.contains(layer) || stoppedBy.contains("source");
    }

    /**
     * Puts the attack into a source root holding a copy of the solutions: its code into the task's
     * first solution region (the task's other regions become stubs), or before that region's
     * solution, and its extra files beside.
     */
    void applyTo(Path code, Path submission, Map<String, String> placeholders) throws IOException {
        for (Path file : javaFiles(code)) {
            String text = Files.readString(file);
            if (!text.contains("BEGIN SOLUTION " + task)) continue;
            String edited = editFirstRegion(text);
            edited = SolutionRegions.stub(edited, file.toString(), t -> t.equals(task) && before == null).text();
            Files.writeString(file, fill(edited, placeholders));
        }
        for (var entry : files.entrySet()) {
            Path target = entry.getKey().startsWith("exercises/") ? code.resolve(entry.getKey()) : submission.resolve(entry.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, fill(entry.getValue(), placeholders));
        }
        for (var entry : symlinks.entrySet()) {
            Path link = code.resolve(entry.getKey());
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(fill(entry.getValue(), placeholders)));
        }
    }

    /** The first region of the task, its markers gone, with the attack's code in it or before it. */
    private String editFirstRegion(String text) {
        if (region == null && before == null) return text;
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>();
        boolean done = false;
        for (int i = 0; i < lines.length; i++) {
            if (!done && lines[i].trim().matches("//\\s*BEGIN SOLUTION " + java.util.regex.Pattern.quote(task) + "\\b.*")) {
                int end = i + 1;
                while (!lines[end].trim().startsWith("// END SOLUTION")) end++;
                if (before != null) out.add(before.stripTrailing());
                if (region != null) {
                    out.add(region.stripTrailing());
                } else {
                    for (int k = i + 1; k < end; k++) out.add(lines[k]);
                }
                i = end;
                done = true;
            } else {
                out.add(lines[i]);
            }
        }
        return String.join("\n", out);
    }

    static String fill(String text, Map<String, String> placeholders) {
        String out = text;
        for (var entry : placeholders.entrySet()) out = out.replace(entry.getKey(), entry.getValue());
        return out;
    }

    static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted().collect(Collectors.toList());
        }
    }
}
