package io.enginebench.pipeline.warehouse;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small helpers over the Hadoop FileSystem API, so the warehouse works on any Hadoop-compatible store. */
public final class HadoopFiles {
    private final FileSystem fs;
    private final Configuration conf;

    public HadoopFiles(FileSystem fs, Configuration conf) {
        this.fs = fs;
        this.conf = conf;
    }

    public static HadoopFiles forPath(Path p, Configuration conf) {
        try {
            return new HadoopFiles(p.getFileSystem(conf), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FileSystem fs() { return fs; }

    public Path qualify(Path p) { return fs.makeQualified(p); }

    public boolean exists(Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] readBytes(Path p) throws IOException {
        try (FSDataInputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    /** Returns null when the file does not exist. */
    public String readStringOrNull(Path p) throws IOException {
        try {
            return new String(readBytes(p), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /**
     * Writes {@code text} to a temporary sibling, then renames it over {@code target}: readers see the old or the new
     * content, never half of it (on stores with atomic rename).
     */
    public void writeStringAtomically(Path target, String text) throws IOException {
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + System.nanoTime());
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        renameReplacing(tmp, target);
    }

    /** Renames {@code src} to {@code dst}, replacing a file at {@code dst}. */
    public void renameReplacing(Path src, Path dst) throws IOException {
        try {
            FileContext.getFileContext(dst.toUri(), conf).rename(src, dst, Options.Rename.OVERWRITE);
        } catch (UnsupportedOperationException | IOException e) {
            // Stores without FileContext support: delete + rename (not atomic, but never loses the new file).
            if (!fs.exists(src)) throw e;
            fs.delete(dst, false);
            if (!fs.rename(src, dst)) throw new IOException("cannot rename " + src + " to " + dst);
        }
    }

    /**
     * Replaces directory {@code dst} by {@code src}: the old one is first moved aside, then removed, so a crash leaves
     * either the old or the new directory in place (plus a leftover that the next write cleans).
     */
    public void swapDirectory(Path src, Path dst) throws IOException {
        Path aside = new Path(dst.getParent(), "." + dst.getName() + ".old-" + System.nanoTime());
        boolean hadOld = fs.exists(dst);
        if (hadOld && !fs.rename(dst, aside)) throw new IOException("cannot move " + dst + " aside");
        if (!fs.rename(src, dst)) {
            if (hadOld) fs.rename(aside, dst);
            throw new IOException("cannot rename " + src + " to " + dst);
        }
        if (hadOld) fs.delete(aside, true);
    }

    public List<FileStatus> list(Path dir) throws IOException {
        if (!fs.exists(dir)) return List.of();
        List<FileStatus> out = new ArrayList<>(List.of(fs.listStatus(dir)));
        out.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        return out;
    }

    public void delete(Path p) throws IOException { fs.delete(p, true); }

    public void mkdirs(Path p) throws IOException { fs.mkdirs(p); }
}
