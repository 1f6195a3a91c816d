package io.sipvista.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a command writes a file before moving it onto the name the user gave: beside it (so the move is a rename),
 * hidden, and created with the default permissions (the user's umask), as the final file should have.
 */
final class OutputFiles {
    private OutputFiles() {
    }

    /** A new, empty file beside {@code output}: {@code .NAME.N.tmp} with the first free N. */
    static Path temporaryBeside(Path output) throws IOException {
        Path dir = output.toAbsolutePath().getParent();
        String name = output.getFileName() == null ? "output" : output.getFileName().toString();
        for (int n = 0; ; n++) {
            try {
                return Files.createFile(dir.resolve("." + name + "." + n + ".tmp"));
            } catch (FileAlreadyExistsException taken) {
                if (n >= 1000) {
                    throw taken;
                }
            }
        }
    }

    /** What a command writes into the temporary file; false when there turned out to be nothing to write. */
    interface Content {
        boolean writeTo(Path temporary) throws IOException;
    }

    /**
     * Writes {@code output} through a temporary file beside it: renamed onto {@code output} when {@code content}
     * wrote something, removed when it did not or failed, so a failed command leaves nothing behind.
     *
     * @return whether {@code output} was written
     */
    static boolean replace(Path output, Content content) throws IOException {
        Path temp = temporaryBeside(output);
        boolean moved = false;
        try {
            if (content.writeTo(temp)) {
                Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING);
                moved = true;
            }
            return moved;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
