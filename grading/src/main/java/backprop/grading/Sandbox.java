package backprop.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the test JVM runs: the {@link Isolation} the machine allows, and everything that goes
 * with it — the command that starts the JVM, its environment, its private temporary folder, and
 * the end of every process it started.
 *
 * <ul>
 *   <li><b>bubblewrap</b> ({@code bwrap}): the JVM sees the system's programs and libraries
 *       ({@code /usr/bin}, {@code /usr/lib}…) read-only, the JDK, the two kernel settings the JVM
 *       reads to choose its page size ({@link TestJvmOptions#KERNEL_SETTINGS}), and the jars and
 *       class folders of its classpath, bound read-only one by one; no kit, no {@code solutions/}, no test
 *       sources, nothing of {@code /home}, {@code /usr/local} or {@code /work}. It gets a private
 *       {@code /tmp}, no network, its own process namespace (when its first process ends, every
 *       process in it ends) and, when the grader is root, a user id of its own.</li>
 *   <li><b>user</b>: when the grader is root but namespaces are refused (a Docker container may
 *       refuse them), the JVM runs as a user id of its own, chosen per run, through
 *       {@code setpriv}; its processes are found by that id and ended.</li>
 *   <li><b>none</b>: the JVM runs as the grader's user (a student's laptop), in a session of its
 *       own on Linux, whose processes are ended with it.</li>
 * </ul>
 * In every mode the JVM's environment is emptied (no tokens or secrets of the grader's reach
 * student code) and its working and temporary folder is a fresh one.
 *
 * <p>{@link #detect(Isolation, Path)} tries the modes on this machine (once per JVM: a few
 * milliseconds); {@code BACKPROP_ISOLATION} or the grader's {@code --isolation} can force one,
 * which is how the tests exercise every mode.
 */
final class Sandbox implements AutoCloseable {

    /** The environment variable that picks the isolation when the command line does not. */
    static final String ENVIRONMENT = "BACKPROP_ISOLATION";
    /** The size of the private /tmp inside bubblewrap (it lives in memory). */
    private static final long TMP_BYTES = 64L << 20;
    /** User ids for the test JVM when the grader is root: one per run, from this range. */
    private static final int FIRST_UID = 62000, UIDS = 3000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Isolation isolation;
    private final boolean root;
    private final Path folder;                                   // staged jars (user mode)
    private final Map<Path, Path> staged = new ConcurrentHashMap<>();

    private Sandbox(Isolation isolation, boolean root, Path folder) {
        this.isolation = isolation;
        this.root = root;
        this.folder = folder;
    }

    /**
     * The isolation to use: {@code requested}, or the strongest available for {@link Isolation#AUTO}.
     *
     * @param folder a folder of the grader's for files the sandbox needs to prepare
     * @throws IllegalStateException when a named isolation is not available here, saying why
     */
    static Sandbox detect(Isolation requested, Path folder) {
        boolean root = Machine.ROOT;
        Isolation chosen = switch (requested) {
            case AUTO -> Machine.bubblewrapProblem().isEmpty() ? Isolation.BUBBLEWRAP
                    : root && Machine.setprivProblem().isEmpty() ? Isolation.USER : Isolation.NONE;
            case BUBBLEWRAP -> {
                Machine.bubblewrapProblem().ifPresent(why -> {
                    throw new IllegalStateException("bubblewrap isolation was asked for, but " + why);
                });
                yield Isolation.BUBBLEWRAP;
            }
            case USER -> {
                if (!root) {
                    throw new IllegalStateException("user isolation was asked for, but it needs the grader to run as root "
                            + "(to hand the test JVM a user id of its own)");
                }
                Machine.setprivProblem().ifPresent(why -> {
                    throw new IllegalStateException("user isolation was asked for, but " + why);
                });
                yield Isolation.USER;
            }
            case NONE -> Isolation.NONE;
        };
        return new Sandbox(chosen, root, folder);
    }

    /** The isolation in force. */
    Isolation isolation() {
        return isolation;
    }

    /** A line for reports: the isolation in force and what it guarantees. */
    String description() {
        return isolation.description();
    }

    /** Deletes what the sandbox staged. */
    @Override
    public void close() {
        JavaCompilation.deleteQuietly(folder);
    }

    /** Makes a folder of the grader's passable for the test JVM's user (user mode): others may enter it, not list it. */
    static void letIn(Path folder) {
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x--x"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: there is no user mode here either
        }
    }

    /**
     * A file or folder of the grader's that a test JVM sees besides its classpath: read-only (the
     * class-data archive every test JVM of a grader maps), or writable (a fresh, empty folder for
     * what a JVM that runs no student code writes: the archive, when it is made). The JVM's options
     * name the i-th one as {@code @EXTRA<i>@}, replaced by its path as the JVM sees it.
     */
    record Extra(Path path, boolean writable) {}

    /** As {@link #start(List, List, String, Path, List)}, with nothing besides the classpath. */
    Jail start(List<String> javaOptions, List<Path> classpath, String mainClass, Path work) throws IOException {
        return start(javaOptions, classpath, mainClass, work, List.of());
    }

    /**
     * Starts a test JVM.
     *
     * @param javaOptions the JVM's options (heap and the like), without a classpath
     * @param classpath   its classpath, in order
     * @param mainClass   the class to run
     * @param work        a fresh folder of the grader's for this JVM (its private temporary folder goes inside)
     * @param extras      what else it sees, named in the options as {@code @EXTRA0@}, {@code @EXTRA1@}…
     */
    Jail start(List<String> javaOptions, List<Path> classpath, String mainClass, Path work, List<Extra> extras) throws IOException {
        return new Jail(javaOptions, classpath, mainClass, work, extras);
    }

    /** One running test JVM and what it was given. */
    final class Jail implements AutoCloseable {
        private final Process process;
        private final Path tmp;
        private final int uid;

        private Jail(List<String> javaOptions, List<Path> classpath, String mainClass, Path work, List<Extra> extras)
                throws IOException {
            this.uid = root && isolation != Isolation.NONE ? pickUid() : -1;
            String javaProgram = Machine.JAVA.toString();
            List<String> command = new ArrayList<>();
            String inside;                       // the private temporary folder, as the JVM sees it
            List<String> cp = new ArrayList<>();
            List<String> seen = new ArrayList<>();   // each extra's path as the JVM sees it
            for (Extra extra : extras) {
                if (extra.writable() && uid >= 0) {
                    Files.setAttribute(extra.path(), "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(extra.path(), "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
                }
            }
            switch (isolation) {
                case BUBBLEWRAP -> {
                    tmp = null;
                    inside = "/tmp";
                    command.addAll(bubblewrap(classpath, cp, extras, seen, uid));
                }
                case USER -> {
                    tmp = privateFolder(work, uid);
                    inside = tmp.toString();
                    for (Path entry : classpath) cp.add(readableByOthers(entry).toString());
                    for (Extra extra : extras) seen.add((extra.writable() ? extra.path() : readableByOthers(extra.path())).toString());
                    command.addAll(List.of(Machine.SETPRIV.toString(), "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                            "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--"));
                }
                default -> {
                    tmp = privateFolder(work, -1);
                    inside = tmp.toString();
                    for (Path entry : classpath) cp.add(entry.toString());
                    for (Extra extra : extras) seen.add(extra.path().toString());
                    if (Machine.SETSID != null) command.add(Machine.SETSID.toString());   // a session of its own
                }
            }
            command.add(javaProgram);
            for (String option : javaOptions) {
                for (int i = 0; i < seen.size(); i++) option = option.replace("@EXTRA" + i + "@", seen.get(i));
                command.add(option);
            }
            command.addAll(List.of("-Djava.io.tmpdir=" + inside, "-Duser.home=" + inside,
                    "-cp", String.join(java.io.File.pathSeparator, cp), mainClass));
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> env = builder.environment();
            env.clear();                                              // no secret of the grader's reaches the JVM
            env.put("PATH", "/usr/bin:/bin");
            env.put("LANG", "C.UTF-8");
            env.put("HOME", inside);
            env.put("TMPDIR", inside);
            if (tmp != null) builder.directory(tmp.toFile());
            this.process = builder.start();
        }

        /** The test JVM (its outermost process: bwrap, setpriv's JVM or the JVM itself). */
        Process process() {
            return process;
        }

        /** The user id the test JVM runs as, or -1 when it runs as the grader's own. */
        int uid() {
            return uid;
        }

        /**
         * Ends the test JVM and every process it started, in whatever way the isolation allows,
         * and deletes its private folder.
         */
        @Override
        public void close() {
            List<ProcessHandle> family = new ArrayList<>();
            try {
                family.addAll(process.descendants().collect(Collectors.toList()));
            } catch (RuntimeException e) {
                // the process is gone already
            }
            process.destroyForcibly();
            family.forEach(ProcessHandle::destroyForcibly);
            for (int round = 0; round < 5; round++) {
                List<ProcessHandle> left = switch (isolation) {
                    case USER -> Machine.processesOf(uid);
                    case NONE -> Machine.SETSID != null ? Machine.processesInSession(process.pid()) : List.of();
                    default -> List.of();     // bubblewrap's process namespace ends with its first process
                };
                if (left.isEmpty()) break;
                left.forEach(ProcessHandle::destroyForcibly);
                sleep(20);
            }
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (tmp != null) JavaCompilation.deleteQuietly(tmp);
        }
    }

    // ------------------------------------------------------------------ bubblewrap

    /**
     * The bwrap command line up to the JVM; fills {@code cp} with the classpath as the JVM sees it,
     * and {@code seen} with the extras' paths. Everything is bound read-only at a path of the
     * sandbox's own ({@code /grading/N}, {@code /grading/extra-N}), so that the JVM learns nothing
     * of where the grader keeps it; only a writable extra (never given to a JVM that runs student
     * code) can be written.
     */
    private List<String> bubblewrap(List<Path> classpath, List<String> cp, List<Extra> extras, List<String> seen, int uid) {
        List<String> c = new ArrayList<>(List.of(Machine.BWRAP.toString(),
                "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                "--die-with-parent", "--new-session", "--clearenv"));
        if (!root) c.add("--unshare-user");
        c.addAll(Machine.systemBinds());
        c.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--perms", "1777", "--size", Long.toString(TMP_BYTES), "--tmpfs", "/tmp",
                "--perms", "0755", "--dir", "/grading", "--chdir", "/tmp"));
        for (int i = 0; i < classpath.size(); i++) {
            Path entry = classpath.get(i);
            String target = "/grading/" + i + (Files.isDirectory(entry) ? "" : ".jar");
            c.addAll(List.of("--ro-bind", entry.toString(), target));
            cp.add(target);
        }
        for (int i = 0; i < extras.size(); i++) {
            Extra extra = extras.get(i);
            String target = "/grading/extra-" + i;
            c.addAll(List.of(extra.writable() ? "--bind" : "--ro-bind", extra.path().toString(), target));
            seen.add(target);
        }
        if (root) {
            // bwrap itself needs root's capabilities to set up the sandbox; the JVM gets a user id and none of them
            c.addAll(List.of("--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP",
                    "--", Machine.SETPRIV.toString(), "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                    "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all"));
        }
        c.add("--");
        return c;
    }

    /** A user id for one run, unknown to /etc/passwd: runs graded side by side cannot touch each other. */
    private static int pickUid() {
        int uid;
        do {
            uid = FIRST_UID + RANDOM.nextInt(UIDS);
        } while (Machine.PASSWD_UIDS.contains(uid));
        return uid;
    }

    // ------------------------------------------------------------------ user mode

    /** A fresh folder for the JVM's temporary files, its own (owned by {@code uid} when that is ≥ 0). */
    private static Path privateFolder(Path work, int uid) throws IOException {
        Path tmp = Files.createTempDirectory(work, "tmp-");
        if (uid >= 0) {
            Files.setAttribute(tmp, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(tmp, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
        }
        return tmp;
    }

    /** The entry itself when every user may read it, else a copy of it that they may. */
    private Path readableByOthers(Path entry) {
        if (othersCanRead(entry)) return entry;
        return staged.computeIfAbsent(entry, e -> {
            try {
                Files.createDirectories(folder);
                letIn(folder);
                Path own = Files.createTempDirectory(folder, "staged-");
                letIn(own);
                Path copy = own.resolve(e.getFileName().toString());
                if (Files.isDirectory(e)) {
                    try (Stream<Path> walk = Files.walk(e)) {
                        for (Path p : walk.collect(Collectors.toList())) {
                            Path to = copy.resolve(e.relativize(p).toString());
                            if (Files.isDirectory(p)) Files.createDirectories(to);
                            else Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                } else {
                    Files.copy(e, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                makeReadable(copy);
                return copy;
            } catch (IOException ex) {
                throw new UncheckedIOException("could not stage " + e + " for the test JVM's user", ex);
            }
        });
    }

    /** Whether a user other than the owner can reach and read the file (or the whole folder). */
    private static boolean othersCanRead(Path entry) {
        try {
            for (Path p = entry.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) return false;
            }
            try (Stream<Path> walk = Files.walk(entry)) {
                return walk.allMatch(p -> {
                    try {
                        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                        return perms.contains(PosixFilePermission.OTHERS_READ)
                                && (!Files.isDirectory(p) || perms.contains(PosixFilePermission.OTHERS_EXECUTE));
                    } catch (IOException e) {
                        return false;
                    }
                });
            }
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Lets every user read a folder of the grader's (class files it compiled). */
    static void makeReadable(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.collect(Collectors.toList())) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not POSIX: nothing to do
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ this machine

    /** What this machine offers, found once per JVM (the values never change afterwards). */
    static final class Machine {
        static final Path JAVA = realPath(Path.of(System.getProperty("java.home"), "bin", "java"));
        static final boolean ROOT = uidOf(Path.of("/proc/self")) == 0;
        static final Path BWRAP = program("bwrap");
        static final Path SETPRIV = program("setpriv");
        static final Path SETSID = program("setsid");
        static final Set<Integer> PASSWD_UIDS = passwdUids();

        private Machine() {}

        /** Why bubblewrap cannot be used here, or empty when it can (tried once). */
        static Optional<String> bubblewrapProblem() {
            return BubblewrapProbe.PROBLEM;
        }

        /** Why setpriv cannot give the JVM a user id here, or empty when it can (tried once). */
        static Optional<String> setprivProblem() {
            return SetprivProbe.PROBLEM;
        }

        private static final class BubblewrapProbe {
            static final Optional<String> PROBLEM = probeBubblewrap();
        }

        private static final class SetprivProbe {
            static final Optional<String> PROBLEM = probeSetpriv();
        }

        private static Optional<String> probeBubblewrap() {
            if (BWRAP == null) return Optional.of("bwrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)");
            if (ROOT && SETPRIV == null) return Optional.of("setpriv (util-linux) is not installed");
            Path trueProgram = program("true");
            if (trueProgram == null) return Optional.of("there is no 'true' program to try it with");
            var probe = new Sandbox(Isolation.BUBBLEWRAP, ROOT, Path.of("/nonexistent"));
            List<String> command = probe.bubblewrap(List.of(), new ArrayList<>(), List.of(), new ArrayList<>(), FIRST_UID);
            command.add(trueProgram.toString());
            return run(command, "bubblewrap");
        }

        private static Optional<String> probeSetpriv() {
            if (SETPRIV == null) return Optional.of("setpriv (util-linux) is not installed");
            Path trueProgram = program("true");
            if (trueProgram == null) return Optional.of("there is no 'true' program to try it with");
            return run(List.of(SETPRIV.toString(), "--reuid=" + FIRST_UID, "--regid=" + FIRST_UID, "--clear-groups",
                    "--no-new-privs", trueProgram.toString()), "setpriv");
        }

        private static Optional<String> run(List<String> command, String what) {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                p.getOutputStream().close();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.of(what + " did not finish a trial run within 10 s");
                }
                String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return p.exitValue() == 0 ? Optional.empty()
                        : Optional.of(what + " does not work here (exit status " + p.exitValue() + (said.isEmpty() ? "" : ": " + said) + ")");
            } catch (IOException e) {
                return Optional.of(what + " could not be started: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted while trying " + what);
            }
        }

        /**
         * The read-only view of the system for bubblewrap: /usr, the /lib and /bin links or folders
         * beside it, the JDK when it lives elsewhere, and the files outside the JDK its links point
         * to (Debian keeps the JDK's configuration in /etc).
         */
        static List<String> systemBinds() {
            return SystemView.BINDS;
        }

        private static final class SystemView {
            static final List<String> BINDS = computeBinds();
        }

        /** The system folders a JVM needs: programs and libraries, not /usr/local, /usr/share or /home. */
        private static final List<String> SYSTEM = List.of("/usr/bin", "/usr/sbin", "/usr/lib", "/usr/lib32", "/usr/lib64",
                "/usr/libx32", "/usr/share/zoneinfo");

        private static List<String> computeBinds() {
            List<String> binds = new ArrayList<>();
            Set<String> made = new HashSet<>(Set.of("/"));
            List<String> bound = new ArrayList<>();
            for (String dir : SYSTEM) {
                Path p = Path.of(dir);
                if (!Files.isDirectory(p) || Files.isSymbolicLink(p)) continue;
                openParents(p, made, binds);
                binds.addAll(List.of("--ro-bind", dir, dir));
                bound.add(dir);
            }
            for (String top : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
                Path p = Path.of(top);
                try {
                    if (Files.isSymbolicLink(p)) binds.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), top));
                    else if (Files.isDirectory(p)) binds.addAll(List.of("--ro-bind", top, top));
                } catch (IOException e) {
                    // leave it out
                }
            }
            List<String> files = new ArrayList<>();
            for (String etc : List.of("/etc/ld.so.cache", "/etc/localtime")) {
                if (Files.exists(Path.of(etc), LinkOption.NOFOLLOW_LINKS)) files.add(etc);
            }
            for (Path setting : TestJvmOptions.KERNEL_SETTINGS) {
                if (Files.isRegularFile(setting)) files.add(setting.toString());
            }
            Path home = JAVA.getParent().getParent();
            files.add(home.toString());
            try (Stream<Path> walk = Files.walk(home)) {
                for (Path p : walk.filter(Files::isSymbolicLink).collect(Collectors.toList())) {
                    Path target = realPath(p);
                    if (target != null && !target.startsWith(home)) files.add(target.toString());
                }
            } catch (IOException | UncheckedIOException e) {
                // a JDK we cannot walk: bind what we have
            }
            for (String file : new LinkedHashSet<>(files)) {
                if (bound.stream().anyMatch(b -> Path.of(file).startsWith(b))) continue;   // inside a folder bound already
                if (Files.isSymbolicLink(Path.of(file))) {
                    try {
                        openParents(Path.of(file), made, binds);
                        binds.addAll(List.of("--symlink", Files.readSymbolicLink(Path.of(file)).toString(), file));
                    } catch (IOException e) {
                        // leave it out
                    }
                    continue;
                }
                openParents(Path.of(file), made, binds);
                binds.addAll(List.of("--ro-bind", file, file));
            }
            return List.copyOf(binds);
        }

        /** bwrap would make the missing folders on the way readable by root only: make them open. */
        private static void openParents(Path target, Set<String> made, List<String> binds) {
            List<Path> parents = new ArrayList<>();
            for (Path d = target.getParent(); d != null && made.add(d.toString()); d = d.getParent()) parents.add(0, d);
            for (Path d : parents) binds.addAll(List.of("--perms", "0755", "--dir", d.toString()));
        }

        /** The processes whose real user id is {@code uid} (Linux; empty elsewhere). */
        static List<ProcessHandle> processesOf(int uid) {
            List<ProcessHandle> found = new ArrayList<>();
            for (long pid : pids()) {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                        if (line.startsWith("Uid:")) {
                            if (Integer.parseInt(line.substring(4).trim().split("\\s+")[0]) == uid) {
                                ProcessHandle.of(pid).ifPresent(found::add);
                            }
                            break;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
            return found;
        }

        /** The processes of the session {@code session} (Linux; empty elsewhere). */
        static List<ProcessHandle> processesInSession(long session) {
            List<ProcessHandle> found = new ArrayList<>();
            for (long pid : pids()) {
                try {
                    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(after[3]) == session) ProcessHandle.of(pid).ifPresent(found::add);
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
            return found;
        }

        private static List<Long> pids() {
            Path proc = Path.of("/proc");
            if (!Files.isDirectory(proc)) return List.of();
            try (Stream<Path> list = Files.list(proc)) {
                return list.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                        .map(Long::parseLong).collect(Collectors.toList());
            } catch (IOException e) {
                return List.of();
            }
        }

        private static Path program(String name) {
            for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return p;
            }
            return null;
        }

        private static int uidOf(Path p) {
            try {
                return (Integer) Files.getAttribute(p, "unix:uid");
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return -1;
            }
        }

        private static Set<Integer> passwdUids() {
            Set<Integer> uids = new HashSet<>();
            try {
                for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                    String[] f = line.split(":");
                    if (f.length > 2) uids.add(Integer.parseInt(f[2]));
                }
            } catch (IOException | RuntimeException e) {
                // no passwd: any id in our range will do
            }
            return Set.copyOf(uids);
        }

        private static Path realPath(Path p) {
            try {
                return p.toRealPath();
            } catch (IOException e) {
                return null;
            }
        }
    }
}
