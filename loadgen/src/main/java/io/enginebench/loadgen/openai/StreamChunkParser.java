package io.enginebench.loadgen.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;

import java.io.IOException;

/**
 * Reads the few fields the client needs from one chunk's JSON with Jackson's streaming parser: no tree is built and
 * everything else (ids, logprobs, llama.cpp's {@code timings}) is skipped.
 *
 * <p>Two kinds: the shared one ({@link #StreamChunkParser()}, thread-safe) makes a Jackson parser per event; the one of
 * {@link #reusing()} keeps a single non-blocking Jackson parser and feeds it event after event, as a sequence of root
 * values, which saves the parser's construction, buffers and symbol-table set-up on every event (the larger part of
 * Jackson's per-event cost for events of a few hundred bytes). That one belongs to one connection: not thread-safe.
 */
public final class StreamChunkParser {
    private final JsonFactory factory;
    private final boolean reuse;
    /** the reused non-blocking parser; null until first needed and after any failure (the next event starts afresh) */
    private JsonParser reused;

    public StreamChunkParser(JsonFactory factory) {
        this(factory, false);
    }

    public StreamChunkParser() {
        this(new JsonFactory());
    }

    private StreamChunkParser(JsonFactory factory, boolean reuse) {
        this.factory = factory;
        this.reuse = reuse;
    }

    /** A parser for one connection's events (one event loop, one event at a time) that reuses its Jackson parser. */
    public static StreamChunkParser reusing() {
        return new StreamChunkParser(new JsonFactory(), true);
    }

    /** @throws IOException when the payload is not a JSON object */
    public StreamChunk parse(String json) throws IOException {
        try (JsonParser p = factory.createParser(json)) {
            return read(p, json);
        }
    }

    /**
     * The same from UTF-8 bytes, as the SSE decoder holds them: Jackson's byte parser reads them in place, with no
     * String and no char[] copy per event.
     *
     * @throws IOException when the payload is not a JSON object
     */
    public StreamChunk parse(byte[] utf8, int offset, int length) throws IOException {
        if (reuse) {
            return parseReusing(utf8, offset, length);
        }
        try (JsonParser p = factory.createParser(utf8, offset, length)) {
            return read(p, null);
        }
    }

    /**
     * Feeds the event to the reused parser and reads one root object. The parser only runs out of input where the
     * event ends, so an event that ends inside its object shows as NOT_AVAILABLE before the object closed: malformed,
     * as the blocking parser's end-of-input would be. Anything after the object is ignored, as the blocking parser
     * ignores it; since the parser would otherwise read it as the start of the next event, the parser is then dropped
     * (real servers send nothing after the object, so the parser lives as long as its connection).
     */
    private StreamChunk parseReusing(byte[] utf8, int offset, int length) throws IOException {
        if (reused == null) {
            reused = factory.createNonBlockingByteArrayParser();
        }
        JsonParser p = reused;
        try {
            ByteArrayFeeder feeder = (ByteArrayFeeder) p.getNonBlockingInputFeeder();
            feeder.feedInput(utf8, offset, offset + length);
            StreamChunk chunk = read(p, null);
            if (p.currentToken() != JsonToken.END_OBJECT || !p.getParsingContext().inRoot()) {
                throw new IOException("stream event ends inside its JSON object");
            }
            if (!feeder.needMoreInput()) {
                // bytes after the object (whitespace at most, from real servers): ignored, as the blocking parser
                // ignores them, but they must not become the start of the next event
                drop();
            }
            return chunk;
        } catch (IOException | RuntimeException e) {
            drop();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private void drop() {
        JsonParser p = reused;
        reused = null;
        try {
            p.close();
        } catch (IOException e) {
            // nothing to release but buffers
        }
    }

    /** @param json the payload, for the error message; null when parsing bytes (the caller reports those) */
    private static StreamChunk read(JsonParser p, String json) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("stream event is not a JSON object" + (json == null ? "" : ": " + abbreviate(json)));
        }
        Builder b = new Builder();
        boolean errorObject = false;
        String topMessage = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "choices" -> readChoices(p, value, b);
                case "usage" -> b.usage = value == JsonToken.START_OBJECT ? readUsage(p) : null;
                case "error" -> b.error = readError(p, value);
                // some servers send the error object itself: {"object":"error","message":…}
                case "object" -> errorObject = value == JsonToken.VALUE_STRING && "error".equals(p.getText());
                case "message" -> topMessage = value.isScalarValue() ? p.getText() : skip(p);
                default -> p.skipChildren();
            }
        }
        if (b.error == null && errorObject) {
            b.error = topMessage == null ? "error" : topMessage;
        }
        return new StreamChunk(b.text(), b.finishReason, b.usage, b.error);
    }

    private static void readChoices(JsonParser p, JsonToken value, Builder b) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "text" -> b.appendText(v == JsonToken.VALUE_STRING ? p.getText() : null);
                    case "delta" -> readDelta(p, v, b);
                    case "finish_reason" -> {
                        if (v == JsonToken.VALUE_STRING && b.finishReason == null) {
                            b.finishReason = p.getText();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
    }

    private static void readDelta(JsonParser p, JsonToken v, Builder b) throws IOException {
        if (v != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if ("content".equals(field) && t == JsonToken.VALUE_STRING) {
                b.appendText(p.getText());
            } else {
                p.skipChildren();
            }
        }
    }

    private static Usage readUsage(JsonParser p) throws IOException {
        Integer prompt = null;
        Integer completion = null;
        Integer cached = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "prompt_tokens" -> prompt = intOrNull(p, t);
                case "completion_tokens" -> completion = intOrNull(p, t);
                case "prompt_tokens_details" -> cached = readCached(p, t);
                default -> p.skipChildren();
            }
        }
        return new Usage(prompt, completion, cached);
    }

    private static Integer readCached(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        Integer cached = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if ("cached_tokens".equals(field)) {
                cached = intOrNull(p, v);
            } else {
                p.skipChildren();
            }
        }
        return cached;
    }

    private static String readError(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            String s = p.getText();
            p.skipChildren();
            return s;
        }
        String message = null;
        String type = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if ("message".equals(field) && v.isScalarValue()) {
                message = p.getText();
            } else if ("type".equals(field) && v.isScalarValue()) {
                type = p.getText();
            } else {
                p.skipChildren();
            }
        }
        if (message == null) {
            return type == null ? "error" : type;
        }
        return type == null ? message : type + ": " + message;
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static Integer intOrNull(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    private static final class Builder {
        /** the only text so far: one choice per event is the rule, so most events never build a StringBuilder */
        String firstText;
        StringBuilder text;
        String finishReason;
        Usage usage;
        String error;

        void appendText(String s) {
            if (s == null || s.isEmpty()) {
                return;
            }
            if (firstText == null && text == null) {
                firstText = s;
                return;
            }
            if (text == null) {
                text = new StringBuilder(firstText.length() + s.length()).append(firstText);
                firstText = null;
            }
            text.append(s);
        }

        String text() {
            if (text != null) {
                return text.toString();
            }
            return firstText == null ? "" : firstText;
        }
    }
}
