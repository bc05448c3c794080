package org.incidentworkbench.timeseries;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Chooses series across hosts and labels, with globs ({@code *} any run of characters, {@code ?} one
 * character) on the metric name, the host and label values, so servers can be compared:
 *
 * <pre>{@code
 * Selector.parse("disk.util{host=web-*,device=sda}")   // sda's util on every web host
 * Selector.parse("cpu.iowait")                          // every host
 * Selector.of("memory.available", "db-?")
 * Selector.parse("disk.*{device=sda}")                 // every disk metric of sda
 * Selector.parse("*")                                   // every series
 * }</pre>
 *
 * A label named in the selector must be present on the series and match; labels the selector does not
 * name are free. Immutable and thread-safe.
 */
public record Selector(String metric, String hostGlob, SortedMap<String, String> labelGlobs) {

    public Selector {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("A selector needs a metric name, for example 'cpu.iowait{host=web-*}'.");
        }
        metric = metric.trim();
        hostGlob = hostGlob == null || hostGlob.isBlank() ? "*" : hostGlob.trim();
        labelGlobs = Collections.unmodifiableSortedMap(new TreeMap<>(labelGlobs == null ? Map.of() : labelGlobs));
    }

    /** Every series of {@code metric} on hosts matching {@code hostGlob}. */
    public static Selector of(String metric, String hostGlob) {
        return new Selector(metric, hostGlob, new TreeMap<>());
    }

    /** Exactly the series {@code key} (its host and labels as literal patterns). */
    public static Selector of(SeriesKey key) {
        TreeMap<String, String> labels = new TreeMap<>();
        key.labels().forEach((k, v) -> labels.put(k, escape(v)));
        return new Selector(escape(key.metric()), escape(key.host()), labels);
    }

    /**
     * Reads {@code metric}, {@code metric{host=GLOB}} or {@code metric{host=GLOB,label=GLOB,...}}.
     *
     * @throws IllegalArgumentException with a sentence naming the problem when the text is not a selector
     */
    public static Selector parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        int brace = t.indexOf('{');
        if (brace < 0) {
            if (t.contains("}") || t.contains("=")) {
                throw new IllegalArgumentException("The selector '" + text + "' is not of the form metric{host=glob,label=glob}.");
            }
            return of(t, "*");
        }
        if (!t.endsWith("}")) {
            throw new IllegalArgumentException("The selector '" + text + "' opens '{' but does not end with '}'.");
        }
        String metric = t.substring(0, brace).trim();
        String inner = t.substring(brace + 1, t.length() - 1).trim();
        String host = "*";
        TreeMap<String, String> labels = new TreeMap<>();
        if (!inner.isEmpty()) {
            for (String part : inner.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("In the selector '" + text + "', '" + part.trim()
                            + "' is not of the form name=glob.");
                }
                String name = part.substring(0, eq).trim();
                String glob = part.substring(eq + 1).trim();
                if (glob.startsWith("\"") && glob.endsWith("\"") && glob.length() >= 2) {
                    glob = glob.substring(1, glob.length() - 1);
                }
                if (name.equals("host")) {
                    host = glob;
                } else {
                    labels.put(name, glob);
                }
            }
        }
        return new Selector(metric, host, labels);
    }

    public boolean matches(SeriesKey key) {
        if (!globMatches(metric, key.metric()) || !globMatches(hostGlob, key.host())) {
            return false;
        }
        for (Map.Entry<String, String> e : labelGlobs.entrySet()) {
            String value = key.labels().get(e.getKey());
            if (value == null || !globMatches(e.getValue(), value)) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code glob} ({@code *}, {@code ?}, {@code \} escapes the next character) matches all of {@code text}. */
    public static boolean globMatches(String glob, String text) {
        if (glob.equals("*")) {
            return true;
        }
        return toRegex(glob).matcher(text).matches();
    }

    /** Compiled globs: a query tests its selector against every series in the store. Bounded by clearing. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Pattern> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Pattern toRegex(String glob) {
        Pattern p = COMPILED.get(glob);
        if (p == null) {
            if (COMPILED.size() > 10_000) {
                COMPILED.clear();
            }
            p = compile(glob);
            COMPILED.put(glob, p);
        }
        return p;
    }

    private static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < glob.length()) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static String escape(String literal) {
        return literal.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(metric).append("{host=").append(hostGlob);
        labelGlobs.forEach((k, v) -> sb.append(',').append(k).append('=').append(v));
        return sb.append('}').toString();
    }
}
