using System.Globalization;
using System.Reflection;

namespace FaceAccord.Storage;

/// <summary>The schema scripts embedded in this assembly, in version order, checked once for gaps.</summary>
internal static class SchemaMigrations
{
    private const string Prefix = "FaceAccord.Storage.Migrations.";

    private static readonly Lazy<IReadOnlyList<SchemaMigration>> Loaded = new(Load);

    /// <summary>Every known migration, versions 1..N without gaps.</summary>
    public static IReadOnlyList<SchemaMigration> All => Loaded.Value;

    /// <summary>The version a freshly opened database ends at.</summary>
    public static int Latest => All[^1].Version;

    private static List<SchemaMigration> Load()
    {
        Assembly assembly = typeof(SchemaMigrations).Assembly;
        var migrations = new List<SchemaMigration>();
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            string name = resource[Prefix.Length..^".sql".Length];
            int underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out int version))
            {
                throw new InvalidOperationException($"Migration '{resource}' is not named <version>_<name>.sql.");
            }

            using Stream stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Migration '{resource}' cannot be read.");
            using var reader = new StreamReader(stream);
            migrations.Add(new SchemaMigration(version, name, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (int i = 0; i < migrations.Count; i++)
        {
            // A gap or duplicate would make "the current version" ambiguous; fail at first use, not on a user's data.
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations must be numbered 1..N without gaps; found version {migrations[i].Version} at position {i + 1}.");
            }
        }

        if (migrations.Count == 0)
        {
            throw new InvalidOperationException("No schema migrations are embedded in FaceAccord.Storage.");
        }

        return migrations;
    }
}
