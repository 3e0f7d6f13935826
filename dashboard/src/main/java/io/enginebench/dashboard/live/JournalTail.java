package io.enginebench.dashboard.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows an append-only JSON-lines file by byte offset. Only complete lines are returned: the bytes after the last
 * newline stay unread until the writer finishes the line, so a partially flushed record is never parsed.
 * Not thread-safe; one watcher thread owns it.
 */
public final class JournalTail {
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private long offset;

    public JournalTail(Path file) { this.file = file; }

    public long offset() { return offset; }

    /** The complete lines appended since the previous call; empty when the file is missing or unchanged. */
    public List<String> readNewLines() throws IOException {
        List<String> lines = new ArrayList<>();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return lines;
        }
        if (size < offset) offset = 0;  // replaced by a new file: start again
        if (size == offset) return lines;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            long pos = offset;
            long consumed = offset;
            while (pos < size) {
                buf.clear();
                int n = ch.read(buf, pos);
                if (n <= 0) break;
                byte[] bytes = buf.array();
                for (int i = 0; i < n; i++) {
                    if (bytes[i] == '\n') {
                        lines.add(pending.toString(StandardCharsets.UTF_8));
                        pending.reset();
                        consumed = pos + i + 1;
                    } else {
                        pending.write(bytes[i]);
                    }
                }
                pos += n;
            }
            offset = consumed;
        } catch (NoSuchFileException e) {
            return lines;  // removed between size() and open(): the run was sealed
        }
        return lines;
    }
}
