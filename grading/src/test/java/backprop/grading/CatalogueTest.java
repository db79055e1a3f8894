package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueTest {

    @TempDir
    Path temp;

    @Test
    void readsTheFixtureWithoutCompilingIt() {
        Catalogue catalogue = Catalogue.read(GraderRobustnessTest.TESTS);
        assertEquals(List.of("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"), catalogue.tasks());
        GradedTest hidden = catalogue.tests().stream().filter(t -> t.method().equals("zero")).findFirst().orElseThrow();
        assertEquals(Visibility.HIDDEN, hidden.visibility());
        assertEquals("exercises.ch1.AdderHiddenTest", hidden.className());
        GradedTest slow = catalogue.tests().stream().filter(t -> t.task().equals("3.2")).findFirst().orElseThrow();
        assertEquals(8, slow.timeoutSeconds());
        assertEquals(2, catalogue.tests().stream().filter(t -> t.task().equals("1.1") && t.visibility() == Visibility.VISIBLE).count());
        // visible tests come before hidden ones of the same task
        assertEquals(Visibility.HIDDEN, catalogue.tests().get(2).visibility());
    }

    private String rejectionOf(String body) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("t" + System.nanoTime()).resolve("p"));
        Files.writeString(dir.resolve("XTest.java"), "package p;\nimport backprop.grading.*;\nimport org.junit.jupiter.api.*;\n"
                + "class XTest {\n" + body + "\n}\n");
        return assertThrows(IllegalArgumentException.class, () -> Catalogue.read(dir.getParent())).getMessage();
    }

    @Test
    void mixingVisibleAndHiddenTestsInOneFileIsRejected() throws IOException {
        String message = rejectionOf("@Graded(task = \"1.1\", name = \"a\", points = 1) void a() {}\n"
                + "@Graded(task = \"1.1\", name = \"b\", points = 1, visibility = Visibility.HIDDEN) void b() {}");
        assertTrue(message.contains("mixes visible tests with hidden ones"), message);
    }

    @Test
    void valuesMustBeLiterals() throws IOException {
        String message = rejectionOf("static final String T = \"1.1\";\n@Graded(task = T, name = \"a\", points = 1) void a() {}");
        assertTrue(message.contains("task = \"…\" as a string literal"), message);
        assertTrue(message.contains("XTest.java line 6"), message);
    }

    @Test
    void everyTestIsGradedAndHasPoints() throws IOException {
        assertTrue(rejectionOf("@Test void a() {}").contains("@Test without @Graded"));
        assertTrue(rejectionOf("@Graded(task = \"1.1\", name = \"a\", points = 0) void a() {}").contains("points must be at least 1"));
        assertTrue(rejectionOf("@Graded(task = \"one\", name = \"a\", points = 1) void a() {}").contains("is not a task number"));
        assertTrue(rejectionOf("@Disabled @Graded(task = \"1.1\", name = \"a\", points = 1) void a() {}").contains("@Disabled is not allowed"));
        assertTrue(rejectionOf("@Graded(task = \"1.1\", name = \"a\", points = 1) void a(int x) {}").contains("takes no parameters"));
    }
}
