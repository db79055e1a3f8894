package backprop.grading.cohort;

import backprop.grading.Json;
import backprop.grading.Status;
import backprop.grading.Visibility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Classroom 50 reads from an autograder (its wiki, "Advanced Autograding", the
 * {@code result.json} contract, schema {@code classroom50/result/v1}).
 *
 * <p>Classroom 50's runner runs the assignment's {@code autograder.py} in the student's checkout
 * with the submission's identity in environment variables ({@code CLASSROOM}, {@code ASSIGNMENT},
 * {@code SUBMISSION_TAG}, {@code COMMIT_URL}, {@code RELEASE_URL}, {@code REVIEW_URL},
 * {@code OWNER} or {@code USERNAME}, {@code ASSIGNMENT_TYPE}). The autograder must leave
 * {@code ./result.json}; it may leave {@code ./release-body.md} (the Release's text, which the
 * student reads) and {@code status=}/{@code summary=} lines in {@code $GITHUB_OUTPUT}. This writes
 * all three:
 *
 * <pre>
 * { "schema": "classroom50/result/v1", "classroom": …, "assignment": …, "assignment_type": "individual",
 *   "owner": …, "submission": "submit/…", "commit": …, "release": …, "review": …,
 *   "datetime": "2026-12-01T21:14:03Z",     the graded commit's committer date, in UTC
 *   "graded_at": "2026-12-01T21:15:40Z",
 *   "score": 62, "max-score": 86,            whole numbers, the sums of the tests'
 *   "tests": [ { "test-name": "Exercise 4.2: BP2 through a 2×3 weight matrix: the transpose",
 *                "passed": false, "score": 0, "max-score": 3,
 *                "task": "4.2", "status": "failed", "message": "…" }, … ] }
 * </pre>
 *
 * <p>The Release is public to the student, so a test that is not visible appears as
 * "Exercise 4.2: hidden test 1", with its points and whether it passed (the score must add up)
 * but neither its name nor its message.
 */
final class Classroom50 {

    /** The schema's name. */
    static final String SCHEMA = "classroom50/result/v1";
    /** The most characters of a message in {@code result.json}. */
    static final int MESSAGE_LIMIT = 2000;

    private Classroom50() {}

    /**
     * Who and what is graded, from the runner's environment.
     *
     * @param submitted when the graded commit was committed (the submission instant), else null
     */
    record Identity(String classroom, String assignment, String type, String owner, String submission, String commit,
                    String release, String review, Instant submitted, String actor, Long actorId) {

        /** Reads the runner's environment; refuses to go on without the fields the contract requires. */
        static Identity from(Map<String, String> env, Path checkout) {
            List<String> missing = new ArrayList<>();
            for (String name : List.of("CLASSROOM", "ASSIGNMENT", "SUBMISSION_TAG", "COMMIT_URL", "RELEASE_URL")) {
                if (env.getOrDefault(name, "").isBlank()) missing.add(name);
            }
            String owner = first(env, "OWNER", "USERNAME");
            if (owner.isEmpty()) missing.add("OWNER (or USERNAME)");
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Classroom 50's runner sets " + String.join(", ", missing)
                        + ", but they are missing here: run this from the assignment's autograder.py");
            }
            String type = env.getOrDefault("ASSIGNMENT_TYPE", "").isBlank() ? "individual" : env.get("ASSIGNMENT_TYPE");
            String review = env.getOrDefault("REVIEW_URL", "").isBlank() ? env.get("COMMIT_URL") : env.get("REVIEW_URL");
            String id = env.getOrDefault("GITHUB_ACTOR_ID", "");
            return new Identity(env.get("CLASSROOM"), env.get("ASSIGNMENT"), type, owner, env.get("SUBMISSION_TAG"),
                    env.get("COMMIT_URL"), env.get("RELEASE_URL"), review, committed(checkout),
                    env.getOrDefault("GITHUB_ACTOR", ""), id.matches("[0-9]{1,18}") ? Long.valueOf(id) : null);
        }

        private static String first(Map<String, String> env, String... names) {
            for (String name : names) if (!env.getOrDefault(name, "").isBlank()) return env.get(name).strip();
            return "";
        }

        /** The committer date of the checkout's HEAD, or null when it cannot be read. */
        private static Instant committed(Path checkout) {
            try {
                Process git = new ProcessBuilder("git", "-c", "safe.directory=*", "-C", checkout.toString(), "log", "-1",
                        "--format=%cI").redirectErrorStream(true).start();
                String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return git.waitFor() == 0 && !out.isEmpty() ? OffsetDateTime.parse(out).toInstant() : null;
            } catch (IOException | RuntimeException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** Writes {@code result.json} and {@code release-body.md} into the checkout and the status into {@code $GITHUB_OUTPUT}. */
    static void publish(StudentResult result, Assignment assignment, Identity identity, Path checkout, Map<String, String> env) {
        Instant now = Instant.now();
        CiGrade.write(checkout.resolve("result.json"), Json.write(result(result, identity, now)));
        CiGrade.write(checkout.resolve("release-body.md"), releaseBody(result, assignment));
        String output = env.get("GITHUB_OUTPUT");
        if (output != null && !output.isBlank()) {
            boolean all = result.tests().stream().allMatch(t -> t.status() == Status.PASSED);
            String summary = "Backprop Kit: " + result.score() + "/" + assignment.maxScore() + " points ("
                    + result.tests().stream().filter(t -> t.status() == Status.PASSED).count() + "/" + result.tests().size()
                    + " tests passed)";
            try {
                Files.writeString(Path.of(output), "status=" + (all ? "success" : "failure") + "\nsummary=" + summary + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + output, e);
            }
        }
    }

    /** The {@code result.json} object. */
    static Map<String, Object> result(StudentResult result, Identity id, Instant now) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA);
        root.put("classroom", id.classroom());
        root.put("assignment", id.assignment());
        root.put("assignment_type", id.type());
        root.put("owner", id.owner());
        root.put("submission", id.submission());
        root.put("commit", id.commit());
        root.put("release", id.release());
        root.put("review", id.review());
        root.put("datetime", utc(id.submitted() != null ? id.submitted() : now));
        root.put("graded_at", utc(now));
        root.put("score", result.score());
        root.put("max-score", result.tests().stream().mapToInt(StudentResult.TestRow::points).sum());
        List<Object> tests = new ArrayList<>();
        Map<String, Integer> hiddenPerTask = new TreeMap<>();
        for (StudentResult.TestRow t : result.tests()) {
            Map<String, Object> test = new LinkedHashMap<>();
            boolean visible = t.visibility() == Visibility.VISIBLE;
            String name = visible ? "Exercise " + t.task() + ": " + t.name()
                    : "Exercise " + t.task() + ": hidden test " + hiddenPerTask.merge(t.task(), 1, Integer::sum);
            test.put("test-name", name);
            test.put("passed", t.status() == Status.PASSED);
            test.put("score", t.score());
            test.put("max-score", t.points());
            test.put("task", t.task());
            test.put("status", t.status().label());
            if (visible && t.status() != Status.PASSED) test.put("message", cut(t.message()));
            tests.add(test);
        }
        root.put("tests", tests);
        if (!id.actor().isEmpty()) {
            Map<String, Object> by = new LinkedHashMap<>();
            by.put("username", id.actor());
            by.put("id", id.actorId());
            root.put("submitted_by", by);
        }
        return root;
    }

    /** The Release's text: the score, the table of tasks, and what to look at (the feedback without its title). */
    static String releaseBody(StudentResult result, Assignment assignment) {
        String feedback = Feedback.markdown(result, assignment, Reveal.VISIBLE);
        String body = feedback.substring(feedback.indexOf('\n') + 1).strip();
        // a Release body holds 125 000 characters; the feedback stays well below, but never risk a failed Release
        if (body.length() > 100_000) body = body.substring(0, 100_000) + "\n\n… (cut: the job's log has the rest)";
        return "### Backprop Kit autograder: " + result.score() + " / " + assignment.maxScore() + " points\n\n" + body + "\n";
    }

    private static String cut(String text) {
        return text.length() <= MESSAGE_LIMIT ? text : text.substring(0, MESSAGE_LIMIT) + " …";
    }

    static String utc(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").format(instant.atOffset(ZoneOffset.UTC));
    }
}
