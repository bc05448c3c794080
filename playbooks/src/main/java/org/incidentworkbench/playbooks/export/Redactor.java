package org.incidentworkbench.playbooks.export;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in text that leaves the workbench (postmortems, exports): command lines, command
 * output, notes. On by default; {@link #none()} turns it off on explicit request ({@code --no-redact}).
 *
 * <p>The patterns, in the order they are applied ({@link #rules()} lists them by name):
 * <table>
 * <caption>Redaction rules</caption>
 * <tr><th>name</th><th>matches</th><th>becomes</th></tr>
 * <tr><td>private-key</td><td>a PEM block {@code -----BEGIN ... PRIVATE KEY----- ... -----END ... PRIVATE KEY-----}
 *     (RSA, EC, OPENSSH, ENCRYPTED, PKCS#8), also when cut off before its END line</td>
 *     <td>{@code [REDACTED PRIVATE KEY]}</td></tr>
 * <tr><td>authorization-header</td><td>{@code Authorization:} or {@code Proxy-Authorization:} (any case, also
 *     {@code -H 'Authorization: ...'} in curl) with an optional scheme (Bearer, Basic, Token, Digest)</td>
 *     <td>{@code Authorization: Bearer [REDACTED]}</td></tr>
 * <tr><td>bearer-token</td><td>{@code Bearer} followed by a token of 8 or more token characters</td>
 *     <td>{@code Bearer [REDACTED]}</td></tr>
 * <tr><td>url-credentials</td><td>{@code scheme://user:password@host}</td><td>{@code scheme://user:[REDACTED]@host}</td></tr>
 * <tr><td>aws-secret-key</td><td>{@code aws_secret_access_key}, {@code AWS_SECRET_ACCESS_KEY}, {@code secret_access_key}
 *     then {@code =} or {@code :} and 40 base64 characters</td><td>the name, then {@code [REDACTED]}</td></tr>
 * <tr><td>aws-access-key-id</td><td>{@code AKIA} or {@code ASIA} and 16 upper-case letters or digits</td>
 *     <td>{@code [REDACTED AWS KEY ID]}</td></tr>
 * <tr><td>vendor-token</td><td>GitHub ({@code ghp_ gho_ ghu_ ghs_ ghr_}, {@code github_pat_}), Slack
 *     ({@code xoxb- xoxp- xoxa- xoxr- xoxs-}) and GitLab ({@code glpat-}) tokens</td><td>{@code [REDACTED TOKEN]}</td></tr>
 * <tr><td>secret-option</td><td>command-line options {@code --password}, {@code --passwd}, {@code --pass},
 *     {@code --token}, {@code --secret}, {@code --api-key}, {@code --access-key}, {@code --auth-token},
 *     {@code --client-secret} (any case, {@code -} or {@code _}) with {@code =value} or {@code  value}</td>
 *     <td>the option, then {@code [REDACTED]}</td></tr>
 * <tr><td>short-password-option</td><td>{@code -pVALUE} of mysql/mysqldump/mysqladmin and {@code -p VALUE} of sshpass</td>
 *     <td>{@code -p[REDACTED]}</td></tr>
 * <tr><td>secret-assignment</td><td>{@code NAME=value} or {@code NAME: value} where NAME contains PASSWORD, PASSWD,
 *     PWD, SECRET, TOKEN, API_KEY, APIKEY, ACCESS_KEY, PRIVATE_KEY or CREDENTIALS (any case; environment
 *     variables, config lines, JSON {@code "password": "..."})</td><td>the name, then {@code [REDACTED]}</td></tr>
 * </table>
 * A value already redacted is left alone, so redacting twice changes nothing. Thread-safe (immutable).
 */
public final class Redactor {

    public static final String MARK = "[REDACTED]";

    /** One named pattern and its replacement (in {@link Matcher#replaceAll} syntax). */
    public record Rule(String name, Pattern pattern, String replacement) {
        public Rule {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(replacement, "replacement");
        }
    }

    /** Text with secrets hidden and how many were. */
    public record Result(String text, int redactions) {
    }

    private static final String VALUE = "(\"[^\"\\n]*\"|'[^'\\n]*'|(?!\\[REDACTED)[^\\s'\"]+)";

    private static final List<Rule> STANDARD = List.of(
            new Rule("private-key", Pattern.compile(
                    "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z)", Pattern.DOTALL),
                    "[REDACTED PRIVATE KEY]"),
            new Rule("authorization-header", Pattern.compile(
                    "(?i)\\b((?:proxy-)?authorization)([ \\t]*:[ \\t]*)(?!(?:[A-Za-z0-9-]+[ \\t]+)?\\[REDACTED)((?:bearer|basic|token|digest|negotiate|aws4-hmac-sha256)[ \\t]+)?[^\\s'\"]+[^\\n'\"]*"),
                    "$1$2$3" + Matcher.quoteReplacement(MARK)),
            new Rule("bearer-token", Pattern.compile("(?i)\\b(bearer)[ \\t]+(?!\\[REDACTED)[A-Za-z0-9._~+/=-]{8,}"),
                    "$1 " + Matcher.quoteReplacement(MARK)),
            new Rule("url-credentials", Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)([^/\\s:@]+):(?!\\[REDACTED)([^/\\s@]+)@"),
                    "$1$2:" + Matcher.quoteReplacement(MARK) + "@"),
            new Rule("aws-secret-key", Pattern.compile(
                    "(?i)\\b((?:aws_)?secret_access_key|aws_secret_key)(\"?[ \\t]*[=:][ \\t]*\"?)[A-Za-z0-9/+=]{40}\\b"),
                    "$1$2" + Matcher.quoteReplacement(MARK)),
            new Rule("aws-access-key-id", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), "[REDACTED AWS KEY ID]"),
            new Rule("vendor-token", Pattern.compile(
                    "\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abprs]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20,})"),
                    "[REDACTED TOKEN]"),
            new Rule("secret-option", Pattern.compile(
                    "(?i)(--?(?:password|passwd|pass|token|secret|api[-_]?key|access[-_]?key|auth[-_]?token|client[-_]?secret))(=|[ \\t]+)"
                            + VALUE),
                    "$1$2" + Matcher.quoteReplacement(MARK)),
            new Rule("short-password-option", Pattern.compile(
                    "(\\b(?:mysql|mysqldump|mysqladmin)\\b[^\\n|;&]*?\\s-p)(?!\\[REDACTED)([^\\s-][^\\s]*)|(\\bsshpass\\s+-p)([ \\t]*)" + VALUE),
                    "$1$3$4" + Matcher.quoteReplacement(MARK)),
            new Rule("secret-assignment", Pattern.compile(
                    "(?i)(\"?\\b[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api_key|apikey|access_key|private_key|credentials)"
                            + "[A-Za-z0-9_.-]*\"?)([ \\t]*[=:][ \\t]*)" + VALUE),
                    "$1$2" + Matcher.quoteReplacement(MARK)));

    private static final Redactor STANDARD_REDACTOR = new Redactor(STANDARD);
    private static final Redactor NONE = new Redactor(List.of());

    private final List<Rule> rules;

    private Redactor(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Every rule of the table above. */
    public static Redactor standard() {
        return STANDARD_REDACTOR;
    }

    /** Redacts nothing ({@code --no-redact}). */
    public static Redactor none() {
        return NONE;
    }

    public List<Rule> rules() {
        return rules;
    }

    public boolean enabled() {
        return !rules.isEmpty();
    }

    public String redact(String text) {
        return apply(text).text();
    }

    public Result apply(String text) {
        if (text == null || text.isEmpty() || rules.isEmpty()) {
            return new Result(text == null ? "" : text, 0);
        }
        String out = text;
        int count = 0;
        for (Rule r : rules) {
            Matcher m = r.pattern().matcher(out);
            StringBuilder b = new StringBuilder();
            int found = 0;
            while (m.find()) {
                found++;
                m.appendReplacement(b, replacement(m, r.replacement()));
            }
            if (found > 0) {
                m.appendTail(b);
                out = b.toString();
                count += found;
            }
        }
        return new Result(out, count);
    }

    /** Unmatched optional groups become empty rather than "null". */
    private static String replacement(Matcher m, String template) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                int g = template.charAt(++i) - '0';
                String v = g <= m.groupCount() ? m.group(g) : null;
                b.append(v == null ? "" : v);
            } else if (c == '\\' && i + 1 < template.length()) {
                b.append(template.charAt(++i));
            } else {
                b.append(c);
            }
        }
        return Matcher.quoteReplacement(b.toString());
    }
}
