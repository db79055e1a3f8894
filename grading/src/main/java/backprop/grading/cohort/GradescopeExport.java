package backprop.grading.cohort;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A Gradescope "Export Submissions" zip (an assignment's <i>Review Grades</i> page), read as a
 * {@link Roster}.
 *
 * <p>The export holds one folder per submission, {@code submission_<id>/}, with the files as the
 * students uploaded them, and beside them {@code submission_metadata.yml}: for each folder, the
 * students who submitted it. Its keys are Ruby symbols, so they start with a colon:
 *
 * <pre>
 * submission_181342:
 *   :submitters:
 *   - :name: Ada Lovelace
 *     :sid: '1815'
 *     :email: ada@example.edu
 *   :created_at: 2026-11-30 21:14:03.0 -08:00
 * </pre>
 *
 * <p>A group submission lists several submitters: each of them gets the group's grade. A student
 * is identified by the student id ({@code :sid:}), else the e-mail address, else the name.
 *
 * <p>Nothing is unpacked: each submission becomes a {@link Claim} on a folder inside the zip, and
 * {@link Intake} later takes only the Java files out of it, with every entry's path checked. The
 * YAML is read as plain nodes (the tags Ruby writes, such as {@code !ruby/object:BigDecimal}, are
 * not interpreted), so no object is ever built from the file.
 */
final class GradescopeExport {

    /** The metadata file's name. */
    static final String METADATA = "submission_metadata.yml";
    /** The most bytes of metadata read: a class of thousands takes a few megabytes. */
    private static final int METADATA_LIMIT = 32 * 1024 * 1024;

    private GradescopeExport() {}

    static Roster read(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            ZipEntry metadata = null;
            Set<String> names = new TreeSet<>();
            for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                names.add(entry.getName());
                boolean isMetadata = entry.getName().equals(METADATA) || entry.getName().endsWith("/" + METADATA);
                if (isMetadata && (metadata == null || depth(entry.getName()) < depth(metadata.getName()))) metadata = entry;
            }
            if (metadata == null) {
                throw new IllegalArgumentException(zip + " has no " + METADATA + ": it is not a Gradescope export. "
                        + "Download it from the assignment's Review Grades page (Export Submissions), or unzip your "
                        + "students' files into one folder per student and grade that folder");
            }
            String root = metadata.getName().substring(0, metadata.getName().length() - METADATA.length());
            Node tree = parse(file, metadata, zip);
            if (!(tree instanceof MappingNode submissions)) {
                throw new IllegalArgumentException(METADATA + " in " + zip + " is not a mapping from submission folders to their students");
            }
            List<Claim> claims = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            Set<String> listed = new TreeSet<>();
            for (NodeTuple submission : submissions.getValue()) {
                String folder = scalar(submission.getKeyNode());
                if (folder == null || folder.isBlank() || folder.contains("/") || folder.contains("..")) {
                    notes.add("left out an entry of " + METADATA + " whose key is not a folder name: " + folder);
                    continue;
                }
                listed.add(folder);
                String origin = folder + "/ in " + zip.getFileName();
                List<Node> submitters = sequence(field(submission.getValueNode(), "submitters"));
                if (submitters.isEmpty()) {
                    claims.add(Claim.refused(folder, origin, METADATA + " names no student for " + folder));
                    continue;
                }
                for (Node submitter : submitters) {
                    String sid = text(field(submitter, "sid")), email = text(field(submitter, "email")), name = text(field(submitter, "name"));
                    String id = !sid.isEmpty() ? sid : !email.isEmpty() ? email : !name.isEmpty() ? name : folder;
                    String group = submitters.size() > 1 ? " (a group of " + submitters.size() + ")" : "";
                    claims.add(new Claim(id, name.isEmpty() ? id : name, Claim.Kind.ZIP, zip, root + folder + "/", null,
                            origin + group, null));
                }
            }
            for (String folder : folders(names, root)) {
                if (!listed.contains(folder)) notes.add("left out " + folder + "/: " + METADATA + " does not say whose it is");
            }
            return Roster.of(claims, notes, zip.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the Gradescope export " + zip, e);
        }
    }

    private static Node parse(ZipFile file, ZipEntry metadata, Path zip) throws IOException {
        byte[] bytes;
        try (InputStream in = file.getInputStream(metadata)) {
            bytes = in.readNBytes(METADATA_LIMIT + 1);
        }
        if (bytes.length > METADATA_LIMIT) {
            throw new IllegalArgumentException(METADATA + " in " + zip + " is larger than " + METADATA_LIMIT / (1024 * 1024) + " MB");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(options).compose(new java.io.StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(METADATA + " in " + zip + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** The value under {@code :name} (or {@code name}) in a mapping node, else null. */
    private static Node field(Node node, String name) {
        if (!(node instanceof MappingNode mapping)) return null;
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (key != null && (key.equals(":" + name) || key.equals(name))) return tuple.getValueNode();
        }
        return null;
    }

    private static List<Node> sequence(Node node) {
        return node instanceof SequenceNode s ? s.getValue() : List.of();
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private static String text(Node node) {
        String value = scalar(node);
        return value == null ? "" : value.strip();
    }

    private static int depth(String entryName) {
        return entryName.split("/").length;
    }

    /** The first-level folders under {@code root}. */
    private static Set<String> folders(Set<String> entryNames, String root) {
        Set<String> folders = new TreeSet<>();
        for (String name : entryNames) {
            if (!name.startsWith(root)) continue;
            String rest = name.substring(root.length());
            int slash = rest.indexOf('/');
            if (slash > 0) folders.add(rest.substring(0, slash));
        }
        return folders;
    }
}
