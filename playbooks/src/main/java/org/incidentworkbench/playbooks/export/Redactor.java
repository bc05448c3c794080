package org.incidentworkbench.playbooks.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Hides secrets in text that leaves the workbench (postmortems, shared bundles, replays): command
 * lines, command output, notes, triage output. On by default; {@link #none()} turns it off on explicit
 * request ({@code --no-redact}).
 *
 * <pre>{@code
 * Redactor.Result r = Redactor.standard().withMarked(List.of("db-7.corp")).apply(text);
 * r.text();     // the text with every secret replaced
 * r.counts();   // {"curl-user"=1, "jwt"=2}: how many of each kind, never the values
 * }</pre>
 *
 * <p>The rules, in the order they are applied ({@link #rules()} lists them by name; playbooks/FORMAT.md
 * has the same table with examples and what is knowingly not caught):
 * <table>
 * <caption>Redaction rules</caption>
 * <tr><th>name</th><th>matches</th><th>becomes</th></tr>
 * <tr><td>marked</td><td>a text the responders marked "redact this" ({@link #withMarked}), verbatim</td><td>{@code [REDACTED]}</td></tr>
 * <tr><td>private-key</td><td>a PEM or PGP block {@code -----BEGIN ... PRIVATE KEY-----} to its END line, also when cut off</td>
 *     <td>{@code [REDACTED PRIVATE KEY]}</td></tr>
 * <tr><td>authorization-header</td><td>{@code Authorization:}/{@code Proxy-Authorization:} (any case) with an optional scheme</td>
 *     <td>{@code Authorization: Bearer [REDACTED]}</td></tr>
 * <tr><td>cookie-header</td><td>{@code Cookie:} and {@code Set-Cookie:} headers: the rest of the line</td><td>{@code Cookie: [REDACTED]}</td></tr>
 * <tr><td>bearer-token</td><td>{@code Bearer} and a token of 8 or more token characters</td><td>{@code Bearer [REDACTED]}</td></tr>
 * <tr><td>jwt</td><td>three base64url parts, the first two starting {@code eyJ} (a JSON object)</td><td>{@code [REDACTED JWT]}</td></tr>
 * <tr><td>webhook-url</td><td>Slack ({@code hooks.slack.com/services|workflows|triggers/...}) and Discord webhook paths</td>
 *     <td>{@code https://hooks.slack.com/services/[REDACTED]}</td></tr>
 * <tr><td>aws-secret-key</td><td>{@code aws_secret_access_key}, {@code secret_access_key}, {@code aws_secret_key}, then
 *     {@code =} or {@code :} and 40 base64 characters</td><td>the name, then {@code [REDACTED]}</td></tr>
 * <tr><td>aws-access-key-id</td><td>{@code AKIA} or {@code ASIA} and 16 upper-case letters or digits</td><td>{@code [REDACTED AWS KEY ID]}</td></tr>
 * <tr><td>github-token</td><td>{@code ghp_ gho_ ghu_ ghs_ ghr_} and 30+ characters, {@code github_pat_...}</td><td>{@code [REDACTED TOKEN]}</td></tr>
 * <tr><td>gitlab-token</td><td>{@code glpat- gldt- glrt- glptt- glcbt- glsoat-} and 20+ characters</td><td>{@code [REDACTED TOKEN]}</td></tr>
 * <tr><td>slack-token</td><td>{@code xoxb- xoxp- xoxa- xoxr- xoxs- xoxe- xapp-} and 10+ characters</td><td>{@code [REDACTED TOKEN]}</td></tr>
 * <tr><td>google-api-key</td><td>{@code AIza} and 35 base64url characters</td><td>{@code [REDACTED TOKEN]}</td></tr>
 * <tr><td>stripe-key</td><td>{@code sk_live_ sk_test_ rk_live_ rk_test_} and 16+ characters, {@code whsec_} and 24+</td>
 *     <td>{@code [REDACTED TOKEN]}</td></tr>
 * <tr><td>url-credentials</td><td>{@code scheme://user:password@host} for any scheme, also an empty user ({@code redis://:pw@h})</td>
 *     <td>{@code scheme://user:[REDACTED]@host}</td></tr>
 * <tr><td>curl-user</td><td>the password of {@code curl -u/--user/-U/--proxy-user user:password}; a user alone stays (curl prompts)</td>
 *     <td>{@code -u user:[REDACTED]}</td></tr>
 * <tr><td>redis-cli-password</td><td>{@code redis-cli ... -a PASSWORD}</td><td>{@code -a [REDACTED]}</td></tr>
 * <tr><td>secret-option</td><td>options {@code --password --passwd --pass --token --secret --api-key --access-key --auth-token
 *     --client-secret --cookie}, also with words before them ({@code --http-password}, {@code --db-token}), any case,
 *     {@code -} or {@code _}, with {@code =value} or {@code  value} (not a redirection: {@code --with-token < file} stays)</td>
 *     <td>the option, then {@code [REDACTED]}</td></tr>
 * <tr><td>mysql-password</td><td>{@code -pVALUE} of mysql, mysqldump, mysqladmin, mariadb...; {@code -p} alone stays (it prompts)</td>
 *     <td>{@code -p[REDACTED]}</td></tr>
 * <tr><td>sshpass-password</td><td>sshpass's own {@code -p VALUE} (before the command it runs, whose {@code -p} is ssh's port)</td>
 *     <td>{@code -p [REDACTED]}</td></tr>
 * <tr><td>secret-assignment</td><td>{@code NAME=value} or {@code NAME: value} where NAME contains PASSWORD, PASSWD, PWD,
 *     SECRET, TOKEN, API_KEY, APIKEY, ACCESS_KEY, PRIVATE_KEY or CREDENTIALS, or ends in {@code _AUTH} (environment variables
 *     such as {@code PGPASSWORD=}, YAML, JSON {@code "password": "..."}, INI {@code password = ...}); {@code true},
 *     {@code false}, {@code null} values stay</td><td>the name, then {@code [REDACTED]}</td></tr>
 * </table>
 *
 * <p>Every pattern runs in linear time: a token's start is a literal or sits after a character that
 * cannot continue the token (a negative look-behind), and every stretch scanned before a required
 * literal is bounded, so no input makes a rule rescan the text from each position
 * ({@code RedactorTest.largeInputIsFast}). A value already redacted is left alone, so redacting twice
 * changes nothing. Thread-safe (immutable).
 */
public final class Redactor {

    public static final String MARK = "[REDACTED]";
    private static final String MARK_TOKEN = "[REDACTED TOKEN]";

    /**
     * One named pattern and what a match becomes. {@code replacer} returns the replacement text, or
     * {@code null} to leave that match as it is (it is then not counted).
     */
    public record Rule(String name, Pattern pattern, Function<MatchResult, String> replacer) {
        public Rule {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(replacer, "replacer");
        }

        /** A rule whose replacement is a template: {@code $1}..{@code $9} are groups (unmatched ones empty). */
        static Rule template(String name, Pattern pattern, String template) {
            return new Rule(name, pattern, m -> expand(m, template));
        }

        /**
         * A rule for one command's options: a match is the whole command, from its name to the next line
         * end, pipe, {@code ;} or {@code &} (taken possessively, so the text is scanned once however many
         * times the name recurs), and {@code option} is replaced inside it, everywhere or only first.
         */
        static Rule inCommand(String name, String commandNames, Pattern option, boolean everywhere,
                              Function<MatchResult, String> replacer) {
            Pattern command = Pattern.compile("\\b(?:" + commandNames + ")\\b[^\\n|;&]*+");
            return new Rule(name, command, m -> {
                Matcher o = option.matcher(m.group());
                StringBuilder b = new StringBuilder();
                boolean changed = false;
                while (o.find()) {
                    String r = replacer.apply(o);
                    if (r != null) {
                        o.appendReplacement(b, Matcher.quoteReplacement(r));
                        changed = true;
                        if (!everywhere) {
                            break;
                        }
                    }
                }
                if (!changed) {
                    return null;
                }
                o.appendTail(b);
                return b.toString();
            });
        }
    }

    /**
     * Text with secrets hidden, and how many of each kind (rule name) were, in rule order.
     */
    public record Result(String text, Map<String, Integer> counts) {
        public Result {
            Objects.requireNonNull(text, "text");
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }

        /** All redactions of every kind. */
        public int redactions() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A value: double- or single-quoted (one line), or up to the next blank or quote; never one already redacted. */
    private static final String VALUE = "(\"[^\"\\n]*\"|'[^'\\n]*'|(?!\\[REDACTED)[^\\s'\"]+)";
    
    private static final List<Rule> STANDARD = List.of(
            Rule.template("private-key", Pattern.compile(
                    "-----BEGIN ([A-Z0-9 ]{0,40})PRIVATE KEY(?: BLOCK)?-----.*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|\\z)",
                    Pattern.DOTALL),
                    "[REDACTED PRIVATE KEY]"),
            Rule.template("authorization-header", Pattern.compile(
                    "(?i)\\b((?:proxy-)?authorization)([ \\t]*:[ \\t]*)(?!(?:[A-Za-z0-9-]{1,40}[ \\t]+)?\\[REDACTED)"
                            + "((?:bearer|basic|token|digest|negotiate|aws4-hmac-sha256)[ \\t]+)?[^\\s'\"][^\\n'\"]*"),
                    "$1$2$3" + MARK),
            Rule.template("cookie-header", Pattern.compile(
                    "(?i)(?<![A-Za-z0-9-])((?:set-)?cookie)([ \\t]*:[ \\t]*)(?!\\[REDACTED)[^\\s'\"][^\\n'\"]*"),
                    "$1$2" + MARK),
            Rule.template("bearer-token", Pattern.compile("(?i)\\b(bearer)[ \\t]+(?!\\[REDACTED)[A-Za-z0-9._~+/=-]{8,}"),
                    "$1 " + MARK),
            Rule.template("jwt", Pattern.compile(
                    "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"),
                    "[REDACTED JWT]"),
            Rule.template("webhook-url", Pattern.compile(
                    "(https://hooks\\.slack\\.com/(?:services|workflows|triggers)/|https://(?:discord|discordapp)\\.com/api/webhooks/)"
                            + "(?!\\[REDACTED)[A-Za-z0-9/_-]+"),
                    "$1" + MARK),
            Rule.template("aws-secret-key", Pattern.compile(
                    "(?i)(?<![A-Za-z0-9_])((?:aws_)?secret_access_key|aws_secret_key)(\"?[ \\t]*[=:][ \\t]*\"?)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])"),
                    "$1$2" + MARK),
            Rule.template("aws-access-key-id", Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])"),
                    "[REDACTED AWS KEY ID]"),
            Rule.template("github-token", Pattern.compile(
                    "(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"), MARK_TOKEN),
            Rule.template("gitlab-token", Pattern.compile(
                    "(?<![A-Za-z0-9_-])gl(?:pat|dt|rt|ptt|cbt|soat)-[A-Za-z0-9_-]{20,}"), MARK_TOKEN),
            Rule.template("slack-token", Pattern.compile(
                    "(?<![A-Za-z0-9_-])(?:xox[abprse]|xapp)-[A-Za-z0-9-]{10,}"), MARK_TOKEN),
            Rule.template("google-api-key", Pattern.compile(
                    "(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])"), MARK_TOKEN),
            Rule.template("stripe-key", Pattern.compile(
                    "(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}|whsec_[0-9A-Za-z]{24,})"), MARK_TOKEN),
            Rule.template("url-credentials", Pattern.compile(
                    "(?<![A-Za-z0-9+.-])([a-zA-Z][a-zA-Z0-9+.-]{0,31}://)([^/\\s:@]{0,256}):(?!\\[REDACTED)([^/\\s@]{1,512})@"),
                    "$1$2:" + MARK + "@"),
            Rule.inCommand("curl-user", "curl", Pattern.compile(
                    "(?<=[ \\t])(-u|--user|-U|--proxy-user)(=|[ \\t]*)" + VALUE), true, Redactor::curlUser),
            Rule.inCommand("redis-cli-password", "redis-cli", Pattern.compile(
                    "(?<=[ \\t])(-a[ \\t]+)" + VALUE), true, m -> m.group(1) + MARK),
            Rule.template("secret-option", Pattern.compile(
                    "(?i)(?<![A-Za-z0-9_-])(--?(?:[a-z0-9]{1,20}[-_]){0,3}(?:password|passwd|pass|token|secret|api[-_]?key|access[-_]?key"
                            + "|auth[-_]?token|client[-_]?secret|cookie))(=|[ \\t]+)(?![<>|])" + VALUE),
                    "$1$2" + MARK),
            Rule.inCommand("mysql-password", "mysql[a-z]{0,10}|mariadb[a-z-]{0,12}", Pattern.compile(
                    "(?<=\\s)-p(?!\\[REDACTED)[^\\s-]\\S*"), true, m -> "-p" + MARK),
            Rule.inCommand("sshpass-password", "sshpass", Pattern.compile(
                    "\\A(sshpass(?:[ \\t]+-(?:[fdP][ \\t]*[^\\s-]\\S*|[ev]\\S*))*[ \\t]+-p)([ \\t]*)" + VALUE), false,
                    m -> m.group(1) + m.group(2) + MARK),
            // the match starts at the keyword (a literal, cheap to look for); the rest of the name before it stays as it is
            Rule.template("secret-assignment", Pattern.compile(
                    "(?i)((?:password|passwd|pwd|secret|token|api_key|apikey|access_key|private_key|credentials)[A-Za-z0-9_.-]{0,64}\"?"
                            + "|_auth\"?)([ \\t]*[=:][ \\t]*)"
                            + "(?!(?:true|false|null)(?![A-Za-z0-9_]))" + VALUE),
                    "$1$2" + MARK));

    private static final Redactor STANDARD_REDACTOR = new Redactor(STANDARD, List.of());
    private static final Redactor NONE = new Redactor(List.of(), List.of());

    private final List<Rule> rules;
    private final List<String> marked;

    private Redactor(List<Rule> rules, List<String> marked) {
        this.rules = List.copyOf(rules);
        this.marked = List.copyOf(marked);
    }

    /** Every rule of the table above. */
    public static Redactor standard() {
        return STANDARD_REDACTOR;
    }

    /** Redacts nothing ({@code --no-redact}). */
    public static Redactor none() {
        return NONE;
    }

    /**
     * These rules plus a {@code marked} rule applied first that replaces each of {@code texts} verbatim
     * (blank ones ignored). The texts are an incident's own redaction list: values the responders
     * marked "redact this". On {@link #none()} it stays none: {@code --no-redact} means no redaction.
     */
    public Redactor withMarked(Collection<String> texts) {
        if (rules.isEmpty()) {
            return this;
        }
        Set<String> all = new LinkedHashSet<>(marked);
        texts.stream().filter(t -> t != null && !t.isBlank()).forEach(all::add);
        if (all.equals(new LinkedHashSet<>(marked))) {
            return this;
        }
        List<Rule> standard = rules.stream().filter(r -> !r.name().equals("marked")).toList();
        List<Rule> withMarked = new ArrayList<>();
        // longest first, so a marked text containing another shorter one goes whole
        String alternation = all.stream().sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote).collect(Collectors.joining("|"));
        withMarked.add(Rule.template("marked", Pattern.compile(alternation), MARK));
        withMarked.addAll(standard);
        return new Redactor(withMarked, new ArrayList<>(all));
    }

    /** The texts of {@link #withMarked}, in the order they were marked. */
    public List<String> marked() {
        return marked;
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
            return new Result(text == null ? "" : text, Map.of());
        }
        String out = text;
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Rule r : rules) {
            Matcher m = r.pattern().matcher(out);
            StringBuilder b = null;
            int found = 0;
            while (m.find()) {
                String replacement = r.replacer().apply(m);
                if (replacement == null) {
                    continue;
                }
                if (b == null) {
                    b = new StringBuilder(out.length());
                }
                found++;
                m.appendReplacement(b, Matcher.quoteReplacement(replacement));
            }
            if (found > 0) {
                m.appendTail(b);
                out = b.toString();
                counts.merge(r.name(), found, Integer::sum);
            }
        }
        return new Result(out, counts);
    }

    /** {@code -u user:password} loses the password; {@code -u user} alone stays (curl then asks for it). */
    private static String curlUser(MatchResult m) {
        String value = m.group(3);
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
            value = value.substring(1, value.length() - 1);
        }
        int colon = value.indexOf(':');
        if (colon < 0 || value.startsWith(MARK, colon + 1)) {
            return null;
        }
        return m.group(1) + m.group(2) + value.substring(0, colon + 1) + MARK;
    }

    /** Expands {@code $N} (unmatched groups become empty rather than "null"). */
    private static String expand(MatchResult m, String template) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                int g = template.charAt(++i) - '0';
                String v = g <= m.groupCount() ? m.group(g) : null;
                b.append(v == null ? "" : v);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
