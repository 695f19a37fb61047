using System.Security.Cryptography;
using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Models.Conversion.Weights;
using FaceAccord.Models.Onnx;

namespace FaceAccord.Models.Conversion.Dlib;

/// <summary>
/// Builds dlib's face-recognition ResNet (dlib_face_recognition_resnet_model_v1) as an ONNX graph from the
/// weights face-api ships, because that model exists only as weights plus code: the graph is written here
/// layer by layer exactly as face-api's FaceRecognitionNet computes it.
/// </summary>
public static class DlibResNetBuilder
{
    /// <summary>The weights manifest inside face-api's <c>model</c> folder.</summary>
    public const string ManifestFileName = "face_recognition_model-weights_manifest.json";

    /// <summary>Input name: float NHWC [batch, 150, 150, 3], raw 0..255 RGB.</summary>
    public const string InputName = "input";

    /// <summary>Output name: float [batch, 128], face-api's descriptor before any L2 normalisation.</summary>
    public const string OutputName = "embedding";

    public const int InputSize = 150;

    public const int EmbeddingSize = 128;

    // face-api's per-channel RGB mean; it divides by 255 after subtracting it (FaceRecognitionNet.forwardInput).
    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];
    private const float InputDivisor = 255f;

    /// <summary>Reads the weights from face-api's <c>model</c> folder and returns the serialised ONNX model.</summary>
    public static byte[] Build(string faceApiModelDirectory)
    {
        ArgumentNullException.ThrowIfNull(faceApiModelDirectory);
        string manifest = Path.Combine(faceApiModelDirectory, ManifestFileName);
        if (!File.Exists(manifest))
        {
            throw FaceAccordException.BadInput(TfJsWeightsReader.ErrorCode, $"The dlib ResNet manifest {ManifestFileName} is not in {faceApiModelDirectory}.");
        }

        var weights = TfJsWeightsReader.Read(manifest);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["weights_sha256"] = HashShards(manifest),
        };
        return Build(weights, metadata);
    }

    /// <summary>Builds the ONNX model from already decoded weights (names and shapes as in face-api's manifest).</summary>
    public static byte[] Build(IReadOnlyDictionary<string, TfJsWeight> weights) => Build(weights, new Dictionary<string, string>(StringComparer.Ordinal));

    private static byte[] Build(IReadOnlyDictionary<string, TfJsWeight> weights, Dictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var w = new DlibWeights(weights);
        var g = new OnnxGraphBuilder("dlib_face_recognition_resnet_model_v1");
        g.AddInput(InputName, null, InputSize, InputSize, 3);

        // normalize(x, meanRgb).div(255) on NHWC, then NCHW for the convolutions.
        string centred = g.AddNode("Sub", "centred", [InputName, g.AddInitializer("mean_rgb", MeanRgb, 1, 1, 1, 3)]);
        string scaled = g.AddNode("Div", "scaled", [centred, g.AddScalar("input_divisor", InputDivisor)]);
        string nchw = g.AddNode("Transpose", "nchw", [scaled], OnnxAttribute.Ints("perm", 0, 3, 1, 2));
        var x = new Feature(nchw, 3, InputSize, InputSize);

        x = ConvLayer(g, w, x, "conv32_down", 32, kernel: 7, stride: 2, same: false, relu: true);
        string pooled = g.AddNode("MaxPool", "max_pool", [x.Name],
            OnnxAttribute.Ints("kernel_shape", 3, 3), OnnxAttribute.Ints("strides", 2, 2));
        x = x with { Name = pooled, Height = Pooled(x.Height, 3, 2), Width = Pooled(x.Width, 3, 2) };

        foreach (var block in DlibResidualBlock.All)
        {
            x = block.Down ? ResidualDown(g, w, x, block) : Residual(g, w, x, block);
        }

        // out.mean([1, 2]) in NHWC is the mean over H and W; then matMul with fc [256, 128].
        string mean = g.AddNode("ReduceMean", "global_average", [x.Name], OnnxAttribute.Ints("axes", 2, 3), OnnxAttribute.Int("keepdims", 0));
        string fc = g.AddInitializer("fc", w.Get("fc", x.Channels, EmbeddingSize), x.Channels, EmbeddingSize);
        string output = g.AddNode("MatMul", OutputName, [mean, fc]);
        if (output != OutputName)
        {
            throw new InvalidOperationException($"The output tensor was named '{output}' instead of '{OutputName}'.");
        }

        g.AddOutput(OutputName, null, EmbeddingSize);

        metadata["source"] = "@vladmandic/face-api FaceRecognitionNet (dlib_face_recognition_resnet_model_v1)";
        metadata["input"] = "NHWC [batch,150,150,3] float RGB 0..255; the graph subtracts the mean RGB and divides by 255";
        metadata["output"] = "embedding [batch,128], not L2-normalised";
        return g.ToBytes("dlib face-recognition ResNet built by FaceAccord from face-api's weights", metadata);
    }

    private static Feature Residual(OnnxGraphBuilder g, DlibWeights w, Feature x, DlibResidualBlock block)
    {
        var h = ConvLayer(g, w, x, block.Name + "/conv1", block.Channels, kernel: 3, stride: 1, same: true, relu: true);
        h = ConvLayer(g, w, h, block.Name + "/conv2", block.Channels, kernel: 3, stride: 1, same: true, relu: false);
        string sum = g.AddNode("Add", block.Name + "/add", [h.Name, x.Name]);
        return h with { Name = g.AddNode("Relu", block.Name + "/relu", [sum]) };
    }

    private static Feature ResidualDown(OnnxGraphBuilder g, DlibWeights w, Feature x, DlibResidualBlock block)
    {
        var h = ConvLayer(g, w, x, block.Name + "/conv1", block.Channels, kernel: 3, stride: 2, same: false, relu: true);
        h = ConvLayer(g, w, h, block.Name + "/conv2", block.Channels, kernel: 3, stride: 1, same: true, relu: false);

        // Shortcut: 2×2 average pool; face-api pads its channels with zeros to the block's width, and pads the
        // conv path with a zero row and column (bottom, right) where the pool comes out one larger.
        string pool = g.AddNode("AveragePool", block.Name + "/avg_pool", [x.Name],
            OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2));
        var shortcut = new Feature(pool, x.Channels, Pooled(x.Height, 2, 2), Pooled(x.Width, 2, 2));
        int extraChannels = h.Channels - shortcut.Channels;
        int extraRows = shortcut.Height - h.Height;
        int extraCols = shortcut.Width - h.Width;
        if (extraChannels < 0 || extraRows < 0 || extraCols < 0)
        {
            throw new InvalidOperationException($"Block {block.Name}: shortcut {shortcut} does not fit conv path {h}.");
        }

        if (extraChannels > 0)
        {
            string pads = g.AddInt64Vector(block.Name + "/channel_pads", 0, 0, 0, 0, 0, extraChannels, 0, 0);
            shortcut = shortcut with { Name = g.AddNode("Pad", block.Name + "/channel_pad", [shortcut.Name, pads]), Channels = h.Channels };
        }

        if (extraRows > 0 || extraCols > 0)
        {
            string pads = g.AddInt64Vector(block.Name + "/spatial_pads", 0, 0, 0, 0, 0, 0, extraRows, extraCols);
            h = h with { Name = g.AddNode("Pad", block.Name + "/spatial_pad", [h.Name, pads]), Height = shortcut.Height, Width = shortcut.Width };
        }

        string sum = g.AddNode("Add", block.Name + "/add", [shortcut.Name, h.Name]);
        return h with { Name = g.AddNode("Relu", block.Name + "/relu", [sum]) };
    }

    /// <summary>
    /// conv2d + bias, then the scale layer (x * weights + biases), then optionally ReLU. The scale layer is
    /// folded into the convolution: (conv(x, W) + b) * s + t = conv(x, W * s) + (b * s + t).
    /// </summary>
    private static Feature ConvLayer(OnnxGraphBuilder g, DlibWeights w, Feature x, string prefix, int outChannels, int kernel, int stride, bool same, bool relu)
    {
        int inChannels = x.Channels;
        float[] filters = w.Get(prefix + "/conv/filters", kernel, kernel, inChannels, outChannels);
        float[] bias = w.Get(prefix + "/conv/bias", outChannels);
        float[] scale = w.Get(prefix + "/scale/weights", outChannels);
        float[] shift = w.Get(prefix + "/scale/biases", outChannels);

        // TF.js filters are HWIO; ONNX wants OIHW.
        var folded = new float[filters.Length];
        for (int kh = 0; kh < kernel; kh++)
        {
            for (int kw = 0; kw < kernel; kw++)
            {
                for (int i = 0; i < inChannels; i++)
                {
                    int src = ((((kh * kernel) + kw) * inChannels) + i) * outChannels;
                    for (int o = 0; o < outChannels; o++)
                    {
                        folded[(((((o * inChannels) + i) * kernel) + kh) * kernel) + kw] = filters[src + o] * scale[o];
                    }
                }
            }
        }

        var foldedBias = new float[outChannels];
        for (int o = 0; o < outChannels; o++)
        {
            foldedBias[o] = (float)(((double)bias[o] * scale[o]) + shift[o]);
        }

        // TF 'same' with stride 1 and an odd kernel pads (k-1)/2 on every side; 'valid' pads nothing.
        int pad = same ? (kernel - 1) / 2 : 0;
        string conv = g.AddNode("Conv", prefix + "/conv", [
                x.Name,
                g.AddInitializer(prefix + "/filters", folded, outChannels, inChannels, kernel, kernel),
                g.AddInitializer(prefix + "/bias", foldedBias, outChannels),
            ],
            OnnxAttribute.Ints("kernel_shape", kernel, kernel),
            OnnxAttribute.Ints("strides", stride, stride),
            OnnxAttribute.Ints("pads", pad, pad, pad, pad));
        string output = relu ? g.AddNode("Relu", prefix + "/relu", [conv]) : conv;
        int height = same ? x.Height : Pooled(x.Height, kernel, stride);
        int width = same ? x.Width : Pooled(x.Width, kernel, stride);
        return new Feature(output, outChannels, height, width);
    }

    /// <summary>Output length of a valid (unpadded) window: floor((n - k) / s) + 1.</summary>
    private static int Pooled(int n, int kernel, int stride) => ((n - kernel) / stride) + 1;

    /// <summary>SHA-256 over the manifest's bytes followed by its shards' bytes, for provenance in the model's metadata.</summary>
    private static string HashShards(string manifestPath)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] manifest = File.ReadAllBytes(manifestPath);
        sha.AppendData(manifest);
        string directory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        using var doc = JsonDocument.Parse(manifest);
        foreach (var group in doc.RootElement.EnumerateArray())
        {
            foreach (var path in group.GetProperty("paths").EnumerateArray())
            {
                sha.AppendData(File.ReadAllBytes(Path.Combine(directory, path.GetString()!)));
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>A tensor in the NCHW graph with its statically known dimensions.</summary>
    private sealed record Feature(string Name, int Channels, int Height, int Width);
}
