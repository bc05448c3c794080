package org.incidentworkbench.probe;

/**
 * One thing worth an engineer's attention on one host, following the USE method.
 *
 * @param severity how urgent
 * @param rule     stable id of the rule that produced it, for example {@code fs.full}
 * @param probe    the probe whose data is the evidence, for example {@code df}
 * @param title    one line, for example "/var is 97 % full"
 * @param evidence the numbers behind it, for example "97 % used, 1.2 GiB of 40 GiB free"
 * @param hint     what to look at next
 */
public record Finding(Severity severity, String rule, String probe, String title, String evidence, String hint) {
}
