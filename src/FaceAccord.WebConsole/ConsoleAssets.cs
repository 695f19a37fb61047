namespace FaceAccord.WebConsole;

/// <summary>The console's one stylesheet, embedded in the assembly and served by the app itself (nothing from elsewhere).</summary>
public static class ConsoleAssets
{
    public static byte[] Stylesheet { get; } = Load("console.css");

    private static byte[] Load(string name)
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The console asset '{name}' is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
