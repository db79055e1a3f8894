package backprop.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The static check: reads a submission's compiled classes before anything of them runs, and
 * checks every reference they make (each method called, field read, class extended, method
 * reference) against the {@link ApiPolicy} of the class's chapter.
 *
 * <p>A method that makes a reference the policy denies is <em>neutralised</em>: its body is
 * replaced by one that throws {@code UnsupportedOperationException("Not allowed in exercise
 * code: …")}, naming the call, its source line and the reason. So it costs exactly what a stub
 * costs, the tests that call it, and nothing else; the rest of the class is graded as usual. A
 * class that extends or implements a denied type has all its methods neutralised.
 *
 * <pre>{@code
 * List<ApiCheck.Violation> found = ApiCheck.check(classes, pkg -> ApiPolicy.forPackage(tests, pkg), testClasses);
 * // found.get(0).message(): "exercises/ch4/FourEquations.java line 42 (bp2) calls
 * //     java.lang.Runtime.exec(String): exercise code may not exit, start processes or load native code"
 * }</pre>
 */
final class ApiCheck {

    /** How the message of a neutralised method begins; the test JVM reports such a test as rejected. */
    static final String REJECTED = "Not allowed in exercise code: ";

    /** The bootstrap methods javac itself emits for lambdas, string concatenation, records and switches. */
    private static final Set<String> BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory.metafactory", "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants", "java/lang/invoke/StringConcatFactory.makeConcat",
            "java/lang/runtime/ObjectMethods.bootstrap", "java/lang/runtime/SwitchBootstraps.typeSwitch",
            "java/lang/runtime/SwitchBootstraps.enumSwitch");

    /**
     * One denied reference.
     *
     * @param source the source file, relative to the code's root ({@code exercises/ch4/FourEquations.java})
     * @param line   its line (0 when the class has no line numbers)
     * @param where  the method it is in, as a student would say it ({@code bp2}, {@code a lambda in bp2})
     * @param what   the reference ({@code calls java.lang.Runtime.exec(String)})
     * @param reason why it is denied
     */
    record Violation(String source, int line, String where, String what, String reason) {
        /** One line for the report. */
        String message() {
            return source + (line > 0 ? " line " + line : "") + " (" + where + ") " + what + ": " + reason;
        }
    }

    private ApiCheck() {}

    /**
     * Checks every class file under {@code classes} and neutralises the methods that break the rules,
     * rewriting their class files in place.
     *
     * @param classes   the compiled submission (and maybe the tests, whose classes are left alone)
     * @param policies  the policy of each package
     * @param offLimits classes the submission may not touch whatever the policy says (the tests'), binary names with dots
     * @return every violation, in file and line order
     */
    static List<Violation> check(Path classes, Function<String, ApiPolicy> policies, Set<String> offLimits) {
        Map<String, Path> files = classFiles(classes);
        Map<String, ClassReader> readers = new LinkedHashMap<>();
        Map<String, Shape> own = new HashMap<>();
        for (var entry : files.entrySet()) {
            ClassReader reader = read(entry.getValue());
            if (offLimits.contains(outermost(dotted(reader.getClassName())))) continue;   // a test's class, compiled alongside
            readers.put(entry.getKey(), reader);
            own.put(reader.getClassName(), Shape.of(reader));
        }
        Map<String, ApiPolicy> byPackage = new HashMap<>();
        List<Violation> all = new ArrayList<>();
        for (var entry : readers.entrySet()) {
            ClassReader reader = entry.getValue();
            String internal = reader.getClassName();
            String pkg = internal.contains("/") ? internal.substring(0, internal.lastIndexOf('/')).replace('/', '.') : "";
            ApiPolicy policy = byPackage.computeIfAbsent(pkg, policies);
            var finder = new Finder(policy, own, offLimits);
            reader.accept(finder, ClassReader.SKIP_FRAMES);
            if (finder.byMethod.isEmpty() && finder.classLevel.isEmpty()) continue;
            all.addAll(finder.classLevel);
            finder.byMethod.values().forEach(all::addAll);
            write(files.get(entry.getKey()), neutralise(reader, finder));
        }
        all.sort((a, b) -> a.source().equals(b.source()) ? Integer.compare(a.line(), b.line()) : a.source().compareTo(b.source()));
        return List.copyOf(all);
    }

    // ------------------------------------------------------------------ finding

    /** What a class of the submission declares: enough to tell an inherited member from its own. */
    private record Shape(String superName, List<String> interfaces, Set<String> methods, Set<String> fields) {
        static Shape of(ClassReader reader) {
            Set<String> methods = new HashSet<>();
            Set<String> fields = new HashSet<>();
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    methods.add(name + descriptor);
                    return null;
                }

                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                    fields.add(name);
                    return null;
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return new Shape(reader.getSuperName(), List.of(reader.getInterfaces()), methods, fields);
        }
    }

    /** Visits one class and records each denied reference, per method. */
    private static final class Finder extends ClassVisitor {
        private final ApiPolicy policy;
        private final Map<String, Shape> own;
        private final Set<String> offLimits;
        final Map<String, List<Violation>> byMethod = new LinkedHashMap<>();   // name + descriptor → violations
        final List<Violation> classLevel = new ArrayList<>();
        private String source = "";
        private String className = "";

        Finder(ApiPolicy policy, Map<String, Shape> own, Set<String> offLimits) {
            super(Opcodes.ASM9);
            this.policy = policy;
            this.own = own;
            this.offLimits = offLimits;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
            source = name.contains("$") ? name.substring(0, name.indexOf('$')) + ".java" : name + ".java";
            List<String> supertypes = new ArrayList<>();
            if (superName != null) supertypes.add(superName);
            if (interfaces != null) supertypes.addAll(List.of(interfaces));
            for (String type : supertypes) {
                if (own.containsKey(type)) continue;
                String denied = deniedType(type);
                if (denied != null) {
                    classLevel.add(new Violation(source, 0, "class " + simple(name), (superName != null && superName.equals(type)
                            ? "extends " : "implements ") + dotted(type), denied));
                }
            }
        }

        @Override
        public void visitSource(String file, String debug) {
            if (file != null) {
                source = className.contains("/") ? className.substring(0, className.lastIndexOf('/') + 1) + file : file;
            }
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            String key = name + descriptor;
            String where = describeMethod(name);
            if ((access & Opcodes.ACC_NATIVE) != 0) {
                add(key, new Violation(source, 0, where, "is a native method", "native code is not allowed in exercise code"));
            }
            return new MethodVisitor(Opcodes.ASM9) {
                private int line;

                @Override
                public void visitLineNumber(int number, Label start) {
                    line = number;
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String member, String desc, boolean isInterface) {
                    reference(owner, member, desc, true, "calls ", line);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String member, String desc) {
                    reference(owner, member, desc, false, "uses ", line);
                }

                @Override
                public void visitInvokeDynamicInsn(String member, String desc, Handle bootstrap, Object... arguments) {
                    if (!BOOTSTRAPS.contains(bootstrap.getOwner() + "." + bootstrap.getName())) {
                        add(key, new Violation(source, line, where, "uses the bootstrap method " + dotted(bootstrap.getOwner())
                                + "." + bootstrap.getName(), "method handles are reflection, which is not allowed in exercise code"));
                    }
                    for (Object argument : arguments) {
                        // a lambda's bootstrap takes method types and the handle of the lambda's body: check the handles
                        if (argument instanceof Handle handle) constant(handle, line);
                        else if (argument instanceof ConstantDynamic) constant(argument, line);
                    }
                }

                @Override
                public void visitLdcInsn(Object value) {
                    constant(value, line);
                }

                private void constant(Object value, int at) {
                    if (value instanceof Handle handle) {
                        reference(handle.getOwner(), handle.getName(), handle.getDesc(),
                                handle.getTag() >= Opcodes.H_INVOKEVIRTUAL, "refers to ", at);
                    } else if (value instanceof ConstantDynamic || (value instanceof Type type && type.getSort() == Type.METHOD)) {
                        add(key, new Violation(source, at, where, "uses a method handle constant",
                                "method handles are reflection, which is not allowed in exercise code"));
                    }
                }

                private void reference(String owner, String member, String desc, boolean method, String verb, int at) {
                    String denied = deniedMember(owner, member, desc, method);
                    if (denied != null) {
                        add(key, new Violation(source, at, where, verb + show(owner, member, desc, method), denied));
                    }
                }
            };
        }

        private void add(String method, Violation v) {
            List<Violation> list = byMethod.computeIfAbsent(method, m -> new ArrayList<>());
            if (list.stream().noneMatch(x -> x.what().equals(v.what()))) list.add(v);   // once per method is enough
        }

        /** Null when exercise code may use the type, else why not. */
        private String deniedType(String internal) {
            String type = dotted(internal);
            if (offLimits.contains(outermost(type))) return "the tests' own classes are off limits to exercise code";
            ApiPolicy.Decision d = policy.decide(type, null);
            return d.allowed() ? null : d.reason();
        }

        /** Null when exercise code may use the member, else why not. */
        private String deniedMember(String owner, String member, String desc, boolean method) {
            if (owner.startsWith("[")) return null;                        // an array's clone() or length
            String name = member.equals("<init>") ? "new" : member;
            if (offLimits.contains(outermost(dotted(owner)))) return "the tests' own classes are off limits to exercise code";
            if (own.containsKey(owner)) {
                // the submission's own class: fine, unless the member is inherited from a type outside it
                List<String> external = new ArrayList<>();
                if (declaredInside(owner, method ? member + desc : member, method, external, new HashSet<>())) return null;
                String first = null;
                for (String type : external) {
                    ApiPolicy.Decision d = policy.decide(dotted(type), name);
                    if (d.allowed()) return null;
                    if (first == null) first = d.reason();
                }
                return first;
            }
            ApiPolicy.Decision d = policy.decide(dotted(owner), name);
            return d.allowed() ? null : d.reason();
        }

        /** Whether the submission's classes declare the member along owner's supertypes; collects the external supertypes met. */
        private boolean declaredInside(String owner, String member, boolean method, List<String> external, Set<String> seen) {
            if (!seen.add(owner)) return false;
            Shape shape = own.get(owner);
            if (shape == null) {
                external.add(owner);
                return false;
            }
            if (method ? shape.methods().contains(member) : shape.fields().contains(member)) return true;
            List<String> up = new ArrayList<>();
            if (shape.superName() != null) up.add(shape.superName());
            up.addAll(shape.interfaces());
            for (String s : up) {
                if (declaredInside(s, member, method, external, seen)) return true;
            }
            return false;
        }
    }

    // ------------------------------------------------------------------ neutralising

    /** The class again, with every method that broke a rule replaced by one that throws the reason. */
    private static byte[] neutralise(ClassReader reader, Finder finder) {
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                List<Violation> found = finder.byMethod.get(name + descriptor);
                if (found == null && !finder.classLevel.isEmpty() && (access & Opcodes.ACC_ABSTRACT) == 0) {
                    found = finder.classLevel;
                }
                if (found == null) return super.visitMethod(access, name, descriptor, signature, exceptions);
                MethodVisitor mv = super.visitMethod(access & ~Opcodes.ACC_NATIVE, name, descriptor, signature, exceptions);
                throwing(mv, access, descriptor, found);
                return null;   // the original body is dropped
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Writes a body that throws UnsupportedOperationException(REJECTED + the first violation). */
    private static void throwing(MethodVisitor mv, int access, String descriptor, List<Violation> found) {
        Violation first = found.get(0);
        String message = REJECTED + first.message() + (found.size() > 1 ? " (and " + (found.size() - 1) + " more)" : "");
        mv.visitCode();
        Label start = new Label();
        mv.visitLabel(start);
        if (first.line() > 0) mv.visitLineNumber(first.line(), start);
        mv.visitTypeInsn(Opcodes.NEW, "java/lang/UnsupportedOperationException");
        mv.visitInsn(Opcodes.DUP);
        mv.visitLdcInsn(message);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/UnsupportedOperationException", "<init>", "(Ljava/lang/String;)V", false);
        mv.visitInsn(Opcodes.ATHROW);
        int locals = (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - ((access & Opcodes.ACC_STATIC) != 0 ? 1 : 0);
        mv.visitMaxs(3, locals);
        mv.visitEnd();
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Path> classFiles(Path classes) {
        if (!Files.isDirectory(classes)) return Map.of();
        try (Stream<Path> walk = Files.walk(classes)) {
            return walk.filter(p -> p.toString().endsWith(".class")).sorted()
                    .collect(Collectors.toMap(p -> classes.relativize(p).toString(), p -> p, (a, b) -> a, LinkedHashMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + classes, e);
        }
    }

    private static ClassReader read(Path file) {
        try {
            return new ClassReader(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not rewrite " + file, e);
        }
    }

    static String dotted(String internal) {
        return internal.replace('/', '.');
    }

    private static String outermost(String dotted) {
        int dollar = dotted.indexOf('$');
        return dollar < 0 ? dotted : dotted.substring(0, dollar);
    }

    private static String simple(String internal) {
        return internal.substring(internal.lastIndexOf('/') + 1);
    }

    /** {@code bp2}, {@code a lambda in bp2}, {@code a constructor}, {@code the static initializer}. */
    static String describeMethod(String name) {
        if (name.equals("<init>")) return "a constructor";
        if (name.equals("<clinit>")) return "the static initializer";
        if (name.startsWith("lambda$")) {
            String[] parts = name.split("\\$");
            String in = parts.length > 1 ? parts[1] : "";
            return "a lambda in " + (in.equals("new") ? "a constructor" : in.equals("static") ? "the static initializer" : in);
        }
        return name;
    }

    /** {@code java.lang.Runtime.exec(String)}, {@code new java.lang.Thread(Runnable)}, {@code java.lang.System.in}. */
    private static String show(String owner, String member, String desc, boolean method) {
        String type = dotted(owner);
        if (!method) return type + "." + member;
        String parameters = Arrays.stream(Type.getArgumentTypes(desc))
                .map(t -> t.getClassName().substring(t.getClassName().lastIndexOf('.') + 1)).collect(Collectors.joining(", "));
        return member.equals("<init>") ? "new " + type + "(" + parameters + ")" : type + "." + member + "(" + parameters + ")";
    }
}
