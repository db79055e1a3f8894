package backprop.grading.cohort;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Which part of which class an output folder holds ({@code shard.properties}): the shard, a
 * fingerprint of the whole roster, and the students of this shard. Merging reads it to check
 * that the shards come from one class, that none is missing or given twice, and that every
 * student of every shard has a result.
 *
 * @param shard    the shard, {@code 2/4} ({@code 1/1} for a whole class)
 * @param roster   a hash of every student id of the class, in order
 * @param size     how many students the whole class has
 * @param students the ids of this shard's students, in order
 */
record ShardInfo(Shard shard, String roster, int size, List<String> students) {

    static final String FILE = "shard.properties";

    static ShardInfo of(Shard shard, Roster roster, List<Roster.Student> mine) {
        var ids = new StringBuilder();
        for (Roster.Student s : roster.students()) ids.append(Claim.key(s.id())).append('\n');
        return new ShardInfo(shard, Intake.fingerprint(ids.toString()), roster.students().size(),
                mine.stream().map(Roster.Student::id).toList());
    }

    void write(Path folder) {
        Properties p = new Properties();
        p.setProperty("shard", shard.toString());
        p.setProperty("roster", roster);
        p.setProperty("size", Integer.toString(size));
        p.setProperty("students", Integer.toString(students.size()));
        for (int i = 0; i < students.size(); i++) p.setProperty("student." + i, students.get(i));
        try (Writer out = Files.newBufferedWriter(folder.resolve(FILE), StandardCharsets.UTF_8)) {
            p.store(out, "the part of the class graded here");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + folder.resolve(FILE), e);
        }
    }

    static ShardInfo read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(folder + " has no " + FILE + ": its grade-class run did not finish (run it again: "
                    + "it resumes), or it is not a grade-class output folder");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        List<String> students = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(p.getProperty("students", "0")); i++) students.add(p.getProperty("student." + i));
        return new ShardInfo(Shard.parse(p.getProperty("shard", "")), p.getProperty("roster", ""),
                Integer.parseInt(p.getProperty("size", "0")), students);
    }
}
