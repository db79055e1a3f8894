package backprop.grading.cohort;

import java.nio.file.Path;

/**
 * One submission, and the student it says it belongs to.
 *
 * <p>Usually every student has exactly one claim. Two claims on one student (a folder {@code ada/}
 * and a repository {@code Ada.git}, or two Gradescope submissions listing the same student id)
 * are an error the instructor must settle: the grader never picks one silently.
 *
 * @param student  the student's id: a folder's name, a Gradescope student id, a roster's first column
 * @param name     the student's name where the source gives one, else the id
 * @param kind     what the submission is
 * @param path     where it is on this machine (null for a repository still to be fetched)
 * @param inside   for a zip, the folder inside it that holds this submission ("" for the whole zip)
 * @param url      the repository to fetch, for {@link Kind#REMOTE_GIT}; else null
 * @param origin   where it came from, for messages: {@code ada/}, {@code submission_123 in export.zip}
 * @param problem  why it cannot be graded before even looking inside (a link out of the folder), else null
 */
public record Claim(String student, String name, Kind kind, Path path, String inside, String url, String origin,
                    String problem) {

    /** What a submission is. */
    public enum Kind {
        /** A folder of files, in any layout. */
        FOLDER,
        /** A zip file of the student's files, or one folder inside a zip (a Gradescope export). */
        ZIP,
        /** A git repository on this machine (a working copy or a bare repository). */
        GIT,
        /** A git repository to clone first (a roster's URL). */
        REMOTE_GIT
    }

    /** A claim that is wrong from the start: it is reported, never opened. */
    static Claim refused(String student, String origin, String problem) {
        return new Claim(student, student, Kind.FOLDER, null, "", null, origin, problem);
    }

    /** The key that decides whether two claims name the same student: case and spaces do not count. */
    String key() {
        return key(student);
    }

    static String key(String student) {
        return student.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
