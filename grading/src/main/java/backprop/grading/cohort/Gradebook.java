package backprop.grading.cohort;

import backprop.grading.Isolation;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The class's gradebook: one row per student, one column per task with the points earned in it,
 * then the total, the maximum, whether the submission was graded, why not, and the isolation its
 * code ran in ({@link Isolation#option()}: bubblewrap, user or none).
 *
 * <pre>
 * student,name,1.1,1.2,…,6.3,total,max,status,note,isolation
 * ada,Ada Lovelace,3,4,…,3,86,86,graded,,bubblewrap
 * grace,grace,3,0,…,0,12,86,graded,,bubblewrap
 * linus,linus,0,0,…,0,0,86,not graded,the submission ada/ is empty: it has no Java files,
 * </pre>
 *
 * <p>A cell that a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}
 * at its start: a student can choose their folder's name) is written with a leading {@code '}.
 */
public final class Gradebook {

    /** The gradebook's file name in an output folder. */
    public static final String FILE = "gradebook.csv";

    private Gradebook() {}

    /** The gradebook as a table, students in the order given. */
    public static Table table(List<StudentResult> results, Assignment assignment) {
        Table table = Table.create("gradebook");
        StringColumn student = StringColumn.create("student"), name = StringColumn.create("name");
        table.addColumns(student, name);
        List<String> tasks = assignment.tasks();
        for (String task : tasks) table.addColumns(IntColumn.create(task));
        IntColumn total = IntColumn.create("total"), max = IntColumn.create("max");
        StringColumn status = StringColumn.create("status"), note = StringColumn.create("note");
        StringColumn isolation = StringColumn.create("isolation");
        table.addColumns(total, max, status, note, isolation);
        for (StudentResult r : results) {
            student.append(cell(r.student()));
            name.append(cell(r.name()));
            for (String task : tasks) table.intColumn(task).append(r.score(task));
            total.append(r.score());
            max.append(assignment.maxScore());
            status.append(r.wasGraded() ? "graded" : "not graded");
            note.append(r.wasGraded() ? "" : cell(r.error().replaceAll("\\s*\\R\\s*", " ")));
            isolation.append(word(r.isolation()));
        }
        return table;
    }

    /** Writes {@code gradebook.csv} into {@code folder}; returns the file. */
    public static Path write(List<StudentResult> results, Assignment assignment, Path folder) {
        Path file = folder.resolve(FILE);
        table(results, assignment).write().csv(file.toString());
        return file;
    }

    /** The isolation's word (bubblewrap, user, none) for its description; "" when the code did not run. */
    static String word(String description) {
        for (Isolation i : Isolation.values()) if (i.description().equals(description)) return i.option();
        return cell(description);
    }

    /** A cell a spreadsheet shows as text, never runs as a formula. */
    static String cell(String text) {
        if (text.isEmpty()) return text;
        char first = text.charAt(0);
        return "=+-@\t\r".indexOf(first) >= 0 ? "'" + text : text;
    }
}
