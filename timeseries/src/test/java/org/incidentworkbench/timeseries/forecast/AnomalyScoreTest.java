package org.incidentworkbench.timeseries.forecast;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyScoreTest {

    static double[] noise(double level, double sd, int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = level + r.nextGaussian() * sd;
        }
        return v;
    }

    @Test
    void aJumpStandsOutAgainstTheHostsOwnBaselineAndItsPeers() {
        double[][] peers = {noise(5, 1, 60, 2), noise(6, 1, 60, 3), noise(4, 1, 60, 4), noise(5, 1, 60, 5)};
        AnomalyScore high = AnomalyScore.of(noise(5, 1, 600, 1), noise(25, 1, 60, 6), peers);
        assertTrue(high.selfScore() > 10, high.toString());
        assertTrue(high.peerScore() > 10, high.toString());
        assertTrue(high.notable());
        AnomalyScore usual = AnomalyScore.of(noise(5, 1, 600, 1), noise(5, 1, 60, 7), peers);
        assertTrue(Math.abs(usual.selfScore()) < 2, usual.toString());
        assertTrue(Math.abs(usual.peerScore()) < 2, usual.toString());
        assertFalse(usual.notable());
    }

    @Test
    void spikesInTheBaselineDoNotHideAnAnomalyAndMissingDataIsNaN() {
        double[] baseline = noise(10, 0.5, 300, 8);
        for (int i = 0; i < 300; i += 10) {
            baseline[i] = 500;
        }
        assertTrue(AnomalyScore.of(baseline, noise(20, 0.5, 30, 9), new double[0][]).selfScore() > 5);
        AnomalyScore none = AnomalyScore.of(new double[0], new double[] {Double.NaN}, new double[0][]);
        assertTrue(Double.isNaN(none.selfScore()) && Double.isNaN(none.peerScore()));
    }
}
