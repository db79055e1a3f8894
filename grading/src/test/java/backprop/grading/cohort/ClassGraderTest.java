package backprop.grading.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The class grader with a stand-in for the real grader (the end-to-end run with the real one is
 * tools/check_grade_class.py): resuming, errors that cost only their student, shards and merging.
 */
class ClassGraderTest {

    @TempDir
    Path dir;

    private final AtomicInteger graded = new AtomicInteger();

    private ClassGrader grader(Path out, boolean regrade) {
        return new ClassGrader(Fixtures.ASSIGNMENT, code -> {
            graded.incrementAndGet();
            if (Files.exists(code.resolve("exercises/ch1/Adder.java"))
                    && Files.readString(code.resolve("exercises/ch1/Adder.java")).contains("explode")) {
                throw new IllegalStateException("the grader itself broke");
            }
            return Fixtures.grade(code);
        }, new ClassGrader.Settings(out, Fixtures.starter(dir), 2, regrade, Git.Revision.LAST, Intake.Limits.DEFAULT, Reveal.VISIBLE));
    }

    private Path classOf(String... studentsAndAdders) {
        Path subs = dir.resolve("subs");
        for (int i = 0; i < studentsAndAdders.length; i += 2) {
            Fixtures.write(subs, studentsAndAdders[i] + "/Adder.java", Fixtures.adder(studentsAndAdders[i + 1]));
        }
        return subs;
    }

    private static Progress quiet(int n) {
        return new Progress(n, new PrintStream(new ByteArrayOutputStream()), false);
    }

    private List<StudentResult> grade(Path subs, Path out, boolean regrade) {
        Roster roster = Roster.read(subs);
        return grader(out, regrade).run(roster.students(), quiet(roster.students().size()));
    }

    @Test
    void gradesEveryStudentAndWritesTheirFeedback() throws IOException {
        Path subs = classOf("ada", "right", "grace", "wrong");
        List<StudentResult> results = grade(subs, dir.resolve("out"), false);
        assertEquals(List.of(6, 2), results.stream().map(StudentResult::score).toList());
        for (String s : List.of("ada", "grace")) {
            assertTrue(Files.exists(dir.resolve("out/students/" + s + "/feedback.md")));
            assertTrue(Files.exists(dir.resolve("out/students/" + s + "/feedback.html")));
        }
        assertTrue(Files.readString(dir.resolve("out/students/grace/feedback.md")).contains("expected 4, got 20"));
        assertFalse(Files.exists(dir.resolve("out/.work/ada")), "the working copy of a submission is deleted");
    }

    @Test
    void aSecondRunGradesOnlyWhatChanged() {
        Path subs = classOf("ada", "right", "grace", "wrong", "linus", "wrong");
        grade(subs, dir.resolve("out"), false);
        assertEquals(3, graded.get());
        grade(subs, dir.resolve("out"), false);
        assertEquals(3, graded.get(), "nothing changed: nothing graded again");
        Fixtures.write(subs, "grace/Adder.java", Fixtures.adder("right now"));
        List<StudentResult> again = grade(subs, dir.resolve("out"), false);
        assertEquals(4, graded.get(), "only grace changed");
        assertEquals(6, again.get(1).score());
        grade(subs, dir.resolve("out"), true);
        assertEquals(7, graded.get(), "--regrade grades everyone");
    }

    @Test
    void aSubmissionThatBreaksTheGraderCostsOnlyItself() {
        Path subs = classOf("ada", "right", "bob", "explode", "grace", "wrong");
        List<StudentResult> results = grade(subs, dir.resolve("out"), false);
        assertEquals("the grader failed on this submission: the grader itself broke", results.get(1).error());
        assertEquals(List.of(true, false, true), results.stream().map(StudentResult::wasGraded).toList());
    }

    @Test
    void theGradebookHasARowPerStudentAColumnPerTaskAndTheTotal() throws IOException {
        Path subs = classOf("ada", "right", "grace", "wrong");
        Files.createDirectories(subs.resolve("=HYPERLINK(\"x\")"));
        Path out = dir.resolve("out");
        Path file = Gradebook.write(grade(subs, out, false), Fixtures.ASSIGNMENT, Files.createDirectories(out));
        List<String> lines = Files.readAllLines(file);
        assertEquals("student,name,1.1,1.2,total,max,status,note,isolation", lines.get(0));
        assertTrue(lines.get(1).startsWith("'=HYPERLINK(\"x\"),'=HYPERLINK"), "a formula is written as text: " + lines.get(1));
        assertTrue(lines.get(1).contains(",0,0,0,6,not graded,the submission"), lines.get(1));
        assertTrue(lines.get(1).endsWith(","), "code that did not run ran in no isolation: " + lines.get(1));
        assertEquals("ada,ada,2,4,6,6,graded,,none", lines.get(2));
        assertEquals("grace,grace,2,0,2,6,graded,,none", lines.get(3));
        Table table = Gradebook.table(grade(subs, out, false), Fixtures.ASSIGNMENT);
        assertEquals(3, table.rowCount());
    }

    @Test
    void shardsMergeIntoWhatOneMachineWrites() throws IOException {
        Path subs = classOf("ada", "right", "bob", "wrong", "cy", "right", "dee", "wrong", "eve", "right");
        Files.createDirectories(subs.resolve("empty"));
        Roster roster = Roster.read(subs);
        Path single = dir.resolve("single");
        List<StudentResult> all = grader(single, false).run(roster.students(), quiet(6));
        ShardInfo.of(Shard.ALL, roster, roster.students()).write(single);
        Gradebook.write(all, Fixtures.ASSIGNMENT, single);
        List<Path> shardOuts = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Shard shard = new Shard(i, 4);
            List<Roster.Student> mine = new java.util.ArrayList<>();
            for (int p = 0; p < roster.students().size(); p++) if (shard.takes(p)) mine.add(roster.students().get(p));
            Path out = dir.resolve("shard-" + i);
            grader(out, false).run(mine, quiet(mine.size()));
            ShardInfo.of(shard, roster, mine).write(out);
            shardOuts.add(out);
        }
        assertEquals(0, Merge.run(shardOuts, dir.resolve("merged"), Reveal.VISIBLE));
        assertEquals(Files.readString(single.resolve(Gradebook.FILE)), Files.readString(dir.resolve("merged").resolve(Gradebook.FILE)));
        assertEquals(Files.readString(single.resolve("students/eve/feedback.md")),
                Files.readString(dir.resolve("merged/students/eve/feedback.md")));

        var missing = assertThrows(IllegalArgumentException.class,
                () -> Merge.run(shardOuts.subList(0, 3), dir.resolve("merged-3"), Reveal.VISIBLE));
        assertTrue(missing.getMessage().contains("shard 4/4 is missing"), missing.getMessage());
        var twice = assertThrows(IllegalArgumentException.class,
                () -> Merge.run(List.of(shardOuts.get(0), shardOuts.get(0)), dir.resolve("merged-2"), Reveal.VISIBLE));
        assertTrue(twice.getMessage().contains("shard 1/4 is given twice"), twice.getMessage());
        Files.delete(shardOuts.get(2).resolve("students/" + ShardInfo.read(shardOuts.get(2)).students().get(0) + "/result.properties"));
        var incomplete = assertThrows(IllegalArgumentException.class,
                () -> Merge.run(shardOuts, dir.resolve("merged-4"), Reveal.VISIBLE));
        assertTrue(incomplete.getMessage().contains("shard 3/4") && incomplete.getMessage().contains("run that shard again"),
                incomplete.getMessage());
    }

    @Test
    void shardsOfAnotherClassAreNotMerged() {
        Path subs = classOf("ada", "right", "bob", "wrong");
        Roster roster = Roster.read(subs);
        Path a = dir.resolve("a"), b = dir.resolve("b");
        grader(a, false).run(roster.students().subList(0, 1), quiet(1));
        ShardInfo.of(new Shard(1, 2), roster, roster.students().subList(0, 1)).write(a);
        Roster other = Roster.read(classOf("ada", "right", "bob", "wrong", "cy", "right"));
        grader(b, false).run(other.students().subList(1, 2), quiet(1));
        ShardInfo.of(new Shard(2, 2), other, other.students().subList(1, 2)).write(b);
        var e = assertThrows(IllegalArgumentException.class, () -> Merge.run(List.of(a, b), dir.resolve("m"), Reveal.VISIBLE));
        assertTrue(e.getMessage().contains("of another class"), e.getMessage());
    }

    @Test
    void everyStudentIsInExactlyOneShardAndShardsDifferByOneAtMost() {
        for (int n = 1; n <= 7; n++) {
            int[] sizes = new int[n];
            for (int p = 0; p < 23; p++) {
                int owners = 0;
                for (int i = 1; i <= n; i++) {
                    if (new Shard(i, n).takes(p)) {
                        owners++;
                        sizes[i - 1]++;
                    }
                }
                assertEquals(1, owners);
            }
            assertTrue(java.util.Arrays.stream(sizes).max().getAsInt() - java.util.Arrays.stream(sizes).min().getAsInt() <= 1);
        }
        assertEquals(new Shard(2, 4), Shard.parse(" 2/4 "));
        for (String bad : List.of("0/4", "5/4", "2", "a/b", "1/0")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad));
            assertTrue(e.getMessage().contains("shard"), e.getMessage());
        }
    }

    @Test
    void anOutputFolderWithSomethingElseInItIsRefused() throws IOException {
        Path out = Files.createDirectories(dir.resolve("my-documents"));
        Files.writeString(out.resolve("thesis.tex"), "do not lose me");
        var e = assertThrows(IllegalArgumentException.class, () -> GradeClass.checkOutput(out));
        assertTrue(e.getMessage().contains("not written by grade-class"), e.getMessage());
        assertEquals("do not lose me", Files.readString(out.resolve("thesis.tex")));
    }

    @Test
    void studentIdsBecomeSafeFolderNames() {
        assertEquals("ada", ClassGrader.folderName("Ada"));
        assertTrue(ClassGrader.folderName("../../etc").matches("[a-z0-9._@+-]+"));
        assertFalse(ClassGrader.folderName("../../etc").startsWith("."));
        assertFalse(ClassGrader.folderName("a b").equals(ClassGrader.folderName("a_b")));
    }
}
