package backprop.grading.cohort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ./course grade-class --merge --out DIR SHARD_OUT...}: joins the output folders of the
 * shards of one class into one gradebook, one class report and every student's feedback, exactly
 * as grading the class on one machine would have written them.
 *
 * <p>It refuses shards that do not fit together, saying which: graded with other tests, from
 * another roster, a shard missing or given twice, a student without a result.
 */
final class Merge {

    private Merge() {}

    static int run(List<Path> shardFolders, Path out, Reveal reveal) {
        if (shardFolders.isEmpty()) throw new IllegalArgumentException("--merge needs the shards' output folders");
        out = out.toAbsolutePath().normalize();
        Assignment assignment = null;
        ShardInfo first = null;
        Map<Integer, Path> byIndex = new TreeMap<>();
        List<StudentResult> results = new ArrayList<>();
        List<Path> studentFolders = new ArrayList<>();
        for (Path folder : shardFolders) {
            folder = folder.toAbsolutePath().normalize();
            if (folder.equals(out)) throw new IllegalArgumentException("--out must be a new folder, not one of the shards (" + out + ")");
            Assignment a = Assignment.read(folder);
            ShardInfo info = ShardInfo.read(folder);
            if (assignment == null) {
                assignment = a;
                first = info;
            } else if (!a.config().equals(assignment.config())) {
                throw new IllegalArgumentException(folder + " was graded with other tests or settings than " + shardFolders.get(0)
                        + " (" + a.selection() + " vs " + assignment.selection() + "): grade every shard with the same kit and options");
            } else if (!info.roster().equals(first.roster()) || info.shard().count() != first.shard().count()) {
                throw new IllegalArgumentException(folder + " is shard " + info.shard() + " of another class than " + shardFolders.get(0)
                        + " (shard " + first.shard() + "): the rosters or the number of shards differ");
            }
            Path twice = byIndex.put(info.shard().index(), folder);
            if (twice != null) throw new IllegalArgumentException("shard " + info.shard() + " is given twice: " + twice + " and " + folder);
            for (String student : info.students()) {
                Path studentFolder = folder.resolve("students").resolve(ClassGrader.folderName(student));
                StudentResult result = StudentResult.read(studentFolder);
                if (result == null) {
                    throw new IllegalArgumentException("shard " + info.shard() + " (" + folder + ") has no result for " + student
                            + ": run that shard again (it resumes where it stopped)");
                }
                results.add(result);
                studentFolders.add(studentFolder);
            }
        }
        int count = first.shard().count();
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= count; i++) if (!byIndex.containsKey(i)) missing.add(i + "/" + count);
        if (!missing.isEmpty()) throw new IllegalArgumentException("shard " + String.join(", ", missing) + " is missing: merge all " + count);
        if (results.size() != first.size()) {
            throw new IllegalArgumentException("the shards hold " + results.size() + " students, the class has " + first.size());
        }

        GradeClass.checkOutput(out);
        GradeClass.createDirectories(out);
        assignment.write(out);
        // the order of a class graded on one machine: by id
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) order.add(i);
        final List<StudentResult> all = results;
        order.sort(Comparator.comparing((Integer i) -> Claim.key(all.get(i).student())).thenComparing(i -> all.get(i).student()));
        List<StudentResult> merged = new ArrayList<>();
        var grader = new ClassGrader(assignment, code -> null, new ClassGrader.Settings(out, null, 1, false, Git.Revision.LAST,
                Intake.Limits.DEFAULT, reveal));
        for (int i : order) {
            StudentResult r = results.get(i);
            merged.add(r);
            Path into = out.resolve("students").resolve(ClassGrader.folderName(r.student()));
            copy(studentFolders.get(i).resolve(StudentResult.FILE), into.resolve(StudentResult.FILE));
            grader.writeFeedback(r, into);
        }
        new ShardInfo(Shard.ALL, first.roster(), first.size(), merged.stream().map(StudentResult::student).toList()).write(out);
        Path gradebook = Gradebook.write(merged, assignment, out);
        Path report = ClassReport.write(merged, assignment, out, "Class report: " + assignment.selection());
        System.out.println("Merged " + count + " shards, " + merged.size() + " students, into " + out);
        System.out.println("  gradebook:    " + gradebook);
        System.out.println("  class report: " + report);
        return 0;
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + from + " to " + to, e);
        }
    }
}
