package org.incidentworkbench.findings;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Why a rule's threshold has its default value, written on the threshold itself (a component of the
 * rule's {@code Limits} record) so the documented table ({@link ThresholdTable}, docs/findings.md) is
 * generated from the numbers the code uses and cannot drift from them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Reason {
    String value();
}
