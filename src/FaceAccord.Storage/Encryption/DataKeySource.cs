using System.Text.Json;
using FaceAccord.Core;

namespace FaceAccord.Storage.Encryption;

/// <summary>
/// Where a store's data keys come from: the environment variable <c>FACEACCORD_DATA_KEY</c> (base64 keys, comma
/// separated, the first one current), or a key file (JSON, owner-only: <c>$FACEACCORD_DATA_KEY_FILE</c>, else
/// <c>faceaccord.key</c> beside the database), which is created on first use. Keep the file apart from the database and
/// back it up: without it the data cannot be read.
/// </summary>
public sealed class DataKeySource
{
    public const string KeyVariable = "FACEACCORD_DATA_KEY";
    public const string FileVariable = "FACEACCORD_DATA_KEY_FILE";
    public const string DefaultFileName = "faceaccord.key";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly string? _inline;

    private DataKeySource(string? file, string? inline)
    {
        File = file;
        _inline = inline;
    }

    /// <summary>The key file, or null when the keys come from the environment.</summary>
    public string? File { get; }

    /// <summary>How to tell an operator where the keys are looked for.</summary>
    public string Description => File is null ? $"${KeyVariable}" : $"the key file {File}";

    /// <summary>The source an installation uses for the database at <paramref name="databasePath"/>: the environment's, else the default file.</summary>
    public static DataKeySource For(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        if (Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } inline)
        {
            return new DataKeySource(null, inline);
        }

        string? file = Environment.GetEnvironmentVariable(FileVariable);
        return new DataKeySource(Path.GetFullPath(string.IsNullOrWhiteSpace(file)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, DefaultFileName)
            : file), null);
    }

    /// <summary>A key file at <paramref name="path"/>, whatever the environment says.</summary>
    public static DataKeySource FromFile(string path) => new(Path.GetFullPath(path), null);

    /// <summary>The keys, or null when there are none yet (no key file). Malformed keys are refused with one clear line.</summary>
    public DataKeyRing? Load()
    {
        if (_inline is not null)
        {
            var keys = _inline.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(k => Key(k, $"${KeyVariable}")).ToList();
            return keys.Count == 0 ? null : new DataKeyRing(keys[0], keys);
        }

        if (!System.IO.File.Exists(File))
        {
            return null;
        }

        KeyFile? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<KeyFile>(System.IO.File.ReadAllText(File!));
        }
        catch (JsonException e)
        {
            throw FaceAccordException.Environment("data-key-invalid", $"The key file {File} is not a FaceAccord key file: {e.Message}", e);
        }

        if (parsed?.Keys is not { Count: > 0 } stored || parsed.Current is null)
        {
            throw FaceAccordException.Environment("data-key-invalid", $"The key file {File} holds no keys.");
        }

        var all = stored.Values.Select(v => Key(v, File!)).ToList();
        var current = all.FirstOrDefault(k => k.Id == parsed.Current)
            ?? throw FaceAccordException.Environment("data-key-invalid", $"The key file {File} names a current key {parsed.Current} it does not hold.");
        return new DataKeyRing(current, all);
    }

    /// <summary>A new key in a new key file, owner-only (the embedded default's first use).</summary>
    public DataKeyRing Create()
    {
        if (File is null)
        {
            throw FaceAccordException.Environment("data-key-missing", $"${KeyVariable} is empty.");
        }

        var ring = new DataKeyRing(DataKey.Generate());
        Save(ring);
        return ring;
    }

    /// <summary>Writes <paramref name="ring"/> to the key file atomically (a crash leaves the old file or the new one, whole).</summary>
    public void Save(DataKeyRing ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (File is null)
        {
            throw FaceAccordException.BadInput("data-key-in-environment", $"The data keys come from ${KeyVariable}; change the variable instead (new key first, then the old ones).");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        string temporary = File + ".new";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, new KeyFile(ring.Current.Id, ring.Keys.ToDictionary(k => k.Id, k => Convert.ToBase64String(k.Key))), Indented);
            stream.Flush(flushToDisk: true);
        }

        System.IO.File.Move(temporary, File, overwrite: true);
    }

    private static DataKey Key(string base64, string where)
    {
        try
        {
            return new DataKey(Convert.FromBase64String(base64));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw FaceAccordException.Environment("data-key-invalid", $"A data key in {where} is not {DataKey.Length} bytes of base64.", e);
        }
    }

    private sealed record KeyFile(string? Current, Dictionary<string, string>? Keys);
}
