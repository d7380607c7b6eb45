package io.hyperrep.ml.hyper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.hyper.LayerScales;
import io.hyperrep.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The files of an autoencoder directory, as {@link HyperTrainingRun} writes them and
 * {@link HyperRepresentation#load} reads them:
 * <pre>
 * autoencoder.sd            dropout-free inference graph with the best epoch's weights (SameDiff, no updater)
 * config.json               the AutoencoderConfig (the same format as --config)
 * normalization.json        architecture, per-layer LWLN sigma and per-parameter mean of the training split,
 *                           and for a centred autoencoder the per-layer sigma of the deviations (inputSigma)
 * state/training-state.bin  resumable state after the last finished epoch ({@link TrainingStateFile})
 * </pre>
 */
public final class HyperFiles {

    public static final String AUTOENCODER = "autoencoder.sd";
    public static final String CONFIG = "config.json";
    public static final String NORMALIZATION = "normalization.json";
    public static final String STATE = "state/training-state.bin";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HyperFiles() {}

    public static void writeConfig(Path dir, AutoencoderConfig cfg) {
        write(dir.resolve(CONFIG), AutoencoderConfigJson.write(cfg));
    }

    /** The directory's config; {@link AutoencoderFileException} if missing or invalid. */
    public static AutoencoderConfig readConfig(Path dir) {
        Path f = dir.resolve(CONFIG);
        if (!Files.isRegularFile(f)) {
            throw new AutoencoderFileException(dir + " is not an autoencoder directory (no " + CONFIG + ")");
        }
        try {
            return AutoencoderConfigJson.read(f);
        } catch (IllegalArgumentException e) {
            throw new AutoencoderFileException(e.getMessage(), e);
        }
    }

    public static void writeNormalization(Path dir, NormalizationStats s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("formatVersion", 1);
        n.put("arch", s.arch().id());
        n.put("layoutHash", s.arch().layoutHash());
        ArrayNode sigma = n.putArray("layerSigma");
        for (double v : s.scales().sigma()) {
            sigma.add(v);
        }
        ArrayNode mean = n.putArray("parameterMean");
        for (float v : s.parameterMean()) {
            mean.add(v);
        }
        if (s.centred()) {
            ArrayNode input = n.putArray("inputSigma");
            for (double v : s.inputScales().sigma()) {
                input.add(v);
            }
        }
        try {
            write(dir.resolve(NORMALIZATION), JSON.writeValueAsBytes(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory's statistics; {@link AutoencoderFileException} if missing, invalid or for an unknown layout. */
    public static NormalizationStats readNormalization(Path dir) {
        Path f = dir.resolve(NORMALIZATION);
        if (!Files.isRegularFile(f)) {
            throw new AutoencoderFileException(dir + " is not an autoencoder directory (no " + NORMALIZATION + ")");
        }
        try {
            JsonNode n = JSON.readTree(f.toFile());
            Architecture arch = Architectures.byId(n.required("arch").asText());
            if (!arch.layoutHash().equals(n.required("layoutHash").asText())) {
                throw new IllegalArgumentException(
                        "layout hash " + n.get("layoutHash").asText() + " does not match this build's " + arch.id()
                                + " (" + arch.layoutHash() + ")");
            }
            JsonNode sigmaNode = n.required("layerSigma");
            JsonNode meanNode = n.required("parameterMean");
            if (sigmaNode.size() != arch.layers().size() || meanNode.size() != arch.parameterCount()) {
                throw new IllegalArgumentException(
                        "expected " + arch.layers().size() + " layer sigmas and " + arch.parameterCount()
                                + " parameter means, got " + sigmaNode.size() + " and " + meanNode.size());
            }
            double[] sigma = new double[sigmaNode.size()];
            for (int i = 0; i < sigma.length; i++) {
                sigma[i] = sigmaNode.get(i).asDouble();
            }
            float[] mean = new float[meanNode.size()];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = (float) meanNode.get(i).asDouble();
            }
            LayerScales input = null;
            JsonNode inputNode = n.get("inputSigma");
            if (inputNode != null) {
                if (inputNode.size() != arch.layers().size()) {
                    throw new IllegalArgumentException(
                            "expected " + arch.layers().size() + " input sigmas, got " + inputNode.size());
                }
                double[] in = new double[inputNode.size()];
                for (int i = 0; i < in.length; i++) {
                    in[i] = inputNode.get(i).asDouble();
                    if (!(in[i] > 0)) {
                        throw new IllegalArgumentException(
                                "input sigma " + i + " must be positive, got " + inputNode.get(i));
                    }
                }
                input = new LayerScales(arch, in);
            }
            return new NormalizationStats(new LayerScales(arch, sigma), mean, input);
        } catch (IOException | IllegalArgumentException e) {
            throw new AutoencoderFileException(f + " is not valid normalization statistics: " + e.getMessage(), e);
        }
    }

    /**
     * The trainable weights stored in the directory's autoencoder.sd, by variable name.
     *
     * @throws AutoencoderFileException if the file is missing or cannot be read as a SameDiff graph
     */
    public static Map<String, INDArray> readWeights(Path dir) {
        Path f = dir.resolve(AUTOENCODER);
        if (!Files.isRegularFile(f)) {
            throw new AutoencoderFileException(dir + " is not an autoencoder directory (no " + AUTOENCODER + ")");
        }
        SameDiff sd;
        try {
            sd = SameDiff.load(f.toFile(), false);
        } catch (RuntimeException e) {
            // M2.1 reports a damaged FlatBuffers file as whatever the parser tripped over (index, buffer or state
            // errors)
            throw new AutoencoderFileException(
                    f + " is not a readable autoencoder (truncated or corrupt: " + e + ")", e);
        }
        Map<String, INDArray> w = GraphWeights.read(sd);
        if (w.isEmpty()) {
            throw new AutoencoderFileException(f + " holds no weights");
        }
        return w;
    }

    static void write(Path file, byte[] bytes) {
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
