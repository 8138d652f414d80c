import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the WebP2P icon (a play button carried by a ring of peers) and writes it in the three
 * forms jpackage wants: PNG for Linux, ICO for Windows, ICNS for macOS. ICO and ICNS both hold PNG
 * images, which every supported Windows and macOS version reads.
 *
 * <p>Run once from the repository root and commit the output:
 * {@code java -Djava.awt.headless=true installer/src/icon/DrawIcon.java installer/src/jpackage}
 */
public final class DrawIcon {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(out);
        byte[] png256 = png(draw(256));
        Files.write(out.resolve("webp2p.png"), png256);
        Files.write(out.resolve("webp2p.ico"), ico(png(draw(32)), png(draw(48)), png256));
        Files.write(out.resolve("webp2p.icns"), icns(png(draw(128)), png256, png(draw(512))));
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);

        g.setPaint(new GradientPaint(0, 0, new Color(0x1E88E5), 256, 256, new Color(0x0D3B66)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));

        // Six peers on a ring, each linked to its neighbours: the swarm.
        double cx = 128;
        double cy = 128;
        double r = 84;
        double[][] peers = new double[6][2];
        for (int i = 0; i < 6; i++) {
            double a = Math.toRadians(90 + 60 * i);
            peers[i][0] = cx + r * Math.cos(a);
            peers[i][1] = cy - r * Math.sin(a);
        }
        g.setStroke(new BasicStroke(7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(255, 255, 255, 140));
        for (int i = 0; i < 6; i++) {
            double[] p = peers[i];
            double[] q = peers[(i + 1) % 6];
            g.draw(new Line2D.Double(p[0], p[1], q[0], q[1]));
        }
        g.setColor(Color.WHITE);
        for (double[] p : peers) {
            g.fill(new Ellipse2D.Double(p[0] - 15, p[1] - 15, 30, 30));
        }

        // The stream itself: a play triangle in the middle.
        Path2D play = new Path2D.Double();
        play.moveTo(108, 92);
        play.lineTo(164, 128);
        play.lineTo(108, 164);
        play.closePath();
        g.setColor(new Color(0xFFB300));
        g.fill(play);
        g.dispose();
        return image;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** ICONDIR, one ICONDIRENTRY per image, then the PNG data; all little-endian. */
    static byte[] ico(byte[]... pngs) {
        int[] sizes = {32, 48, 256};
        int offset = 6 + 16 * pngs.length;
        int total = offset;
        for (byte[] p : pngs) {
            total += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) pngs.length);
        for (int i = 0; i < pngs.length; i++) {
            int side = sizes[i] == 256 ? 0 : sizes[i]; // 0 means 256 in a one-byte field
            b.put((byte) side).put((byte) side).put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32).putInt(pngs[i].length).putInt(offset);
            offset += pngs[i].length;
        }
        for (byte[] p : pngs) {
            b.put(p);
        }
        return b.array();
    }

    /** 'icns' + total length, then one (type, length, PNG) element each for 128, 256 and 512 pixels. */
    static byte[] icns(byte[] png128, byte[] png256, byte[] png512) throws IOException {
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        DataOutputStream e = new DataOutputStream(elements);
        String[] types = {"ic07", "ic08", "ic09"};
        byte[][] pngs = {png128, png256, png512};
        for (int i = 0; i < 3; i++) {
            e.writeBytes(types[i]);
            e.writeInt(8 + pngs[i].length);
            e.write(pngs[i]);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream f = new DataOutputStream(file);
        f.writeBytes("icns");
        f.writeInt(8 + elements.size());
        f.write(elements.toByteArray());
        return file.toByteArray();
    }
}
