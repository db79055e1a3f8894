package backprop.grading;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the kit's folder: the one with {@code exercises/} (and, for instructors, {@code solutions/}) in it. */
final class Kit {

    /** The environment variable the kit's kernelspec sets to the kit's folder. */
    static final String HOME = "BACKPROP_KIT_HOME";

    private Kit() {}

    /**
     * {@code $BACKPROP_KIT_HOME} if it is set, else the nearest folder at or above the working
     * directory that holds {@code exercises/src}.
     *
     * @throws IllegalStateException saying how to fix it when neither works
     */
    static Path find() {
        String home = System.getenv(HOME);
        if (home != null && !home.isBlank()) {
            Path kit = Path.of(home).toAbsolutePath().normalize();
            if (isKit(kit)) return kit;
            throw new IllegalStateException(HOME + " is " + home + ", but there is no exercises/ folder there; "
                    + "point it at the Backprop Kit folder (the one with the course script in it)");
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (isKit(dir)) return dir;
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
