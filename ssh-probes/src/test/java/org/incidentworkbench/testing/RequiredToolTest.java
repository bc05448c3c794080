package org.incidentworkbench.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequiredToolTest {

    @Test
    void aMissingToolSkipsNamingItsPackageAndFailsWhenCiRequiresIt() {
        String savedMissing = System.setProperty("workbench.test.missingTools", "iostat");
        String savedRequire = System.clearProperty("workbench.requireSshd");
        try {
            TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> RequiredTool.assume("iostat", "sysstat"));
            assertEquals("iostat is not installed (package sysstat): apt-get install sysstat to run this test.",
                    skipped.getMessage());
            System.setProperty("workbench.requireSshd", "true");
            AssertionFailedError failed = assertThrows(AssertionFailedError.class, () -> RequiredTool.assume("iostat", "sysstat"));
            assertTrue(failed.getMessage().contains("workbench.requireSshd=true makes this a failure"), failed.getMessage());
            // a command every machine has passes
            RequiredTool.assume("sh", "dash");
        } finally {
            restore("workbench.test.missingTools", savedMissing);
            restore("workbench.requireSshd", savedRequire);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
