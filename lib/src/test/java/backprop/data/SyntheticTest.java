package backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticTest {

    @Test
    void sameSeedGivesTheSamePointsAndAnotherSeedDifferentOnes() {
        Dataset a = Synthetic.moons(100, 0.1, 42);
        Dataset b = Synthetic.moons(100, 0.1, 42);
        Dataset c = Synthetic.moons(100, 0.1, 43);
        assertTrue(Arrays.deepEquals(a.x(), b.x()));
        assertArrayEquals(a.y(), b.y());
        assertTrue(!Arrays.deepEquals(a.x(), c.x()));
    }

    @Test
    void moonsWithoutNoiseLieOnTheirTwoArcs() {
        Dataset moons = Synthetic.moons(50, 0.0, 1);
        assertEquals(50, moons.size());
        for (int i = 0; i < moons.size(); i++) {
            double[] p = moons.x()[i];
            double cx = moons.y()[i] == 0 ? 0 : 1, cy = moons.y()[i] == 0 ? 0 : 0.5;
            assertEquals(1.0, Math.hypot(p[0] - cx, p[1] - cy), 1e-12, "point " + i + " is off its arc");
            assertTrue(moons.y()[i] == 0 ? p[1] >= -1e-12 : p[1] <= 0.5 + 1e-12);
        }
        assertEquals(25, Arrays.stream(moons.y()).filter(label -> label == 1).count());
    }

    @Test
    void circlesHaveTheirTwoRadii() {
        Dataset rings = Synthetic.circles(40, 0.0, 0.5, 3);
        for (int i = 0; i < rings.size(); i++) {
            double r = Math.hypot(rings.x()[i][0], rings.x()[i][1]);
            assertEquals(rings.y()[i] == 0 ? 1.0 : 0.5, r, 1e-12);
        }
    }

    @Test
    void spiralHasOneArmPerClass() {
        Dataset arms = Synthetic.spiral(30, 3, 0);
        assertEquals(90, arms.size());
        assertEquals(3, arms.classes());
        for (int k = 0; k < 3; k++) {
            int arm = k;
            assertEquals(30, Arrays.stream(arms.y()).filter(label -> label == arm).count());
        }
    }

    @Test
    void xorLabelsFollowTheSignsWithoutNoise() {
        Dataset xor = Synthetic.xor(200, 0.0, 5);
        for (int i = 0; i < xor.size(); i++) {
            double[] p = xor.x()[i];
            assertEquals(p[0] * p[1] < 0 ? 1 : 0, xor.y()[i]);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        var negativeNoise = assertThrows(IllegalArgumentException.class, () -> Synthetic.moons(100, -0.1, 0));
        assertTrue(negativeNoise.getMessage().contains("noise"));
        var tooFew = assertThrows(IllegalArgumentException.class, () -> Synthetic.xor(1, 0.1, 0));
        assertTrue(tooFew.getMessage().contains("at least 4"));
        var factor = assertThrows(IllegalArgumentException.class, () -> Synthetic.circles(10, 0, 1.5, 0));
        assertTrue(factor.getMessage().contains("1.5"));
    }
}
