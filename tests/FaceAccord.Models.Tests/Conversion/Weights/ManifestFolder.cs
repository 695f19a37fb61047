using System.Text.Json;

namespace FaceAccord.Models.Tests.Conversion.Weights;

/// <summary>A throwaway model folder holding a hand-written manifest and its shards.</summary>
internal sealed class ManifestFolder : IDisposable
{
    public ManifestFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "faceaccord-weights-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void WriteShard(string name, byte[] bytes) => File.WriteAllBytes(System.IO.Path.Combine(Path, name), bytes);

    public string WriteManifest(string fileName, string json)
    {
        string path = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Parses <paramref name="json"/> and returns a clone that outlives the document.</summary>
    public static JsonElement Json(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
