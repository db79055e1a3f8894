package backprop.kernel.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Build step (run by Maven when the kernel module is packaged): a copy of IJava's shell channel
 * that waits for the next message instead of sleeping 50 ms after each one.
 *
 * <p><b>Why.</b> IJava 1.3.0 (through its jupyter-jvm-basekernel) reads the shell and control
 * sockets in a loop that, after every turn, sleeps a fixed 50 ms ({@code ShellChannel}'s
 * {@code SHELL_DEFAULT_LOOP_SLEEP_MS}); a turn looks at the socket without waiting
 * ({@code poll(0)}). A request that arrives while the loop sleeps waits for the sleep to end, and
 * Jupyter sends the next cell right after the previous one ends, which is exactly when the loop
 * has just gone to sleep: every cell starts about 50 ms late. Over the course's 250 code cells
 * that was about 12 s of the 90 s the course may take, and a student feels it in every cell.
 *
 * <p><b>What.</b> Two constants change, nothing else: the loop sleeps 0 ms, and each turn waits
 * up to {@value #POLL_MILLIS} ms for a message ({@code poll(50)}), so a request is read the
 * moment it arrives. An idle kernel still wakes only every 50 ms, as before, so it costs no more
 * processor time. The patched class goes into a jar of its own, put ahead of the unchanged IJava
 * jar on the kernel's classpath ({@code tools/install_kernel.py}): the JVM loads the first copy
 * of a class it finds.
 *
 * <p>The patch checks the exact instructions it replaces and fails, naming what it expected,
 * when they are not there (another IJava version): it never guesses.
 *
 * <pre>
 * java backprop.kernel.build.ShellLoopPatch ijava-1.3.0.jar shell-loop-patch.jar
 * </pre>
 */
public final class ShellLoopPatch {

    /** The class patched, as a jar entry. */
    static final String SHELL_CHANNEL = "io/github/spencerpark/jupyter/channels/ShellChannel.class";
    /** How long one turn of the patched loop waits for a message; the old loop slept as long. */
    static final long POLL_MILLIS = 50;

    private static final long OLD_SLEEP_MILLIS = 50;
    private static final String POLLER = "org/zeromq/ZMQ$Poller";
    // ShellChannel(ZMQ.Context, HMACGenerator, boolean isControl, JupyterConnection): passes the sleep on
    private static final String DEFAULT_CONSTRUCTOR = "(Lorg/zeromq/ZMQ$Context;"
            + "Lio/github/spencerpark/jupyter/messages/HMACGenerator;Z"
            + "Lio/github/spencerpark/jupyter/channels/JupyterConnection;)V";
    // the body of the loop that bind() starts: poll(0), then read and handle one message
    private static final String LOOP_BODY = "lambda$bind$0";

    private ShellLoopPatch() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ShellLoopPatch IJAVA_JAR OUTPUT_JAR");
        }
        Path ijava = Path.of(args[0]);
        Path out = Path.of(args[1]);
        writeJar(out, patch(read(ijava)));
        System.out.println("IJava's shell loop patched (waits for messages instead of sleeping 50 ms): " + out);
    }

    /** The original class file, from the IJava jar. */
    static byte[] read(Path ijava) throws IOException {
        try (JarFile jar = new JarFile(ijava.toFile())) {
            JarEntry entry = jar.getJarEntry(SHELL_CHANNEL);
            if (entry == null) throw new IllegalStateException(ijava + " has no " + SHELL_CHANNEL + ": is it IJava 1.3.0?");
            try (InputStream in = jar.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }

    /** The patched class file. */
    static byte[] patch(byte[] original) {
        ClassNode shell = new ClassNode();
        new ClassReader(original).accept(shell, 0);
        // ShellChannel(context, hmac, isControl, connection) { this(..., SHELL_DEFAULT_LOOP_SLEEP_MS); }: the sleep becomes 0
        MethodNode constructor = method(shell, "<init>", DEFAULT_CONSTRUCTOR);
        AbstractInsnNode sleep = only(constructor,
                i -> i instanceof LdcInsnNode ldc && Long.valueOf(OLD_SLEEP_MILLIS).equals(ldc.cst),
                "the default sleep of " + OLD_SLEEP_MILLIS + " ms");
        constructor.instructions.set(sleep, new InsnNode(Opcodes.LCONST_0));
        // poller.poll(0) at the top of the loop's body: it now waits up to POLL_MILLIS for a message
        MethodNode body = method(shell, LOOP_BODY, null);
        AbstractInsnNode noWait = only(body,
                i -> i.getOpcode() == Opcodes.LCONST_0 && i.getNext() instanceof MethodInsnNode call
                        && call.owner.equals(POLLER) && call.name.equals("poll") && call.desc.equals("(J)I"),
                "poller.poll(0)");
        body.instructions.set(noWait, new LdcInsnNode(POLL_MILLIS));
        // both constants are longs (two stack slots), so the maximum stack depth and the frames stand
        ClassWriter writer = new ClassWriter(0);
        shell.accept(writer);
        return writer.toByteArray();
    }

    private static MethodNode method(ClassNode owner, String name, String descriptor) {
        return owner.methods.stream()
                .filter(m -> m.name.equals(name) && (descriptor == null || m.desc.equals(descriptor)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(owner.name + " has no method " + name
                        + (descriptor == null ? "" : descriptor) + ": is it IJava 1.3.0?"));
    }

    private static AbstractInsnNode only(MethodNode method, Predicate<AbstractInsnNode> which, String what) {
        List<AbstractInsnNode> found = new ArrayList<>();
        for (AbstractInsnNode i : method.instructions) {
            if (which.test(i)) found.add(i);
        }
        if (found.size() != 1) {
            throw new IllegalStateException("expected " + what + " once in ShellChannel." + method.name + ", found it "
                    + found.size() + " times: is it IJava 1.3.0?");
        }
        return found.get(0);
    }

    private static void writeJar(Path out, byte[] patched) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(file)) {
            JarEntry entry = new JarEntry(SHELL_CHANNEL);
            entry.setTime(0);   // the same bytes on every build
            jar.putNextEntry(entry);
            jar.write(patched);
            jar.closeEntry();
        }
    }
}
