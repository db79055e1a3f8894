package backprop.grading;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON from maps, lists, strings, numbers and booleans, and reads it back strictly (RFC
 * 8259): all the reports and their checks need, no library.
 */
public final class Json {

    private Json() {}

    /**
     * Reads a JSON document whose top level is an object: maps, lists, strings, doubles, booleans, null.
     *
     * @throws IllegalArgumentException naming the position of the first thing that is not JSON
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) throw new IllegalArgumentException("the JSON document is not an object");
        return (Map<String, Object>) value;
    }

    /** Reads one JSON value, and nothing after it but white space. */
    static Object parse(String text) {
        var reader = new Reader(text);
        Object value = reader.value();
        reader.space();
        if (reader.at < text.length()) throw reader.error("text after the JSON value");
        return value;
    }

    /** A recursive-descent reader over the text. */
    private static final class Reader {
        private final String s;
        private int at;

        Reader(String s) {
            this.s = s;
        }

        Object value() {
            space();
            if (at >= s.length()) throw error("a value is missing");
            char c = s.charAt(at);
            if (c == '{') return object();
            if (c == '[') return array();
            if (c == '"') return string();
            if (s.startsWith("true", at)) return word("true", Boolean.TRUE);
            if (s.startsWith("false", at)) return word("false", Boolean.FALSE);
            if (s.startsWith("null", at)) return word("null", null);
            return number();
        }

        private Object word(String w, Object value) {
            at += w.length();
            return value;
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new java.util.LinkedHashMap<>();
            at++;
            space();
            if (peek('}')) return map;
            while (true) {
                space();
                if (at >= s.length() || s.charAt(at) != '"') throw error("a key must be a string");
                String key = string();
                space();
                expect(':');
                map.put(key, value());
                space();
                if (peek('}')) return map;
                expect(',');
            }
        }

        private List<Object> array() {
            List<Object> list = new java.util.ArrayList<>();
            at++;
            space();
            if (peek(']')) return list;
            while (true) {
                list.add(value());
                space();
                if (peek(']')) return list;
                expect(',');
            }
        }

        private String string() {
            var out = new StringBuilder();
            at++;
            while (true) {
                if (at >= s.length()) throw error("a string is not closed");
                char c = s.charAt(at++);
                if (c == '"') return out.toString();
                if (c < 0x20) throw error("a control character inside a string");
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= s.length()) throw error("a string ends in a backslash");
                char e = s.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > s.length()) throw error("a \\u escape needs four hex digits");
                        try {
                            out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("a \\u escape needs four hex digits");
                        }
                        at += 4;
                    }
                    default -> throw error("an unknown escape \\" + e);
                }
            }
        }

        private Double number() {
            int start = at;
            if (peekChar('-')) at++;
            if (at < s.length() && s.charAt(at) == '0') at++;
            else digits();
            if (peekChar('.')) {
                at++;
                digits();
            }
            if (peekChar('e') || peekChar('E')) {
                at++;
                if (peekChar('+') || peekChar('-')) at++;
                digits();
            }
            return Double.parseDouble(s.substring(start, at));
        }

        private void digits() {
            int start = at;
            while (at < s.length() && Character.isDigit(s.charAt(at)) && s.charAt(at) < 128) at++;
            if (at == start) throw error("not a JSON value");
        }

        private boolean peekChar(char c) {
            return at < s.length() && s.charAt(at) == c;
        }

        private boolean peek(char c) {
            if (peekChar(c)) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) throw error("'" + c + "' expected");
        }

        void space() {
            while (at < s.length() && " \t\n\r".indexOf(s.charAt(at)) >= 0) at++;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("not valid JSON at character " + at + ": " + what);
        }
    }

    public static String write(Object value) {
        var out = new StringBuilder();
        write(value, out, 0);
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, int indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Double d) {
            out.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            int i = 0;
            for (var entry : map.entrySet()) {
                out.append("  ".repeat(indent + 1));
                quote(String.valueOf(entry.getKey()), out);
                out.append(": ");
                write(entry.getValue(), out, indent + 1);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append("  ".repeat(indent)).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append("  ".repeat(indent + 1));
                write(list.get(i), out, indent + 1);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append("  ".repeat(indent)).append(']');
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pair) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        // control characters, a lone half of a surrogate pair, non-characters: escaped, so the file stays valid UTF-8
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
