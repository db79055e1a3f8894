package backprop.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.nn.ScratchNetwork;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ScratchNetworkDiagramTest {

    private static ScratchNetwork afterBothPasses(double[] x) {
        ScratchNetwork net = ScratchNetwork.initialize(1, 2, 3, 2);
        net.forwardPropagate(x);
        net.backwardPropagateError(new double[] {1, 0});
        return net;
    }

    @Test
    void drawsEveryColumnAndMarksTheFollowedWeightInBlack() {
        double[] x = {1.0, 0.5};
        ImagePicture picture = ScratchNetworkDiagram.of(afterBothPasses(x), x, 2, 0, 1);
        BufferedImage image = picture.image();
        assertEquals(ScratchNetworkDiagram.GAP * 2 + 2 * ScratchNetworkDiagram.RADIUS + 2 * ScratchNetworkDiagram.MARGIN, image.getWidth());
        assertEquals(ScratchNetworkDiagram.ROW_HEIGHT * 3 + 90, image.getHeight());
        assertTrue(picture.toString().contains("from neuron 1 of layer 1 to neuron 0 of layer 2"), picture.toString());
        // the middle of the black line from hidden neuron 1 to output neuron 0 is ink-coloured
        int x0 = ScratchNetworkDiagram.MARGIN + ScratchNetworkDiagram.RADIUS + ScratchNetworkDiagram.GAP;
        int x1 = x0 + ScratchNetworkDiagram.GAP;
        int height = image.getHeight();
        int y0 = 50 + (height - 90) * 3 / 6, y1 = 50 + (height - 90) * 1 / 4;
        int midX = ((x0 + ScratchNetworkDiagram.RADIUS) + (x1 - ScratchNetworkDiagram.RADIUS)) / 2;
        int midY = (y0 + y1) / 2;
        assertEquals(ChartStyle.INK.getRGB(), image.getRGB(midX, midY), "the followed weight is drawn in black");
        assertTrue(picture.mimeBundle().get("image/png").length() > 1000);
    }

    @Test
    void badInputIsNamed() {
        double[] x = {1.0, 0.5};
        ScratchNetwork net = afterBothPasses(x);
        var tooShort = assertThrows(IllegalArgumentException.class, () -> ScratchNetworkDiagram.of(net, new double[] {1}));
        assertTrue(tooShort.getMessage().contains("takes 2 inputs, got 1"), tooShort.getMessage());
        var noSuchWeight = assertThrows(IllegalArgumentException.class, () -> ScratchNetworkDiagram.of(net, x, 2, 0, 3));
        assertTrue(noSuchWeight.getMessage().contains("layer 2 has 2 neurons with 3 inputs each"), noSuchWeight.getMessage());
        var noSuchLayer = assertThrows(IllegalArgumentException.class, () -> ScratchNetworkDiagram.of(net, x, 3, 0, 0));
        assertTrue(noSuchLayer.getMessage().contains("layers with weights are 1 to 2"), noSuchLayer.getMessage());
    }
}
