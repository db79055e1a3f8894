package backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.graph.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

/**
 * The library's layering, read from its compiled classes: which class may use which. A student
 * reading the code from the bottom up meets each class after everything it builds on.
 */
class ArchitectureTest {

    /** The library classes that the compiled class {@code name} (e.g. {@code backprop/graph/Value}) refers to, its own nested classes included. */
    static Set<String> references(String name) {
        var found = new TreeSet<String>();
        Pattern library = Pattern.compile("backprop/[a-z/]*[A-Z][A-Za-z0-9]*");
        for (String part : compiledParts(name)) {
            byte[] bytes = bytes(part);
            ClassReader reader = new ClassReader(bytes);
            // Every class a class file uses is named in one of its constant pool's text entries:
            // class references, field and method descriptors, signatures.
            for (int item = 1; item < reader.getItemCount(); item++) {
                int offset = reader.getItem(item);
                if (offset == 0 || reader.readByte(offset - 1) != 1) continue;   // 1: CONSTANT_Utf8
                String text = new String(bytes, offset + 2, reader.readUnsignedShort(offset), StandardCharsets.ISO_8859_1);
                Matcher m = library.matcher(text);
                while (m.find()) found.add(m.group());
            }
        }
        found.removeIf(other -> other.equals(name) || other.startsWith(name + "$"));
        return found;
    }

    @Test
    void aValueKnowsOnlyTheTableOfOperations() {
        Set<String> sameFloor = references("backprop/graph/Value").stream()
                .filter(c -> c.startsWith("backprop/graph/")).collect(Collectors.toSet());
        assertEquals(Set.of("backprop/graph/Operation"), sameFloor,
                "Value may use nothing of its package but the table of operations: no traces, no pictures");
    }

    @Test
    void theAutogradDoesNotKnowItsPictures() {
        for (String c : classesIn("backprop/graph")) {
            if (c.startsWith("backprop/graph/picture/")) continue;
            for (String used : references(c)) {
                assertTrue(!used.startsWith("backprop/graph/picture/"), c + " uses " + used + ": the pictures build on the graph, not the other way round");
            }
        }
    }

    @Test
    void packagesUseOnlyThePackagesBelowThem() {
        // bottom to top: each package may use those before it in this list, never those after
        List<String> floors = List.of("backprop/display", "backprop/data", "backprop/graph", "backprop/graph/picture",
                "backprop/nn", "backprop/plot");
        for (int f = 0; f < floors.size(); f++) {
            String floor = floors.get(f);
            for (String c : classesIn(floor)) {
                if (!c.substring(0, c.lastIndexOf('/')).equals(floor)) continue;     // a sub-package: its own floor
                for (String used : references(c)) {
                    String usedFloor = used.substring(0, used.lastIndexOf('/'));
                    int level = floors.indexOf(usedFloor);
                    assertTrue(level >= 0 && level <= f, c + " uses " + used + ", which is not below it");
                }
            }
        }
    }

    @Test
    void theTeachingCoreAndTheFastPathStandApart() {
        assertTrue(!references("backprop/nn/Backprop").contains("backprop/nn/Trainer"), "Backprop must read on its own");
        for (String upstairs : List.of("backprop/nn/Network", "backprop/nn/Backprop")) {
            assertTrue(!references("backprop/nn/Trainer").contains(upstairs), "the fast path must not use " + upstairs);
            for (String kernels : List.of("Kernels", "PlainKernels", "FastKernels", "BlasKernels")) {
                assertTrue(!references("backprop/nn/" + kernels).contains(upstairs), kernels + " must not use " + upstairs);
                assertTrue(!references("backprop/nn/" + kernels).contains("backprop/nn/Trainer"), kernels + " must not use Trainer");
            }
        }
        assertTrue(!references("backprop/nn/Backprop").contains("backprop/nn/Network"), "the teaching core must not use Network");
    }

    @Test
    void noTwoPackagesShareASimpleName() {
        // kernel/startup.jshell imports every library package with *, beside java.util.* and others.
        Map<String, List<String>> byName = new TreeMap<>();
        for (String c : classesIn("backprop")) {
            if (c.contains("$")) continue;
            byName.computeIfAbsent(c.substring(c.lastIndexOf('/') + 1), n -> new java.util.ArrayList<>()).add(c);
        }
        for (var entry : byName.entrySet()) {
            assertEquals(1, entry.getValue().size(), "two library classes are called " + entry.getKey() + ": " + entry.getValue());
            for (String imported : List.of("java.util.", "java.util.function.", "java.util.stream.", "java.lang.",
                    "org.knowm.xchart.", "org.knowm.xchart.style.", "org.knowm.xchart.style.markers.", "tech.tablesaw.api.")) {
                assertTrue(!exists(imported + entry.getKey()), entry.getValue() + " has the name of " + imported + entry.getKey()
                        + ", which a notebook also imports");
            }
        }
    }

    // ------------------------------------------------------------------ reading the compiled library

    private static final Path CLASSES = classesFolder();

    private static Path classesFolder() {
        try {
            return Path.of(Value.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every compiled class under a package folder (sub-packages included), as {@code backprop/graph/Value}. */
    static List<String> classesIn(String folder) {
        try (Stream<Path> files = Files.walk(CLASSES.resolve(folder))) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> CLASSES.relativize(f).toString().replace('\\', '/').replaceAll("\\.class$", ""))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A top-level class and its nested classes ({@code Value}, {@code Value$1}, …). */
    private static List<String> compiledParts(String name) {
        String folder = name.substring(0, name.lastIndexOf('/'));
        String simple = name.substring(name.lastIndexOf('/') + 1);
        return classesIn(folder).stream()
                .filter(c -> c.substring(c.lastIndexOf('/') + 1).equals(simple) || c.substring(c.lastIndexOf('/') + 1).startsWith(simple + "$"))
                .filter(c -> c.lastIndexOf('/') == folder.length())
                .toList();
    }

    private static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(CLASSES.resolve(name + ".class"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className, false, ArchitectureTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
