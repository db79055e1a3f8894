package backprop.grading;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the kit's folder: the one with {@code exercises/} (and, for instructors, {@code solutions/}) in it. */
final class Kit {

    /** The environment variable the kit's kernelspec sets to the kit's folder. */
    static final String HOME = "BACKPROP_KIT_HOME";

    private Kit() {}

    /** {@link #find(Path, String)} for this process's working directory and environment. */
    static Path find() {
        return find(Path.of(System.getProperty("user.dir")), System.getenv(HOME));
    }

    /**
     * The nearest folder at or above {@code workingDirectory} that holds {@code exercises/src},
     * else {@code home} (the kernel's {@code $BACKPROP_KIT_HOME}).
     *
     * <p>The working directory wins because a notebook's kernel runs in the notebook's folder: a
     * student who works in their own copy of the kit (on a JupyterHub home volume, say) is graded
     * on their own exercises even though the kernel was installed from another copy.
     *
     * @throws IllegalStateException saying how to fix it when neither works
     */
    static Path find(Path workingDirectory, String home) {
        Path start = workingDirectory.toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (isKit(dir)) return dir;
        }
        if (home != null && !home.isBlank()) {
            Path kit = Path.of(home).toAbsolutePath().normalize();
            if (isKit(kit)) return kit;
            throw new IllegalStateException("there is no exercises/ folder at or above " + start + ", and " + HOME + " is "
                    + home + ", which has none either: point it at the Backprop Kit folder (the one with the course script in it)");
        }
        throw new IllegalStateException("cannot find the kit's exercises/ folder: it is not at or above " + start
                + " and " + HOME + " is not set. Open the notebooks with ./course lab (its kernel sets "
                + HOME + "), or run from inside the kit's folder");
    }

    static boolean isKit(Path dir) {
        return Files.isDirectory(dir.resolve("exercises").resolve("src"))
                || Files.isDirectory(dir.resolve("solutions").resolve("src"));
    }
}
