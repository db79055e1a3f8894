package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's own course, in whichever copy this build is: the instructor's (with solutions/) or a
 * student's (made by {@code ./course release --student-repo}, without it).
 */
class RealCourseTest {

    static final Path KIT = Path.of("..").toAbsolutePath().normalize();
    static final boolean INSTRUCTOR_COPY = Files.isDirectory(KIT.resolve("solutions/src/test/java"));

    @Test
    void theCourseHasEnoughGradedTasksInEveryChapter() {
        Catalogue catalogue = Catalogue.read(KIT.resolve(INSTRUCTOR_COPY ? "solutions/src/test/java" : "exercises/src/test/java"));
        assertTrue(catalogue.tasks().size() >= 18, "the course has at least 18 graded tasks, found " + catalogue.tasks());
        List<Integer> chapters = catalogue.tests().stream().map(GradedTest::chapter).distinct().sorted().collect(Collectors.toList());
        assertTrue(chapters.containsAll(List.of(1, 2, 3, 4, 5, 6, 7)), "chapters 1 to 7 have graded tasks, found " + chapters);
        for (int chapter : chapters) {
            // exercise chapter N goes with notebook 0N (a student reads the notebook, then writes chN)
            try (var notebooks = Files.list(KIT.resolve("notebooks"))) {
                String prefix = String.format("%02d-", chapter);
                assertTrue(notebooks.anyMatch(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".ipynb")),
                        "exercise chapter " + chapter + " has no notebook notebooks/" + prefix + "….ipynb");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (INSTRUCTOR_COPY) {
            for (Visibility v : Visibility.values()) {
                assertTrue(catalogue.tests().stream().anyMatch(t -> t.visibility() == v), "no test is " + v);
            }
        } else {
            assertTrue(catalogue.tests().stream().allMatch(t -> t.visibility() == Visibility.VISIBLE),
                    "a student's copy holds visible tests only");
        }
    }

    @Test
    void theExercisesAreWhatReleaseMakesFromTheSolutions() {
        if (INSTRUCTOR_COPY) {
            assertEquals(0, Release.check(KIT), "exercises/ is stale: run ./course release");
        } else {
            // a student's copy: every exercise file still has the release's record (edits are the student's to make)
            assertTrue(Files.isRegularFile(KIT.resolve("exercises/" + Release.MANIFEST)));
        }
    }

    @Test
    void aStudentRepositoryHasNoSolutionsAndBuildsWithoutThem(@TempDir Path temp) throws IOException {
        Path student = temp.resolve("student");
        if (INSTRUCTOR_COPY) {
            assertEquals(0, Release.studentRepo(KIT, student));
        } else {
            GraderRobustnessTest.copyTree(KIT.resolve("exercises"), student.resolve("exercises"));
            Files.copy(KIT.resolve("pom.xml"), student.resolve("pom.xml"));
        }
        assertFalse(Files.exists(student.resolve("solutions")), "the solutions must not reach the students");
        assertFalse(Files.readString(student.resolve("pom.xml")).contains("<module>solutions</module>"));
        assertTrue(Files.isRegularFile(student.resolve("exercises/src/main/java/exercises/ch4/FourEquations.java")));
        try (var walk = Files.walk(student)) {
            assertTrue(walk.noneMatch(p -> p.getFileName().toString().endsWith("HiddenTest.java")
                    && !p.toString().contains("fixture")), "no hidden test of the course reaches the students");
        }
    }
}
