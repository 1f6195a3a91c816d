package io.sipvista.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the optional {@code tshark} binary found on PATH, for tests that are skipped without it. */
final class Tshark {
    private Tshark() {
    }

    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "tshark"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Runs tshark with these arguments; returns stdout lines; fails on a non-zero exit or a timeout. */
    static List<String> run(Path tshark, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tshark.toString());
        command.addAll(Arrays.asList(args));
        Path err = Files.createTempFile("tshark", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("tshark timed out");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("tshark exit " + p.exitValue() + ": " + Files.readString(err));
            }
            String text = new String(out, StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
