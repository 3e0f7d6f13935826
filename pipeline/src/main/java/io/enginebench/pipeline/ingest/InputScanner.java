package io.enginebench.pipeline.ingest;

import io.enginebench.pipeline.ingest.legacy.LegacyFileName;
import io.enginebench.pipeline.warehouse.HadoopFiles;
import io.enginebench.trace.TraceSchema;
import io.enginebench.trace.UserFacingException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks the ingest paths recursively and sorts what it finds: native run folders (a directory with
 * {@code manifest.json}, not descended into), legacy result files, legacy matrix manifests, and everything else
 * (skipped, counted by extension). Hidden entries (dot files, e.g. checksums) are ignored.
 */
public final class InputScanner {
    public enum Kind { NATIVE_RUN, LEGACY_RESULT, LEGACY_MANIFEST }

    /**
     * @param path  fully qualified
     * @param rel   relative to the ingest root it was found under (forward slashes)
     * @param files the file system helper for its store
     * @param root  the ingest root
     */
    public record Input(Kind kind, Path path, String rel, HadoopFiles files, Path root) {}

    public record Scan(List<Input> inputs, Map<String, Integer> skippedByExtension) {
        public long count(Kind k) { return inputs.stream().filter(i -> i.kind() == k).count(); }

        public int skipped() { return skippedByExtension.values().stream().mapToInt(Integer::intValue).sum(); }
    }

    private final Configuration conf;

    public InputScanner(Configuration conf) { this.conf = conf; }

    public Scan scan(List<String> paths) throws IOException {
        List<Input> inputs = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (String p : paths) {
            Path path = new Path(p);
            HadoopFiles files = HadoopFiles.forPath(path, conf);
            Path q = files.qualify(path);
            if (!files.exists(q)) throw new UserFacingException("ingest: no such file or directory: " + p);
            FileStatus st = files.fs().getFileStatus(q);
            Path root = st.isDirectory() ? q : q.getParent();
            walk(st, root, files, inputs, skipped);
        }
        inputs.sort((a, b) -> a.path().toString().compareTo(b.path().toString()));
        return new Scan(inputs, skipped);
    }

    private void walk(FileStatus st, Path root, HadoopFiles files, List<Input> out, Map<String, Integer> skipped)
            throws IOException {
        Path p = st.getPath();
        if (st.isDirectory()) {
            if (files.exists(new Path(p, TraceSchema.MANIFEST))) {
                out.add(new Input(Kind.NATIVE_RUN, p, rel(root, p), files, root));
                return;
            }
            for (FileStatus child : files.list(p)) {
                if (!child.getPath().getName().startsWith(".")) walk(child, root, files, out, skipped);
            }
            return;
        }
        String name = p.getName();
        if (LegacyFileName.parse(name).isPresent()) {
            out.add(new Input(Kind.LEGACY_RESULT, p, rel(root, p), files, root));
        } else if (LegacyFileName.isMatrixManifest(name)) {
            out.add(new Input(Kind.LEGACY_MANIFEST, p, rel(root, p), files, root));
        } else {
            int dot = name.lastIndexOf('.');
            skipped.merge(dot < 0 ? "(none)" : name.substring(dot + 1), 1, Integer::sum);
        }
    }

    static String rel(Path root, Path p) {
        String r = root.toUri().getPath();
        String s = p.toUri().getPath();
        if (s.equals(r)) return p.getName();
        String prefix = r.endsWith("/") ? r : r + "/";
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }
}
