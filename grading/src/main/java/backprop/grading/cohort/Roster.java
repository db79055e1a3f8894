package backprop.grading.cohort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Who handed in what: the students of a class and their submissions, read from what the
 * instructor collected.
 *
 * <ul>
 *   <li><b>A folder of student folders</b>: {@code submissions/ada/…}, {@code submissions/grace/…};
 *       the folder's name is the student's id. A child may also be a zip ({@code ada.zip}) or a git
 *       repository ({@code ada/.git}, or a bare {@code ada.git}).</li>
 *   <li><b>A roster file</b> ({@code .csv} with the columns {@code student} and {@code repository}):
 *       one git repository per student, cloned before grading.</li>
 *   <li><b>A Gradescope "Export Submissions" zip</b>: one folder per submission next to
 *       {@code submission_metadata.yml}, which names each submission's students
 *       ({@link GradescopeExport}).</li>
 * </ul>
 *
 * <p>Nothing is copied or unpacked here: a roster only says where each submission is. A symbolic
 * link among the student folders is never followed: it is reported as that student's error.
 *
 * @param students the students in id order, each with the submissions that claim them
 * @param notes    what was left out and why (a stray file among the student folders)
 * @param source   what was read, for messages
 */
public record Roster(List<Student> students, List<String> notes, String source) {

    /**
     * One student and the submissions that claim them.
     *
     * @param id     the student's id
     * @param name   the student's name where the source gives one, else the id
     * @param claims the submissions naming this student: exactly one, unless something is wrong
     */
    public record Student(String id, String name, List<Claim> claims) {
        /** Why this student cannot be graded as handed in, or null when one clean submission is there. */
        String problem() {
            if (claims.size() > 1) {
                List<String> origins = claims.stream().map(Claim::origin).toList();
                return claims.size() + " submissions claim student " + id + ": " + String.join(", ", origins)
                        + ". Keep the one to grade (remove or rename the others) and run grade-class again.";
            }
            return claims.get(0).problem();
        }
    }

    /** Files that sit among student folders without being submissions, left out without a note. */
    private static final List<String> QUIET = List.of(".DS_Store", "Thumbs.db", "desktop.ini");

    /** Reads a folder of submissions, a roster {@code .csv} or a Gradescope export {@code .zip}. */
    public static Roster read(Path submissions) {
        Path path = submissions.toAbsolutePath().normalize();
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) return folder(path);
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("there are no submissions at " + submissions
                    + ": give a folder of student folders, a roster .csv or a Gradescope export .zip");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) return rosterFile(path);
        if (name.endsWith(".zip")) return GradescopeExport.read(path);
        throw new IllegalArgumentException(submissions + " is neither a folder, a roster .csv nor a Gradescope export .zip");
    }

    /** Groups claims by student (case and surrounding spaces do not count) and puts the students in id order. */
    static Roster of(List<Claim> claims, List<String> notes, String source) {
        Map<String, List<Claim>> byKey = new LinkedHashMap<>();
        for (Claim claim : claims) byKey.computeIfAbsent(claim.key(), k -> new ArrayList<>()).add(claim);
        List<Student> students = new ArrayList<>();
        for (List<Claim> same : byKey.values()) {
            same.sort(Comparator.comparing(Claim::origin));
            students.add(new Student(same.get(0).student().strip(), same.get(0).name(), List.copyOf(same)));
        }
        students.sort(Comparator.comparing((Student s) -> Claim.key(s.id())).thenComparing(Student::id));
        return new Roster(List.copyOf(students), List.copyOf(notes), source);
    }

    private static Roster folder(Path root) {
        List<Claim> claims = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Path> children;
        try (Stream<Path> list = Files.list(root)) {
            children = list.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the submissions in " + root, e);
        }
        for (Path child : children) {
            String file = child.getFileName().toString();
            String origin = file + (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) ? "/" : "");
            if (QUIET.contains(file) || file.startsWith(".")) continue;
            if (Files.isSymbolicLink(child)) {
                claims.add(Claim.refused(idOf(file), origin, origin + " is a symbolic link (to " + linkTarget(child)
                        + "): links are never followed, so that grading reads nothing outside " + root
                        + ". Copy the submission in instead."));
            } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                boolean git = Git.isRepository(child);
                claims.add(new Claim(idOf(file), idOf(file), git ? Claim.Kind.GIT : Claim.Kind.FOLDER, child, "", null,
                        origin, null));
            } else if (file.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                claims.add(new Claim(idOf(file), idOf(file), Claim.Kind.ZIP, child, "", null, origin, null));
            } else {
                notes.add("left out " + file + ": a submission is a folder, a .zip or a git repository");
            }
        }
        return of(claims, notes, root.toString());
    }

    /** A student's id from a folder or file name: {@code ada.zip}, {@code ada.git} and {@code ada/} are all {@code ada}. */
    static String idOf(String fileName) {
        String id = fileName.strip();
        for (String suffix : List.of(".zip", ".git")) {
            if (id.toLowerCase(Locale.ROOT).endsWith(suffix) && id.length() > suffix.length()) {
                id = id.substring(0, id.length() - suffix.length());
            }
        }
        return id.strip();
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "somewhere";
        }
    }

    /** A roster file: {@code student,repository} per line, a URL or a path for the repository. */
    private static Roster rosterFile(Path csv) {
        Table table;
        try {
            table = Table.read().usingOptions(CsvReadOptions.builder(csv.toFile()).header(true)
                    .columnTypesToDetect(List.of(ColumnType.STRING)).commentPrefix('#').build());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("could not read the roster " + csv + ": " + e.getMessage(), e);
        }
        for (String column : List.of("student", "repository")) {
            if (!table.columnNames().contains(column)) {
                throw new IllegalArgumentException("the roster " + csv + " has no column '" + column
                        + "': its first line must be 'student,repository' (it is '" + String.join(",", table.columnNames()) + "')");
            }
        }
        List<Claim> claims = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Path folder = csv.toAbsolutePath().getParent();
        for (int row = 0; row < table.rowCount(); row++) {
            String student = table.stringColumn("student").get(row).strip();
            String repository = table.stringColumn("repository").get(row).strip();
            String origin = "line " + (row + 2) + " of " + csv.getFileName();
            if (student.isEmpty()) {
                notes.add("left out " + origin + ": it names no student");
            } else if (repository.isEmpty()) {
                claims.add(Claim.refused(student, origin, origin + " gives no repository for " + student));
            } else if (repository.contains("://") || repository.startsWith("git@")) {
                claims.add(new Claim(student, student, Claim.Kind.REMOTE_GIT, null, "", repository, repository, null));
            } else {
                // a path on this machine, relative to the roster file
                Path local = folder.resolve(repository).normalize();
                claims.add(new Claim(student, student, Claim.Kind.REMOTE_GIT, null, "", local.toString(), repository, null));
            }
        }
        return of(claims, notes, csv.toString());
    }

    /** One line per student: who, and which submission. */
    @Override
    public String toString() {
        var out = new StringBuilder(students.size() + " students from " + source + "\n");
        for (Student s : students) out.append("  ").append(s.id()).append(": ").append(s.claims().get(0).origin()).append('\n');
        return out.toString();
    }
}
