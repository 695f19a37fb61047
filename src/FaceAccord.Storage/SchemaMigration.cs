namespace FaceAccord.Storage;

/// <summary>One numbered step of the schema, kept as its own script so history is never rewritten.</summary>
internal sealed record SchemaMigration(int Version, string Name, string Sql);
