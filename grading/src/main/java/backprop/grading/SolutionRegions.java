package backprop.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an instructor's solution file into the students' starter file by replacing every
 * solution region with a stub.
 *
 * <p>A region is marked like this (the text after the colon becomes the stub's message):
 * <pre>
 *     // BEGIN SOLUTION 4.2: δˡₖ = (Σⱼ wˡ⁺¹ⱼₖ δˡ⁺¹ⱼ) · σ′(zˡₖ)
 *     ...the solution...
 *     // END SOLUTION
 * </pre>
 * and becomes
 * <pre>
 *     // TODO Exercise 4.2: your code here
 *     throw new UnsupportedOperationException("Exercise 4.2: δˡₖ = (Σⱼ wˡ⁺¹ⱼₖ δˡ⁺¹ⱼ) · σ′(zˡₖ)");
 * </pre>
 * A region may give its own stub instead, as lines starting with {@code //>} inside it (they are
 * comments in the solution). Such a stub must either throw
 * {@code UnsupportedOperationException("Exercise 4.2…")} or contain no code at all (a region
 * that only removes a helper): never a default value that would let a test pass silently.
 */
public final class SolutionRegions {

    /** Where a region was and which task it belongs to. */
    public record Region(String task, int line) {}

    /** The starter version of a file, and the regions it had. */
    public record Stubbed(String text, List<Region> regions) {}

    private static final Pattern BEGIN = Pattern.compile("^(\\s*)//\\s*BEGIN SOLUTION\\b\\s*(.*)$");
    private static final Pattern END = Pattern.compile("^\\s*//\\s*END SOLUTION\\b.*$");
    private static final Pattern HEAD = Pattern.compile("([1-9][0-9]*\\.[1-9][0-9]*)\\s*(?::\\s*(.*))?");
    private static final Pattern STUB = Pattern.compile("^\\s*//>\\s?(.*)$");

    private SolutionRegions() {}

    /** Whether a text has any solution region markers. */
    public static boolean hasMarkers(String text) {
        return text.lines().anyMatch(line -> BEGIN.matcher(line).matches() || END.matcher(line).matches());
    }

    /**
     * The starter version of {@code text}.
     *
     * @param file names the file in error messages
     * @throws IllegalArgumentException naming the file and line of an unpaired, nested or malformed marker
     */
    public static Stubbed stub(String text, String file) {
        return stub(text, file, task -> true);
    }

    /**
     * The text with the regions of the tasks {@code which} accepts replaced by stubs; every other
     * region is left as it is, markers included (a submission that wrote some tasks and not others).
     */
    public static Stubbed stub(String text, String file, Predicate<String> which) {
        List<String> out = new ArrayList<>();
        List<Region> regions = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            Matcher begin = BEGIN.matcher(line);
            if (END.matcher(line).matches()) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": END SOLUTION without a BEGIN SOLUTION before it");
            }
            if (!begin.matches()) {
                out.add(line);
                i++;
                continue;
            }
            String indent = begin.group(1);
            Matcher head = HEAD.matcher(begin.group(2).trim());
            if (!head.matches()) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": write the task after the marker, "
                        + "as in \"// BEGIN SOLUTION 4.2: what to write\"");
            }
            String task = head.group(1);
            String what = head.group(2) == null || head.group(2).isBlank() ? "not written yet" : head.group(2).trim();
            int start = i;
            List<String> stub = new ArrayList<>();
            i++;
            while (i < lines.length && !END.matcher(lines[i]).matches()) {
                if (BEGIN.matcher(lines[i]).matches()) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": a BEGIN SOLUTION inside the region "
                            + "opened on line " + (start + 1) + " (regions do not nest)");
                }
                Matcher s = STUB.matcher(lines[i]);
                if (s.matches()) stub.add(indent + s.group(1));
                i++;
            }
            if (i == lines.length) {
                throw new IllegalArgumentException(file + " line " + (start + 1) + ": BEGIN SOLUTION " + task + " is never closed by END SOLUTION");
            }
            i++;   // past END SOLUTION
            regions.add(new Region(task, start + 1));
            if (!which.test(task)) {
                for (int k = start; k < i; k++) out.add(lines[k]);
            } else if (stub.isEmpty()) {
                out.add(indent + "// TODO Exercise " + task + ": your code here");
                out.add(indent + "throw new UnsupportedOperationException(\"Exercise " + task + ": " + escape(what) + "\");");
            } else {
                requireHonest(stub, task, file, start + 1);
                out.addAll(stub);
            }
        }
        return new Stubbed(String.join("\n", out), List.copyOf(regions));
    }

    /** A stub of one's own must throw for its task, or hold no code at all. */
    private static void requireHonest(List<String> stub, String task, String file, int line) {
        String code = stub.stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("//"))
                .reduce("", (a, b) -> a + b + "\n");
        if (code.isEmpty()) return;
        if (!code.contains("throw new UnsupportedOperationException(\"Exercise " + task)) {
            throw new IllegalArgumentException(file + " line " + line + ": the stub given with //> for task " + task
                    + " must throw new UnsupportedOperationException(\"Exercise " + task + ": …\") (or hold no code), "
                    + "so that an unwritten exercise can never pass a test by returning a default value");
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
