package io.enginebench.pipeline.ingest.input;

/** Derives collection and folder slug from a source path relative to the ingest root (forward slashes). */
public final class SourcePaths {
    private SourcePaths() {}

    /**
     * The folders of {@code relPath} up to and including the first one named {@code results*}
     * ({@code head/results_variance/gemma-2-2b-it/x.json} → {@code head/results_variance}); without such a folder,
     * the file's parent folder, or null for a file at the root.
     */
    public static String collection(String relPath) {
        String[] parts = relPath.split("/");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            if (i > 0) sb.append('/');
            sb.append(parts[i]);
            if (parts[i].startsWith("results")) return sb.toString();
        }
        return parent(relPath);
    }

    /** The folder the file sits in, unless that folder is the collection itself (then null). */
    public static String slug(String relPath) {
        String parent = parent(relPath);
        if (parent == null || parent.equals(collection(relPath))) return null;
        int i = parent.lastIndexOf('/');
        return i < 0 ? parent : parent.substring(i + 1);
    }

    public static String parent(String relPath) {
        int i = relPath.lastIndexOf('/');
        return i <= 0 ? null : relPath.substring(0, i);
    }

    public static String fileName(String relPath) {
        int i = relPath.lastIndexOf('/');
        return i < 0 ? relPath : relPath.substring(i + 1);
    }
}
