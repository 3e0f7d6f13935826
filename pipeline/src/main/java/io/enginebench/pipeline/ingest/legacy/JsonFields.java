package io.enginebench.pipeline.ingest.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.enginebench.pipeline.ingest.input.MalformedInputException;

/** Strict typed access to legacy JSON: a wrong type is a malformed file, named by its JSON path. */
final class JsonFields {
    private JsonFields() {}

    static JsonNode object(JsonNode parent, String field, String where) throws MalformedInputException {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) throw wrong(where + "." + field, "an object", n);
        return n;
    }

    /** The object, or null when absent or JSON null. */
    static JsonNode optObject(JsonNode parent, String field, String where) throws MalformedInputException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) throw wrong(where + "." + field, "an object", n);
        return n;
    }

    static JsonNode array(JsonNode parent, String field, String where) throws MalformedInputException {
        JsonNode n = parent.get(field);
        if (n == null || !n.isArray()) throw wrong(where + "." + field, "an array", n);
        return n;
    }

    static String text(JsonNode parent, String field, String where) throws MalformedInputException {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual()) throw wrong(where + "." + field, "a string", n);
        return n.textValue();
    }

    static String optText(JsonNode parent, String field, String where) throws MalformedInputException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw wrong(where + "." + field, "a string", n);
        return n.textValue();
    }

    static int integer(JsonNode parent, String field, String where) throws MalformedInputException {
        JsonNode n = parent.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) throw wrong(where + "." + field, "an integer", n);
        return n.intValue();
    }

    static Integer optInteger(JsonNode parent, String field, String where) throws MalformedInputException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) return null;
        return integer(parent, field, where);
    }

    static double number(JsonNode parent, String field, String where) throws MalformedInputException {
        JsonNode n = parent.get(field);
        if (n == null || !n.isNumber()) throw wrong(where + "." + field, "a number", n);
        return n.doubleValue();
    }

    static Double optNumber(JsonNode parent, String field, String where) throws MalformedInputException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) return null;
        return number(parent, field, where);
    }

    static boolean bool(JsonNode parent, String field, String where) throws MalformedInputException {
        JsonNode n = parent.get(field);
        if (n == null || !n.isBoolean()) throw wrong(where + "." + field, "a boolean", n);
        return n.booleanValue();
    }

    private static MalformedInputException wrong(String path, String expected, JsonNode found) {
        String got = found == null ? "missing" : found.getNodeType().name().toLowerCase();
        return new MalformedInputException("wrong type: " + path + " must be " + expected + ", found " + got);
    }
}
