package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SolutionRegionsTest {

    @Test
    void aRegionBecomesAStubThatThrowsForItsTask() {
        String solution = "class A {\n  int f() {\n    // BEGIN SOLUTION 4.2: write \"f\"\n    return 1;\n    // END SOLUTION\n  }\n}";
        var stubbed = SolutionRegions.stub(solution, "A.java");
        assertEquals("class A {\n  int f() {\n    // TODO Exercise 4.2: your code here\n"
                + "    throw new UnsupportedOperationException(\"Exercise 4.2: write \\\"f\\\"\");\n  }\n}", stubbed.text());
        assertEquals(1, stubbed.regions().size());
        assertEquals("4.2", stubbed.regions().get(0).task());
        assertEquals(3, stubbed.regions().get(0).line());
    }

    @Test
    void aRegionMayGiveItsOwnStub() {
        String solution = "  // BEGIN SOLUTION 1.3\n  //> // room for helpers\n  int helper() { return 0; }\n  // END SOLUTION\n";
        assertEquals("  // room for helpers\n", SolutionRegions.stub(solution, "A.java").text());
        String throwing = "    // BEGIN SOLUTION 2.1\n    //> int x = 0; throw new UnsupportedOperationException(\"Exercise 2.1: x\");\n"
                + "    int x = 5;\n    // END SOLUTION\n";
        assertTrue(SolutionRegions.stub(throwing, "A.java").text().contains("int x = 0; throw new UnsupportedOperationException(\"Exercise 2.1: x\");"));
    }

    @Test
    void aStubThatReturnsADefaultIsRejected() {
        String dishonest = "// BEGIN SOLUTION 2.1\n//> return 0;\nreturn 42;\n// END SOLUTION\n";
        String message = assertThrows(IllegalArgumentException.class, () -> SolutionRegions.stub(dishonest, "A.java")).getMessage();
        assertTrue(message.contains("must throw new UnsupportedOperationException(\"Exercise 2.1"), message);
    }

    @Test
    void brokenMarkersAreReportedWithTheirLine() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SolutionRegions.stub("a\n// BEGIN SOLUTION 1.1\nb\n", "A.java"))
                .getMessage().contains("A.java line 2: BEGIN SOLUTION 1.1 is never closed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SolutionRegions.stub("// END SOLUTION\n", "A.java"))
                .getMessage().contains("END SOLUTION without a BEGIN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SolutionRegions.stub("// BEGIN SOLUTION\n// END SOLUTION\n", "A.java"))
                .getMessage().contains("write the task after the marker"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SolutionRegions.stub("// BEGIN SOLUTION 1.1\n// BEGIN SOLUTION 1.2\n// END SOLUTION\n", "A.java"))
                .getMessage().contains("regions do not nest"));
    }
}
