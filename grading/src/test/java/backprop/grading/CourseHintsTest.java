package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hints of the course's graded tests point at the real cause of a failure. Each {@link Bug}
 * below is a deliberately wrong solution, one classic mistake made in the instructor's solution
 * by replacing one piece of it; graded with the instructor's tests, the task it breaks must fail
 * with a message that names that mistake (and not a different one).
 *
 * <p>Bugs in different exercise files that do not reach each other's tasks are graded in one run,
 * to keep this cheap.
 */
class CourseHintsTest {

    static final Path KIT = RealCourseTest.KIT;
    static final Path SOLUTIONS = KIT.resolve("solutions/src/main/java");
    static final Path TESTS = KIT.resolve("solutions/src/test/java");

    /**
     * One mistake: in {@code file} (under exercises/), {@code find} (which must occur exactly once;
     * null for a second look, from another task, at the bug the entry before made)
     * becomes {@code replace}; then at least one graded test of {@code task} must fail with a message
     * containing {@code hint}, and none may say {@code wrongHint} (if given). (Not every test of
     * the task need fail: a batch of one example, say, cannot tell whether the 1/m is there.)
     */
    record Bug(String what, String file, String find, String replace, String task, String hint, String wrongHint) {}

    static final String BP2_SOLUTION = """
                    double[] delta = new double[z.length];
                    for (int k = 0; k < z.length; k++) {
                        double backward = 0;
                        for (int j = 0; j < deltaNext.length; j++) {
                            backward += wNext[j][k] * deltaNext[j];      // ((Wˡ⁺¹)ᵀ δˡ⁺¹)ₖ
                        }
                        delta[k] = backward * sigmoidPrime(z[k]);        // BP2: ⊙ σ′(zˡ)
                    }
            """;

    /** Each run grades a few bugs at once: no two in the same file, none reaching another's task. */
    static final List<List<Bug>> RUNS = List.of(
            List.of(
                    new Bug("BP2 without σ′", "ch4/FourEquations.java",
                            "delta[k] = backward * sigmoidPrime(z[k]);", "delta[k] = backward;",
                            "4.2", "the σ′(zˡ) factor is missing", "transpose"),
                    new Bug("softmax Jacobian with zeros off the diagonal", "ch5/SoftmaxCrossEntropy.java",
                            "jacobian[i][j] = a[i] * ((i == j ? 1 : 0) - a[j]);", "jacobian[i][j] = i == j ? a[i] * (1 - a[i]) : 0;",
                            "5.7", "aᵢ also depends on every OTHER zⱼ", null),
                    new Bug("a batch gradient that lost the 1/m", "ch5/BatchBackprop.java",
                            "delta[layers][j][i] = (a[layers][j][i] - y) / m;", "delta[layers][j][i] = a[layers][j][i] - y;",
                            "5.8", "times too large: C is the MEAN", null),
                    new Bug("a numerical gradient that does not put θᵢ back", "ch6/GradientChecking.java",
                            "parameters[i] = saved;                        // leave the parameters as they were", "",
                            "6.1", "θ0 was left at θ0 − h", null),
                    new Bug("a momentum step that moves by the old velocity", "ch8/DeepTraining.java",
                            "v[i] = mu * v[i] - eta * gradient[i];   // the velocity keeps μ of itself and adds the new step\n"
                                    + "            w[i] += v[i];                           // the parameters move by the new velocity",
                            "w[i] += v[i];\n            v[i] = mu * v[i] - eta * gradient[i];",
                            "8.1", "w moved by the OLD velocity", null),
                    new Bug("hidden deltas without σ′", "ch5/ScratchNetwork.java",
                            "layer[k].delta = costByOutput * layer[k].output * (1 - layer[k].output);", "layer[k].delta = costByOutput;",
                            "5.2", "the hidden deltas are missing σ′(zₖ)", "LEAVE neuron k"),
                    new Bug("the same bug, seen from the training loop", "ch5/ScratchNetwork.java", null, null,
                            "5.4", "your backwardPropagateError (Exercise 5.2)", "for every example, in this order"),
                    new Bug("a per-layer check that forgets the weights", "ch9/FindTheBug.java",
                            "for (int k = 0; k < nw[j].length; k++) worst = Math.max(worst, relativeError(aw[j][k], nw[j][k]));", "",
                            "9.1", "the error of the biases alone", null)),
            List.of(
                    new Bug("BP2 with σ instead of σ′", "ch4/FourEquations.java",
                            "delta[k] = backward * sigmoidPrime(z[k]);", "delta[k] = backward * sigmoid(z[k]);",
                            "4.2", "you multiplied by σ(zˡₖ)", "transpose"),
                    new Bug("softmax Jacobian with the wrong sign off the diagonal", "ch5/SoftmaxCrossEntropy.java",
                            "jacobian[i][j] = a[i] * ((i == j ? 1 : 0) - a[j]);", "jacobian[i][j] = i == j ? a[i] * (1 - a[i]) : a[i] * a[j];",
                            "5.7", "the wrong sign", null),
                    new Bug("output deltas built from expected − output", "ch5/ScratchNetwork.java",
                            "double costByOutput = neuron.output - expected[j];", "double costByOutput = expected[j] - neuron.output;",
                            "5.2", "every delta has the wrong sign", null),
                    new Bug("the power rule for a variable exponent too", "ch2/Value.java",
                            "exponent.grad += out.data * Math.log(this.data) * out.grad;",
                            "exponent.grad += exponent.data * Math.pow(this.data, exponent.data - 1) * out.grad;",
                            "2.5", "not the power rule again", null),
                    new Bug("the suspect handed in unchanged", "ch9/FindTheBug.java",
                            "before[k] *= a[l - 1][k] * (1 - a[l - 1][k]);", "before[k] *= sigmoidPrime(a[l - 1][k]);",
                            "9.2", "exactly the suspect's gradient", null)),
            List.of(
                    new Bug("BP2 without the transpose: one number per row of Wˡ⁺¹", "ch4/FourEquations.java", BP2_SOLUTION, """
                                    double[] delta = new double[wNext.length];
                                    for (int j = 0; j < wNext.length; j++) {
                                        double forward = 0;
                                        for (int k = 0; k < z.length; k++) forward += wNext[j][k] * deltaNext[j];
                                        delta[j] = forward * sigmoidPrime(z[j]);
                                    }
                            """, "4.2", "what the transpose does", "σ′(zˡ) factor is missing"),
                    new Bug("every hidden neuron collecting through the first weight", "ch5/ScratchNetwork.java",
                            "costByOutput += after.weights[k] * after.delta;", "costByOutput += after.weights[0] * after.delta;",
                            "5.2", "both hidden neurons used the weight of hidden neuron 0", null)),
            List.of(
                    new Bug("a linear output treated as a sigmoid", "ch4/FourEquations.java",
                            "delta[layers][j] = a[layers][j] - y[j];", "delta[layers][j] = (a[layers][j] - y[j]) * sigmoidPrime(z[layers][j]);",
                            "4.6", "the gradient of a SIGMOID output", null)),
            List.of(
                    new Bug("a linear output, and no σ′ in the hidden layers either", "ch4/FourEquations.java",
                            "delta[l] = bp2(w[l], delta[l + 1], z[l]);              // BP2 unchanged: the hidden layers are sigmoid",
                            "delta[l] = new double[z[l].length]; for (int k = 0; k < z[l].length; k++) for (int j = 0; j < delta[l + 1].length; j++) delta[l][k] += w[l][j][k] * delta[l + 1][j];",
                            "4.6", "the hidden layers are still sigmoid", null)));

    @TempDir
    Path temp;

    @Test
    void everyBugGetsTheHintThatNamesIt() throws IOException {
        assumeTrue(RealCourseTest.INSTRUCTOR_COPY, "a student's copy has no solutions to break");
        List<String> problems = new ArrayList<>();
        int run = 0;
        for (List<Bug> bugs : RUNS) {
            Path code = temp.resolve("run" + run++);
            GraderRobustnessTest.copyTree(SOLUTIONS, code);
            Set<String> tasks = new LinkedHashSet<>();
            for (Bug bug : bugs) {
                assertTrue(tasks.add(bug.task()), "two bugs of one run break the same task " + bug.task());
                if (bug.find() == null) continue;   // a second look at a bug made above, from another task's tests
                Path file = code.resolve("exercises").resolve(bug.file());
                String source = Files.readString(file);
                int at = source.indexOf(bug.find());
                assertTrue(at >= 0, bug.what() + ": the solution no longer contains the piece this bug replaces; update the bug to the new solution");
                assertEquals(-1, source.indexOf(bug.find(), at + 1), bug.what() + ": the piece to replace occurs more than once");
                Files.writeString(file, source.substring(0, at) + bug.replace() + source.substring(at + bug.find().length()));
            }
            Report report = Grader.grade(code, Grader.Options.of(TESTS)
                    .select(t -> tasks.contains(t.task()), "tasks " + tasks).timeout(20));
            for (Bug bug : bugs) problems.addAll(check(bug, report));
        }
        assertTrue(problems.isEmpty(), String.join("\n\n", problems));
    }

    /** What is wrong with the report's results for the bug's task, if anything. */
    static List<String> check(Bug bug, Report report) {
        List<TestResult> results = report.results().stream().filter(r -> r.test().task().equals(bug.task())).collect(Collectors.toList());
        List<String> problems = new ArrayList<>();
        if (results.isEmpty()) problems.add(bug.what() + ": no graded test of task " + bug.task() + " ran");
        for (TestResult r : results) {
            if (bug.wrongHint() != null && r.message() != null && r.message().contains(bug.wrongHint())) {
                problems.add(bug.what() + ": " + r.test().id() + " blames '" + bug.wrongHint() + "':\n" + r.message());
            }
        }
        boolean named = results.stream().anyMatch(r -> !r.passed() && r.message() != null && r.message().contains(bug.hint()));
        if (!named) {
            problems.add(bug.what() + ": no test of task " + bug.task() + " says '" + bug.hint() + "'; their messages:\n"
                    + results.stream().map(r -> r.test().id() + " [" + r.status() + "] " + r.message()).collect(Collectors.joining("\n")));
        }
        return problems;
    }

    @Test
    void aBugInTheListIsFoundInTheSolution() throws IOException {
        assumeTrue(RealCourseTest.INSTRUCTOR_COPY, "a student's copy has no solutions to break");
        for (List<Bug> bugs : RUNS) {
            for (Bug bug : bugs) {
                if (bug.find() == null) continue;
                String source = Files.readString(SOLUTIONS.resolve("exercises").resolve(bug.file()));
                assertFalse(source.equals(source.replace(bug.find(), bug.replace())), bug.what() + " changes nothing");
            }
        }
    }
}
