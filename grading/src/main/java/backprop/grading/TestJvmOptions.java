package backprop.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of a test JVM ({@link TestProcess}). It lives a second or two and runs one
 * submission's tests, and a class grader starts one or more per submission: what it costs is
 * mostly its start-up and its first touches of fresh memory, not long-running code. Every option
 * here keeps what a test sees the same (the heap limit above all: a test that runs out of memory
 * does so at the same size); they only make the JVM cheaper to run.
 *
 * <p>Measured on the kit's 2-core virtual machine, where a page fault is dear (processor time of
 * one test JVM running the 83 tests of a correct submission, median of 8 runs, the class-data
 * archive mapped): 1.39 s with the default young generation and small pages, 1.19 s with a 16 MB
 * young generation, 0.98 s with huge pages as well; one compiler thread saves 5-10 % more
 * ({@code bench/README.md}).
 */
final class TestJvmOptions {

    /** The young generation's size at most, in MB. */
    static final int YOUNG_MEGABYTES = 16;

    /** Where Linux says whether it gives huge pages to memory that asks for them. */
    private static final Path TRANSPARENT_HUGE_PAGES = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    /**
     * The kernel's settings the JVM reads before it asks for huge pages (world-readable, nobody's
     * data): the sandbox shows them, read-only, or the JVM would warn and use small pages.
     */
    static final List<Path> KERNEL_SETTINGS = List.of(TRANSPARENT_HUGE_PAGES,
            Path.of("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size"));

    private static final boolean HUGE_PAGES_ON_REQUEST = hugePagesOnRequest(TRANSPARENT_HUGE_PAGES);

    private TestJvmOptions() {}

    /**
     * The test JVM's options, without a classpath.
     *
     * @param heapMegabytes the heap's limit
     * @param outputLimit   the most characters of printed output kept per test
     */
    static List<String> of(int heapMegabytes, int outputLimit) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heapMegabytes + "m",
                "-XX:+ExitOnOutOfMemoryError",     // die at once, so the runner can say which test did it
                // a short-lived JVM: the quick compiler only, the simplest collector, no statistics file
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto",
                // one compiler thread, not two: most of what a second one compiles hardly runs again
                // before the JVM ends (5-10 % less processor time, measured in five A/B rounds)
                "-XX:CICompilerCount=1",
                // By default the young generation is a third of the heap (85 MB of 256), and all of it
                // is touched, page by page, before the first collection: a page fault for every 4 KB.
                // A small one is reused instead, and the tests' garbage is collected in a few
                // milliseconds. The heap's limit stays: the old generation takes the rest.
                "-Xmn" + Math.min(YOUNG_MEGABYTES, heapMegabytes / 4) + "m",
                "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8",
                "-D" + TestProcess.OUTPUT_LIMIT + "=" + outputLimit));
        // One fault per 2 MB of heap instead of one per 4 KB, where the kernel gives huge pages to
        // memory that asks for them. (Where it gives them always, the JVM has them anyway; where
        // never, or on a kernel without them, the option would do nothing or print a warning.)
        if (HUGE_PAGES_ON_REQUEST) options.add("-XX:+UseTransparentHugePages");
        return options;
    }

    /** Whether the kernel's transparent huge pages are in "madvise" mode: given to memory that asks. */
    static boolean hugePagesOnRequest(Path setting) {
        try {
            return Files.readString(setting, StandardCharsets.US_ASCII).contains("[madvise]");
        } catch (IOException | RuntimeException e) {
            return false;   // not Linux, or a kernel without them
        }
    }
}
