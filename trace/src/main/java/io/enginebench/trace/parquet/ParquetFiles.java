package io.enginebench.trace.parquet;

import io.enginebench.trace.TraceSchema;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plain-Java Parquet I/O (no Hadoop installation, no Spark): write {@link Group}s to a local file atomically and read
 * them back. Files carry the trace schema version in their key-value metadata.
 */
public final class ParquetFiles {
    /**
     * Bytes a writer buffers before it writes a row group (Parquet's default is 128 MB): sealing a run of a million
     * requests then holds a few megabytes, not a hundred; readers see the same rows in the same order.
     */
    static final long ROW_GROUP_BYTES = 4L << 20;

    private ParquetFiles() {}

    /** Opens a writer on {@code target + ".tmp"}; {@link AtomicWriter#commit()} renames it into place. */
    public static AtomicWriter openAtomic(Path target, MessageType schema) throws IOException {
        return openAtomic(target, schema, TraceSchema.VERSION);
    }

    /** As {@link #openAtomic(Path, MessageType)}, stamping {@code version}: writes the files of an older version. */
    public static AtomicWriter openAtomic(Path target, MessageType schema, int version) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(tmp))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withExtraMetaData(Map.of(TraceSchema.VERSION_METADATA_KEY, Integer.toString(version)))
                .build();
        return new AtomicWriter(writer, tmp, target);
    }

    /** Streams every row of a file to {@code sink}; returns the schema version found in the file's metadata. */
    public static int read(Path file, Consumer<Group> sink) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String version = reader.getFooter().getFileMetaData().getKeyValueMetaData()
                    .getOrDefault(TraceSchema.VERSION_METADATA_KEY, "0");
            ColumnIOFactory factory = new ColumnIOFactory();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = factory.getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0, n = pages.getRowCount(); i < n; i++) {
                    sink.accept(records.read());
                }
            }
            return Integer.parseInt(version);
        }
    }

    /** A Parquet writer whose file only appears under its final name once everything was written. */
    public static final class AtomicWriter implements AutoCloseable {
        private final ParquetWriter<Group> writer;
        private final Path tmp;
        private final Path target;
        private boolean closed;

        private AtomicWriter(ParquetWriter<Group> writer, Path tmp, Path target) {
            this.writer = writer;
            this.tmp = tmp;
            this.target = target;
        }

        public void write(Group row) {
            try {
                writer.write(row);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void commit() throws IOException {
            writer.close();
            closed = true;
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        /** Abandons the file unless {@link #commit()} ran. */
        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                writer.close();
                Files.deleteIfExists(tmp);
            }
        }
    }
}
