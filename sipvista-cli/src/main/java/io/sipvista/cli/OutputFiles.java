package io.sipvista.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
