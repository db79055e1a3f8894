package backprop.grading.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad submission gets a clear note or error, and nothing is written but the chosen files. */
class IntakeTest {

    @TempDir
    Path dir;

    private Intake.Staged stage(Claim claim) {
        return Intake.stage(claim, Fixtures.starter(dir), dir.resolve("out"), Intake.Limits.DEFAULT, Git.Revision.LAST);
    }

    private static Claim folder(Path path) {
        return new Claim("ada", "ada", Claim.Kind.FOLDER, path, "", null, "ada/", null);
    }

    private static boolean mentions(Intake.Staged staged, String words) {
        return staged.notes().stream().anyMatch(n -> n.contains(words)) || (staged.error() != null && staged.error().contains(words));
    }

    @Test
    void placesEachFileByItsPackageLineWhateverTheFolder() throws IOException {
        Path sub = dir.resolve("ada");
        Fixtures.write(sub, "somewhere/odd/Adder.java", Fixtures.adder("right"));
        Intake.Staged staged = stage(folder(sub));
        assertNull(staged.error());
        assertTrue(Files.readString(staged.code().resolve("exercises/ch1/Adder.java")).contains("right"));
    }

    @Test
    void anEmptySubmissionIsAnErrorThatSaysSo() throws IOException {
        Files.createDirectories(dir.resolve("ada"));
        Intake.Staged staged = stage(folder(dir.resolve("ada")));
        assertNotNull(staged.error());
        assertTrue(staged.error().contains("is empty"), staged.error());
        assertNull(staged.code());
    }

    @Test
    void theWrongLayoutNamesTheFilesExpected() {
        Fixtures.write(dir.resolve("ada"), "Adder.java", "class Adder {}\n");   // no package line
        Intake.Staged staged = stage(folder(dir.resolve("ada")));
        assertTrue(staged.error().contains("no exercise file") && staged.error().contains("exercises/ch1/Adder.java"), staged.error());
        assertTrue(mentions(staged, "has no package line"));
    }

    @Test
    void binaryDataAndTextThatIsNotUtf8AreLeftOutWithANote() {
        Path sub = dir.resolve("ada");
        Fixtures.write(sub, "Adder.java", new byte[] {'p', 'a', 0, 1, 2, (byte) 0xff});
        Fixtures.write(sub, "Other.java", new byte[] {'p', 'a', 'c', 'k', (byte) 0xc3, (byte) 0x28});
        Fixtures.write(sub, "notes.java", "remember the transpose\n");
        Intake.Staged staged = stage(folder(sub));
        assertTrue(mentions(staged, "Adder.java: it is not Java source text"), staged.notes().toString());
        assertTrue(mentions(staged, "Other.java: it is not Java source text"), staged.notes().toString());
        assertTrue(mentions(staged, "notes.java: it has no package line"), staged.notes().toString());
        assertNotNull(staged.error());
    }

    @Test
    void aHugeFileIsLeftOutAndTheRestGraded() {
        Path sub = dir.resolve("ada");
        Fixtures.write(sub, "exercises/ch1/Adder.java", Fixtures.adder("right"));
        Fixtures.write(sub, "exercises/ch1/Huge.java", "package exercises.ch1;\n" + "//".repeat(400_000));
        Intake.Staged staged = stage(folder(sub));
        assertNull(staged.error());
        assertTrue(mentions(staged, "Huge.java: it is 0.8 MB, larger than the 512 KB"), staged.notes().toString());
        assertFalse(Files.exists(staged.code().resolve("exercises/ch1/Huge.java")));
    }

    @Test
    void aLinkToAFileOutsideIsNeverFollowed() throws IOException {
        Path secret = Fixtures.write(dir.resolve("solutions"), "Adder.java", Fixtures.adder("right: the instructor's"));
        Path sub = Files.createDirectories(dir.resolve("ada/exercises/ch1"));
        Files.createSymbolicLink(sub.resolve("Adder.java"), secret);
        Intake.Staged staged = stage(folder(dir.resolve("ada")));
        assertTrue(mentions(staged, "symbolic link"), String.valueOf(staged));
        assertNotNull(staged.error(), "the link is the only file, so there is nothing to grade");
    }

    @Test
    void zipSlipEntriesAreRefusedAndWrittenNowhere() throws IOException {
        Path zip = dir.resolve("ada.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("../../escaped/Adder.java", "/tmp/absolute-" + dir.getFileName() + "/Adder.java",
                    "exercises/ch1/Adder.java")) {
                out.putNextEntry(new ZipEntry(name));
                out.write(Fixtures.adder(name.startsWith("exercises") ? "right" : "evil").getBytes());
                out.closeEntry();
            }
        }
        Intake.Staged staged = stage(new Claim("ada", "ada", Claim.Kind.ZIP, zip, "", null, "ada.zip", null));
        assertNull(staged.error());
        assertEquals(2, staged.notes().stream().filter(n -> n.contains("zip slip")).count(), staged.notes().toString());
        assertTrue(Files.readString(staged.code().resolve("exercises/ch1/Adder.java")).contains("right"));
        assertFalse(Files.exists(dir.resolve("escaped")) || Files.exists(dir.getParent().resolve("escaped")));
        assertFalse(Files.exists(Path.of("/tmp/absolute-" + dir.getFileName())));
    }

    @Test
    void testsInASubmissionAreNeverTaken() {
        Path sub = dir.resolve("ada");
        Fixtures.write(sub, "src/main/java/exercises/ch1/Adder.java", Fixtures.adder("right"));
        Fixtures.write(sub, "src/test/java/exercises/ch1/AdderTest.java", "package exercises.ch1;\nclass AdderTest {}\n");
        Fixtures.write(sub, "exercises/ch1/AdderHiddenTest.java", "package exercises.ch1;\nclass AdderHiddenTest {}\n");
        Intake.Staged staged = stage(folder(sub));
        assertFalse(Files.exists(staged.code().resolve("exercises/ch1/AdderTest.java")));
        assertFalse(Files.exists(staged.code().resolve("exercises/ch1/AdderHiddenTest.java")));
    }

    @Test
    void ofTwoCopiesTheOneInSrcMainJavaIsGradedAndTheOtherNamed() throws IOException {
        Path sub = dir.resolve("ada");
        Fixtures.write(sub, "Adder.java", Fixtures.adder("old copy"));
        Fixtures.write(sub, "exercises/src/main/java/exercises/ch1/Adder.java", Fixtures.adder("right"));
        Intake.Staged staged = stage(folder(sub));
        assertTrue(Files.readString(staged.code().resolve("exercises/ch1/Adder.java")).contains("right"));
        assertTrue(mentions(staged, "two copies of exercises/ch1/Adder.java"), staged.notes().toString());
    }

    @Test
    void theSameFilesGiveTheSameFingerprint() {
        Fixtures.write(dir.resolve("a"), "exercises/ch1/Adder.java", Fixtures.adder("right"));
        Fixtures.write(dir.resolve("b"), "deep/er/Adder.java", Fixtures.adder("right"));
        Fixtures.write(dir.resolve("c"), "Adder.java", Fixtures.adder("wrong"));
        assertEquals(stage(folder(dir.resolve("a"))).fingerprint(), stage(folder(dir.resolve("b"))).fingerprint());
        assertFalse(stage(folder(dir.resolve("a"))).fingerprint().equals(stage(folder(dir.resolve("c"))).fingerprint()));
    }

    @Test
    void aRepositoryIsGradedAtItsLastCommitBeforeTheDeadline() throws IOException {
        Path repo = Fixtures.repository(dir.resolve("ada"), "2026-11-28T10:00:00Z", Fixtures.adder("wrong, but in time"),
                "2026-12-03T10:00:00Z", Fixtures.adder("right, but late"));
        Instant deadline = Instant.parse("2026-11-30T23:59:00Z");
        Intake.Staged staged = Intake.stage(new Claim("ada", "ada", Claim.Kind.GIT, repo, "", null, "ada/", null),
                Fixtures.starter(dir), dir.resolve("out"), Intake.Limits.DEFAULT, new Git.Revision(null, deadline));
        assertNull(staged.error());
        assertTrue(Files.readString(staged.code().resolve("exercises/ch1/Adder.java")).contains("in time"));
        assertTrue(staged.version().contains("the last commit before 2026-11-30 23:59 UTC"), staged.version());
    }

    @Test
    void aRepositoryWithNoCommitBeforeTheDeadlineSaysWhenItsFirstCommitWas() {
        Path repo = Fixtures.repository(dir.resolve("ada"), "2026-12-03T10:00:00Z", Fixtures.adder("right, but late"));
        Intake.Staged staged = Intake.stage(new Claim("ada", "ada", Claim.Kind.GIT, repo, "", null, "ada/", null),
                Fixtures.starter(dir), dir.resolve("out"), Intake.Limits.DEFAULT,
                new Git.Revision(null, Instant.parse("2026-11-30T23:59:00Z")));
        assertTrue(staged.error().contains("no commit before the deadline 2026-11-30 23:59 UTC")
                && staged.error().contains("first commit is from 2026-12-03 10:00 UTC"), staged.error());
    }

    @Test
    void aMissingTagNamesTheTagsThereAre() {
        Path repo = Fixtures.repository(dir.resolve("ada"), "2026-11-28T10:00:00Z", Fixtures.adder("right"));
        Fixtures.git(repo, null, "tag", "draft");
        Intake.Staged staged = Intake.stage(new Claim("ada", "ada", Claim.Kind.GIT, repo, "", null, "ada/", null),
                Fixtures.starter(dir), dir.resolve("out"), Intake.Limits.DEFAULT, new Git.Revision("final", null));
        assertTrue(staged.error().contains("has no tag final (its tags: draft)"), staged.error());
    }

    @Test
    void aLinkCommittedToARepositoryIsNotFollowed() throws IOException {
        Path repo = Fixtures.repository(dir.resolve("ada"), "2026-11-28T10:00:00Z", Fixtures.adder("right"));
        Files.createSymbolicLink(repo.resolve("exercises/src/main/java/exercises/ch1/Sneaky.java"), Path.of("../../../../../../secret.java"));
        Fixtures.git(repo, null, "add", "-A");
        Fixtures.git(repo, "2026-11-28T11:00:00Z", "commit", "-q", "-m", "link");
        Intake.Staged staged = Intake.stage(new Claim("ada", "ada", Claim.Kind.GIT, repo, "", null, "ada/", null),
                Fixtures.starter(dir), dir.resolve("out"), Intake.Limits.DEFAULT, Git.Revision.LAST);
        assertTrue(mentions(staged, "Sneaky.java: it is a symbolic link"), staged.notes().toString());
        assertFalse(Files.exists(staged.code().resolve("exercises/ch1/Sneaky.java")));
    }

    @Test
    void tooManyFilesRefuseTheSubmission() {
        Path sub = dir.resolve("ada");
        for (int i = 0; i < 30; i++) Fixtures.write(sub, "f" + i + ".txt", "x");
        Intake.Staged staged = Intake.stage(folder(sub), Fixtures.starter(dir), dir.resolve("out"), new Intake.Limits(1000, 10_000, 20),
                Git.Revision.LAST);
        assertTrue(staged.error().contains("more than 20 files and folders: refused"), staged.error());
    }

    @Test
    void pathsThatClimbOutAreRecognised() {
        for (String bad : List.of("../x.java", "a/../../x.java", "/etc/x.java", "C:/x.java", "a/b/../../../x.java")) {
            assertTrue(Intake.escapes(bad), bad);
        }
        for (String good : List.of("x.java", "a/b/x.java", "a..b/x.java", "..a/x.java")) assertFalse(Intake.escapes(good), good);
    }
}
