package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionTest {

    @TempDir
    Path temp;

    @Test
    void thePackageIsWhatTheCompilerSeesNotWhatATextMatchSees() throws IOException {
        Path starter = temp.resolve("starter");
        Files.createDirectories(starter.resolve("exercises/ch1"));
        Files.writeString(starter.resolve("exercises/ch1/Adder.java"), "package exercises.ch1;");
        Path submission = Files.createDirectories(temp.resolve("submission"));
        Files.writeString(submission.resolve("Commented.java"), "/*\npackage exercises.ch1;\n*/\npackage backprop.grading;\nclass Commented {}\n");
        Files.writeString(submission.resolve("Escaped.java"), "/* \\u002a/ package backprop.grading; /*\npackage exercises.ch1;\n*/\nclass Escaped {}\n");
        Files.writeString(submission.resolve("Adder.java"), "// package elsewhere;\npackage exercises.ch1;\nclass Adder {}\n");
        Files.createSymbolicLink(submission.resolve("Linked.java"), starter.resolve("exercises/ch1/Adder.java"));
        Path code = Submission.gather(submission, starter, new ArrayList<>());
        try (var files = Files.walk(code)) {
            assertEquals(List.of("exercises/ch1/Adder.java"), files.filter(Files::isRegularFile)
                    .map(p -> code.relativize(p).toString()).toList(), "only real exercise code, placed by its parsed package");
        } finally {
            JavaCompilation.deleteQuietly(code.getParent());
        }
    }

    @Test
    void filesArePlacedByTheirPackageAndTestsAreLeftOut() throws IOException {
        Path starter = temp.resolve("starter");
        Files.createDirectories(starter.resolve("exercises/ch1"));
        Files.writeString(starter.resolve("exercises/ch1/Adder.java"), "package exercises.ch1;");
        Files.writeString(starter.resolve("exercises/ch1/Looper.java"), "package exercises.ch1;");
        Path submission = Files.createDirectories(temp.resolve("submission/some/folder"));
        Files.writeString(submission.resolve("Adder.java"), "package exercises.ch1;\nclass Adder {}");
        Files.writeString(submission.resolve("AdderTest.java"), "package exercises.ch1;\nclass AdderTest {}");
        Files.writeString(submission.resolve("Other.java"), "package elsewhere;\nclass Other {}");
        List<String> notes = new ArrayList<>();
        Path code = Submission.gather(temp.resolve("submission"), starter, notes);
        try {
            assertTrue(Files.exists(code.resolve("exercises/ch1/Adder.java")));
            assertFalse(Files.exists(code.resolve("exercises/ch1/AdderTest.java")), "a submission never brings tests");
            assertFalse(Files.exists(code.resolve("elsewhere/Other.java")));
            assertEquals(1, notes.size());
            assertTrue(notes.get(0).contains("no exercises/ch1/Looper.java"), notes.toString());
        } finally {
            JavaCompilation.deleteQuietly(code.getParent());
        }
    }
}
