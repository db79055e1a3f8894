package backprop.grading;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What exercise code may use: an allowlist of packages, types and members, read from rule files
 * an instructor can read and edit. Whatever no rule allows is denied.
 *
 * <p>A rule file has one rule a line:
 * <pre>
 * allow java.util.*                                   the types of a package
 * allow java.lang.Math                                one type (and its nested types)
 * allow java.lang.System#out                          one member of a type and of its subtypes
 * deny  java.lang.reflect.** : reflection is not allowed in exercise code
 * deny  backprop.nn.ScratchNetwork : the library's ready-made network: tasks 5.1-5.4 ask you to write it
 * </pre>
 * {@code **} takes a package with all its sub-packages, {@code #new} names the constructors. The
 * text after {@code :} is the reason a student reads when a deny rule applies.
 *
 * <p>Which rule decides: a member rule ({@code T#m}) on the type used or on its nearest supertype
 * that has one; else the rule for the type itself (or its enclosing type); else the package's
 * {@code *} rule; else the nearest {@code **} rule; else the reference is denied. Files are read
 * in order (the grader's list, then the course's, then the chapter's): for the same pattern the
 * later file wins, so a chapter can allow or deny what the course-wide list says otherwise.
 *
 * <p>Instances are immutable apart from a cache of decisions, and safe to share between threads.
 */
final class ApiPolicy {

    /** The rule file's name, looked up next to the tests: the course's folder, then the chapter's. */
    static final String FILE_NAME = "allowed-apis.txt";
    /** The grader's own list (JDK basics and the named off-limits areas), a resource next to this class. */
    private static final String DEFAULTS = "allowed-apis.txt";

    /** One line of a rule file. */
    record Rule(boolean allow, String pattern, String reason, String where) {}

    /** The verdict on one reference: allowed, or denied for a reason a student can read. */
    record Decision(boolean allowed, String reason) {}

    private final Map<String, Rule> rules;            // pattern → the rule that has the last word
    private final List<String> sources;               // the files read, for messages
    private final ClassLoader hierarchy;              // finds the supertypes of JDK and library types
    private final Map<String, Decision> decisions = new ConcurrentHashMap<>();
    private final Map<String, List<String>> supertypes = new ConcurrentHashMap<>();

    private ApiPolicy(Map<String, Rule> rules, List<String> sources, ClassLoader hierarchy) {
        this.rules = Map.copyOf(rules);
        this.sources = List.copyOf(sources);
        this.hierarchy = hierarchy;
    }

    /**
     * The rules for the exercise package {@code packageName}: the grader's list, then every
     * {@value #FILE_NAME} on the way from {@code testsRoot} down to the package's folder.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed rule
     */
    static ApiPolicy forPackage(Path testsRoot, String packageName) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        try (InputStream in = ApiPolicy.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) throw new IllegalStateException("the grader's jar lacks its " + DEFAULTS);
            read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the grader's " + DEFAULTS, rules);
            sources.add("the grader's " + DEFAULTS);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the grader's " + DEFAULTS, e);
        }
        Path folder = testsRoot;
        List<Path> files = new ArrayList<>();
        files.add(folder.resolve(FILE_NAME));
        if (!packageName.isEmpty()) {
            for (String part : packageName.split("\\.")) {
                folder = folder.resolve(part);
                files.add(folder.resolve(FILE_NAME));
            }
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) continue;
            String shown = testsRoot.relativize(file).toString().replace('\\', '/');
            try {
                read(Files.readString(file, StandardCharsets.UTF_8), shown, rules);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file, e);
            }
            sources.add(shown);
        }
        return new ApiPolicy(rules, sources, ApiPolicy.class.getClassLoader());
    }

    /** Checks that a rule file is well formed (the release tool runs this). */
    static void validate(String text, String where) {
        read(text, where, new LinkedHashMap<>());
    }

    private static void read(String text, String where, Map<String, Rule> into) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String at = where + " line " + (i + 1);
            String reason = "";
            int colon = line.indexOf(" :");
            if (colon >= 0) {
                reason = line.substring(colon + 2).strip();
                line = line.substring(0, colon).strip();
            }
            String[] words = line.split("\\s+");
            if (words.length != 2 || !(words[0].equals("allow") || words[0].equals("deny"))) {
                throw new IllegalArgumentException(at + ": write 'allow PATTERN' or 'deny PATTERN : reason', got '"
                        + lines[i].strip() + "'");
            }
            String pattern = words[1];
            checkPattern(pattern, at);
            into.remove(pattern);   // keep the file order, the later rule in it
            into.put(pattern, new Rule(words[0].equals("allow"), pattern, reason, at));
        }
    }

    private static void checkPattern(String pattern, String at) {
        String name = pattern;
        int hash = pattern.indexOf('#');
        if (hash >= 0) {
            String member = pattern.substring(hash + 1);
            name = pattern.substring(0, hash);
            if (!member.equals("new") && !Character.isJavaIdentifierStart(member.isEmpty() ? ' ' : member.charAt(0))) {
                throw new IllegalArgumentException(at + ": '" + pattern + "' names no member after #");
            }
            if (name.endsWith("*")) throw new IllegalArgumentException(at + ": a member rule names one type, got '" + pattern + "'");
        }
        if (name.endsWith(".**")) name = name.substring(0, name.length() - 3);
        else if (name.endsWith(".*")) name = name.substring(0, name.length() - 2);
        if (!name.contains(".") && !pattern.endsWith(".**")) {
            throw new IllegalArgumentException(at + ": write the full name with its package (java.lang.Math), got '"
                    + pattern + "'");
        }
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty() || !part.chars().allMatch(c -> Character.isJavaIdentifierPart(c))) {
                throw new IllegalArgumentException(at + ": '" + pattern + "' is not a package, type or member name");
            }
        }
    }

    /**
     * Whether exercise code may use {@code member} of {@code type}.
     *
     * @param type   a binary class name with dots, {@code java.util.Map$Entry}
     * @param member a method or field name, {@code "new"} for a constructor, or null for the type
     *               itself (a supertype, say)
     */
    Decision decide(String type, String member) {
        String key = member == null ? type : type + "#" + member;
        return decisions.computeIfAbsent(key, k -> decideNow(type, member));
    }

    private Decision decideNow(String type, String member) {
        if (member != null) {
            for (String t : typeAndSupertypes(type)) {
                Rule rule = rules.get(dotted(t) + "#" + member);
                if (rule != null) return verdict(rule);
            }
        }
        for (String name : typeAndEnclosing(type)) {
            Rule rule = rules.get(name);
            if (rule != null) return verdict(rule);
        }
        String pkg = packageOf(type);
        Rule rule = rules.get(pkg + ".*");
        if (rule != null) return verdict(rule);
        for (String p = pkg; !p.isEmpty(); p = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : "") {
            rule = rules.get(p + ".**");
            if (rule != null) return verdict(rule);
        }
        return new Decision(false, "it is not on the list of what exercise code may use (" + String.join(", ", sources) + ")");
    }

    private static Decision verdict(Rule rule) {
        if (rule.allow()) return new Decision(true, "");
        return new Decision(false, rule.reason().isEmpty() ? "it is off limits for exercise code (" + rule.where() + ")" : rule.reason());
    }

    /** "java.util.Map$Entry" → "java.util.Map.Entry", "java.util.Map". */
    private static List<String> typeAndEnclosing(String type) {
        List<String> names = new ArrayList<>();
        String binary = type;
        while (true) {
            names.add(dotted(binary));
            int dollar = binary.lastIndexOf('$');
            if (dollar < 0 || dollar < binary.lastIndexOf('.')) break;
            binary = binary.substring(0, dollar);
        }
        return names;
    }

    private static String dotted(String binary) {
        return binary.replace('$', '.');
    }

    private static String packageOf(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "" : type.substring(0, dot);
    }

    /** The type, then its superclasses and interfaces, nearest first (only for types this JVM can load). */
    private List<String> typeAndSupertypes(String type) {
        return supertypes.computeIfAbsent(type, t -> {
            Set<String> out = new LinkedHashSet<>();
            Deque<String> queue = new ArrayDeque<>(List.of(t));
            while (!queue.isEmpty()) {
                String next = queue.removeFirst();
                if (!out.add(next)) continue;
                Class<?> c = load(next);
                if (c == null) continue;
                if (c.getSuperclass() != null) queue.addLast(c.getSuperclass().getName());
                for (Class<?> i : c.getInterfaces()) queue.addLast(i.getName());
            }
            return List.copyOf(out);
        });
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, hierarchy);   // not initialized: nothing of it runs
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The rule files this policy was read from, for messages. */
    List<String> sources() {
        return sources;
    }
}
