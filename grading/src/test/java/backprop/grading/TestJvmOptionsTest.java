package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestJvmOptionsTest {

    @TempDir
    Path temp;

    @Test
    void hugePagesOnlyWhereTheKernelGivesThemToMemoryThatAsks() throws IOException {
        Path setting = temp.resolve("enabled");
        Files.writeString(setting, "always [madvise] never\n");
        assertTrue(TestJvmOptions.hugePagesOnRequest(setting));
        Files.writeString(setting, "[always] madvise never\n");     // the JVM has them without asking
        assertFalse(TestJvmOptions.hugePagesOnRequest(setting));
        Files.writeString(setting, "always madvise [never]\n");
        assertFalse(TestJvmOptions.hugePagesOnRequest(setting));
        assertFalse(TestJvmOptions.hugePagesOnRequest(temp.resolve("no-such-kernel-setting")));
    }

    @Test
    void theHeapLimitIsTheOneAskedForAndTheYoungGenerationAQuarterOfItAtMost() {
        List<String> options = TestJvmOptions.of(256, 8000);
        assertTrue(options.contains("-Xmx256m"), options::toString);
        assertTrue(options.contains("-Xmn16m"), options::toString);
        assertTrue(TestJvmOptions.of(32, 8000).contains("-Xmn8m"));
    }

    /**
     * A JVM that is refused the huge pages it asks for says so on its standard output, which would
     * end up in students' crash messages; and in the sandbox it would be refused them if it could
     * not read the kernel's settings. So: started in the sandbox as the grader starts it, it prints
     * nothing but what it is asked, has the heap asked for, and maps its heap in huge pages
     * wherever the grader asks for them.
     */
    @Test
    void aTestJvmInTheSandboxStartsSilentlyWithItsHeapAndItsPages() throws Exception {
        Path classes = temp.resolve("classes");
        Path copy = classes.resolve("backprop/grading/TestJvmOptionsTest$HeapSize.class");
        Files.createDirectories(copy.getParent());
        try (var in = HeapSize.class.getResourceAsStream("TestJvmOptionsTest$HeapSize.class")) {
            Files.write(copy, in.readAllBytes());
        }
        Sandbox.makeReadable(classes);
        Path work = Files.createDirectories(temp.resolve("work"));
        Sandbox.letIn(temp);
        Sandbox.letIn(work);
        List<String> options = new ArrayList<>(TestJvmOptions.of(256, 8000));
        options.add("-Xlog:pagesize=info:stderr");
        try (Sandbox sandbox = Sandbox.detect(Isolation.AUTO, temp.resolve("staged"))) {
            Sandbox.Jail jail = sandbox.start(options, List.of(classes), HeapSize.class.getName(), work);
            try (jail) {
                Process jvm = jail.process();
                jvm.getOutputStream().close();
                String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                String log = new String(jvm.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
                long maxHeap = Long.parseLong(out);     // nothing else: no warning
                assertTrue(maxHeap > 240L << 20 && maxHeap <= 256L << 20, "max heap " + maxHeap);
                List<String> warnings = log.lines().filter(l -> l.contains("warning")).collect(Collectors.toList());
                assertEquals(List.of(), warnings, sandbox.description());
                if (options.contains("-XX:+UseTransparentHugePages")) {
                    assertTrue(log.lines().anyMatch(l -> l.contains("Heap:") && l.contains("page_size=2M")),
                            "the heap is not in huge pages in " + sandbox.description() + ":\n" + log);
                }
            }
        }
    }

    /** Prints the heap's limit, as the JVM it runs in sees it. */
    static final class HeapSize {
        public static void main(String[] args) {
            System.out.println(Runtime.getRuntime().maxMemory());
        }
    }
}
