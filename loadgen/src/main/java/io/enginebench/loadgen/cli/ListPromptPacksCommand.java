package io.enginebench.loadgen.cli;

import io.enginebench.loadgen.prompt.PromptPack;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.summary.ConsoleTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** {@code bench list-prompt-packs}. */
@Command(name = "list-prompt-packs", mixinStandardHelpOptions = true, description = "List the prompt packs.")
public final class ListPromptPacksCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--prompts-dir", description = "directory of prompt packs (default ./prompts or the bundled packs)")
    Path promptsDir;

    @Override
    public void run() {
        PromptPacks packs = promptsDir == null ? PromptPacks.defaults() : PromptPacks.fromDirectory(promptsDir);
        ConsoleTable t = new ConsoleTable("pack", "prompts", "shared prefix", "schemas", "mean chars", "categories");
        for (PromptPack p : packs.all()) {
            t.row(p.name(), Integer.toString(p.prompts().size()), p.prefix().isPresent() ? "yes" : "no",
                    p.schemas().isEmpty() ? "-" : String.join(",", new java.util.TreeSet<>(p.schemas().keySet())),
                    String.format("%.0f", p.meanPromptChars()), p.categories());
        }
        spec.commandLine().getOut().print(t.render());
        spec.commandLine().getOut().flush();
    }
}
