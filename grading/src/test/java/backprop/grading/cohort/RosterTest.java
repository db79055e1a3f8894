package backprop.grading.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterTest {

    @TempDir
    Path dir;

    @Test
    void aFolderOfFoldersZipsAndRepositories() throws IOException {
        Path subs = dir.resolve("subs");
        Fixtures.write(subs, "grace/Adder.java", Fixtures.adder("right"));
        Fixtures.write(subs, "ada.zip", new byte[] {'P', 'K'});
        Fixtures.repository(subs.resolve("linus"), "2026-11-28T10:00:00Z", Fixtures.adder("right"));
        Fixtures.write(subs, "README.txt", "my class");
        Fixtures.write(subs, ".DS_Store", "junk");
        Roster roster = Roster.read(subs);
        assertEquals(List.of("ada", "grace", "linus"), roster.students().stream().map(Roster.Student::id).toList());
        assertEquals(List.of(Claim.Kind.ZIP, Claim.Kind.FOLDER, Claim.Kind.GIT),
                roster.students().stream().map(s -> s.claims().get(0).kind()).toList());
        assertEquals(List.of("left out README.txt: a submission is a folder, a .zip or a git repository"), roster.notes());
    }

    @Test
    void twoSubmissionsClaimingOneStudentAreNamedBothAndNeitherPicked() {
        Path subs = dir.resolve("subs");
        Fixtures.write(subs, "ada/Adder.java", Fixtures.adder("right"));
        Fixtures.write(subs, "Ada .zip", new byte[] {'P', 'K'});
        Roster roster = Roster.read(subs);
        assertEquals(1, roster.students().size());
        String problem = roster.students().get(0).problem();
        assertTrue(problem.startsWith("2 submissions claim student") && problem.contains("ada/") && problem.contains("Ada .zip"),
                problem);
    }

    @Test
    void aStudentFolderThatIsALinkOutsideIsRefused() throws IOException {
        Path subs = Files.createDirectories(dir.resolve("subs"));
        Fixtures.write(dir, "elsewhere/Adder.java", Fixtures.adder("right"));
        Files.createSymbolicLink(subs.resolve("ada"), dir.resolve("elsewhere"));
        Roster.Student ada = Roster.read(subs).students().get(0);
        assertTrue(ada.problem().contains("is a symbolic link") && ada.problem().contains("never followed"), ada.problem());
    }

    @Test
    void aRosterFileListsRepositories() {
        Path csv = Fixtures.write(dir, "roster.csv", "student,repository\nada,https://example.edu/ada.git\n# a comment\n"
                + "grace,repos/grace\nlinus,\n");
        Roster roster = Roster.read(csv);
        assertEquals(List.of("ada", "grace", "linus"), roster.students().stream().map(Roster.Student::id).toList());
        assertEquals("https://example.edu/ada.git", roster.students().get(0).claims().get(0).url());
        assertEquals(dir.resolve("repos/grace").toString(), roster.students().get(1).claims().get(0).url());
        assertTrue(roster.students().get(2).problem().contains("gives no repository for linus"));
    }

    @Test
    void aRosterFileWithoutItsColumnsSaysWhichAreMissing() {
        Path csv = Fixtures.write(dir, "roster.csv", "name,url\nada,x\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Roster.read(csv));
        assertTrue(e.getMessage().contains("no column 'student'") && e.getMessage().contains("'name,url'"), e.getMessage());
    }

    @Test
    void aGradescopeExportNamesEverySubmitterOfAGroup() throws IOException {
        Path zip = dir.resolve("export.zip");
        String metadata = """
                submission_1:
                  :submitters:
                  - :name: Ada Lovelace
                    :sid: '1815'
                    :email: ada@example.edu
                  :score: !ruby/object:BigDecimal 18:0.86e2
                  :created_at: 2026-11-30 21:14:03.000000000 -08:00
                submission_2:
                  :submitters:
                  - :name: Grace Hopper
                    :sid: ''
                    :email: grace@example.edu
                  - :name: Katherine Johnson
                submission_3:
                  :submitters: []
                """;
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String[] entry : new String[][] {{"assignment_1_export/submission_metadata.yml", metadata},
                    {"assignment_1_export/submission_1/Adder.java", Fixtures.adder("right")},
                    {"assignment_1_export/submission_2/Adder.java", Fixtures.adder("wrong")},
                    {"assignment_1_export/submission_7/Adder.java", Fixtures.adder("stray")}}) {
                out.putNextEntry(new ZipEntry(entry[0]));
                out.write(entry[1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        Roster roster = Roster.read(zip);
        assertEquals(List.of("1815", "grace@example.edu", "Katherine Johnson", "submission_3"),
                roster.students().stream().map(Roster.Student::id).toList());
        Roster.Student ada = roster.students().get(0);
        assertEquals("Ada Lovelace", ada.name());
        assertEquals("assignment_1_export/submission_1/", ada.claims().get(0).inside());
        assertNull(ada.problem());
        assertTrue(roster.students().get(1).claims().get(0).origin().contains("a group of 2"));
        assertTrue(roster.students().get(3).problem().contains("names no student for submission_3"));
        assertEquals(List.of("left out submission_7/: submission_metadata.yml does not say whose it is"), roster.notes());
    }

    @Test
    void aZipWithoutMetadataIsNotTakenForAnExport() throws IOException {
        Path zip = dir.resolve("class.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("ada/Adder.java"));
            out.closeEntry();
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Roster.read(zip));
        assertTrue(e.getMessage().contains("has no submission_metadata.yml: it is not a Gradescope export"), e.getMessage());
    }

    @Test
    void nothingThereIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Roster.read(dir.resolve("nowhere")));
        assertTrue(e.getMessage().startsWith("there are no submissions at"), e.getMessage());
    }
}
