package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckTest {

    @TempDir
    Path kit;

    @Test
    void checksOneTaskOfTheStudentsCurrentCode() throws IOException {
        GraderRobustnessTest.copyTree(GraderRobustnessTest.FIXTURE.resolve("solutions"), kit.resolve("solutions"));
        Release.release(kit);

        Check.Result starter = Check.run(kit, t -> t.task().equals("1.1"), "Exercise 1.1");
        assertFalse(starter.passed());
        assertEquals(2, starter.report().results().size(), "only the visible tests run");
        String text = starter.text();
        assertTrue(text.startsWith("Exercise 1.1: 0 of 2 visible tests pass (0/3 points)"), text);
        assertTrue(text.contains("Exercise 1.1: add the two numbers"), text);
        assertEquals(text, Check.run(kit, t -> t.task().equals("1.1"), "Exercise 1.1").text(), "the same text every run");

        Path adder = kit.resolve("exercises/src/main/java/exercises/ch1/Adder.java");
        Files.writeString(adder, Files.readString(adder).replace(
                "throw new UnsupportedOperationException(\"Exercise 1.1: add the two numbers\");", "return a + b;"));
        Check.Result done = Check.run(kit, t -> t.task().equals("1.1"), "Exercise 1.1");
        assertTrue(done.passed(), done.text());
        Map<String, String> bundle = done.mimeBundle();
        assertTrue(bundle.get("text/html").contains("<table>"));
        assertTrue(bundle.get("text/plain").startsWith("Exercise 1.1: all 2 visible tests pass (3/3 points)"), bundle.get("text/plain"));
    }

    @Test
    void anUnknownTaskSaysWhichTasksThereAre() throws IOException {
        GraderRobustnessTest.copyTree(GraderRobustnessTest.FIXTURE.resolve("solutions"), kit.resolve("solutions"));
        Release.release(kit);
        String message = assertThrows(IllegalArgumentException.class, () -> Check.run(kit, t -> t.task().equals("9.9"), "Exercise 9.9"))
                .getMessage();
        assertTrue(message.contains("there is no exercise 9.9; the exercises are 1.1, 1.2"), message);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Check.task("four")).getMessage().contains("such as \"4.2\""));
    }
}
