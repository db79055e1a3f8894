package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KitTest {

    private static Path kitIn(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("exercises/src"));
        Files.createDirectories(folder.resolve("notebooks"));
        return folder;
    }

    @Test
    void theKitAboveTheNotebookWinsOverTheKernelsHome(@TempDir Path temp) throws IOException {
        Path installed = kitIn(temp.resolve("installed"));
        Path studentsCopy = kitIn(temp.resolve("home/student/backprop-kit"));
        assertEquals(studentsCopy, Kit.find(studentsCopy.resolve("notebooks"), installed.toString()));
    }

    @Test
    void outsideAnyKitTheKernelsHomeIsUsed(@TempDir Path temp) throws IOException {
        Path installed = kitIn(temp.resolve("installed"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        assertEquals(installed, Kit.find(elsewhere, installed.toString()));
    }

    @Test
    void neitherGivesAMessageThatSaysWhatToDo(@TempDir Path temp) throws IOException {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        var noHome = assertThrows(IllegalStateException.class, () -> Kit.find(elsewhere, null));
        assertTrue(noHome.getMessage().contains("./course lab"), noHome.getMessage());
        var badHome = assertThrows(IllegalStateException.class, () -> Kit.find(elsewhere, temp.resolve("nothing").toString()));
        assertTrue(badHome.getMessage().contains("BACKPROP_KIT_HOME is"), badHome.getMessage());
    }
}
