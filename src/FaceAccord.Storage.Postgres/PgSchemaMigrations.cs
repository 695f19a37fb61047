using System.Globalization;
using System.Reflection;

namespace FaceAccord.Storage.Postgres;

/// <summary>The PostgreSQL schema scripts embedded in this assembly, in version order, checked once for gaps.</summary>
internal static class PgSchemaMigrations
{
    private const string Prefix = "FaceAccord.Storage.Postgres.Migrations.";

    private static readonly Lazy<IReadOnlyList<SchemaMigration>> Loaded = new(Load);

    public static IReadOnlyList<SchemaMigration> All => Loaded.Value;

    public static int Latest => All[^1].Version;

    private static List<SchemaMigration> Load()
    {
        Assembly assembly = typeof(PgSchemaMigrations).Assembly;
        var migrations = new List<SchemaMigration>();
        foreach (string resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(Prefix, StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.Ordinal)))
        {
            string name = resource[Prefix.Length..^".sql".Length];
            int underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out int version))
            {
                throw new InvalidOperationException($"Migration '{resource}' is not named <version>_<name>.sql.");
            }

            using Stream stream = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"Migration '{resource}' cannot be read.");
            using var reader = new StreamReader(stream);
            migrations.Add(new SchemaMigration(version, name, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (int i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations must be numbered 1..N without gaps; found version {migrations[i].Version} at position {i + 1}.");
            }
        }

        return migrations.Count > 0 ? migrations : throw new InvalidOperationException("No schema migrations are embedded in FaceAccord.Storage.Postgres.");
    }
}
