package io.sipvista.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each command's description prints as written: every line fits the 80-column help, so none is broken mid-phrase. */
class HelpTextTest {
    @ParameterizedTest
    @ValueSource(classes = {FramesCommand.class, AnalyzeCommand.class, CallsCommand.class, FlowCommand.class,
            ExportCommand.class, AudioCommand.class, ReportCommand.class, ServeCommand.class})
    void theDescriptionPrintsLineForLine(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {c.name(), "--help"}, new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        List<String> printed = out.toString().lines().toList();
        for (String line : c.description()) {
            assertThat(printed).as(c.name() + " --help").contains(line);
        }
    }
}
