using FaceAccord.Models;
using FaceAccord.Vision;

namespace FaceAccord.Service;

/// <summary>
/// Where one installation keeps things and how it runs: the store's directory (<c>--data</c>), the model packs'
/// directory (<c>$FACEACCORD_HOME</c> or <c>--models</c>, shared by every store), the service options and the
/// pipeline options; the clock only tests replace.
/// </summary>
public sealed record FaceAccordSettings(string DataDirectory, DataDirectory Models)
{
    /// <summary>The store's file inside the data directory.</summary>
    public const string DatabaseFileName = "faceaccord.db";

    public ServiceOptions Options { get; init; } = new();

    public PipelineOptions? Pipeline { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The latest fairness evaluation the reports quote and the console shows; null: none given.</summary>
    public Reports.FairnessSource? Fairness { get; init; }

    /// <summary>The environment variable naming a PostgreSQL store when <c>--store</c> does not.</summary>
    public const string StoreVariable = "FACEACCORD_STORE";

    /// <summary>
    /// A PostgreSQL store (<c>postgresql://user:password@host:port/database</c> or an Npgsql connection string); null:
    /// the SQLite store in <see cref="DataDirectory"/>. The data directory still holds faceaccord.json and, unless
    /// $FACEACCORD_DATA_KEY(_FILE) says otherwise, the data key every node of a shared store must be given.
    /// </summary>
    public string? Store { get; init; }

    /// <summary>Maximum connections this node opens to a PostgreSQL store (null: the store's own or the default).</summary>
    public int? StorePoolSize { get; init; }

    /// <summary>Whether the store is a PostgreSQL database rather than the SQLite file.</summary>
    public bool IsSharedStore => !string.IsNullOrWhiteSpace(Store);

    /// <summary>Full path of the store's database file.</summary>
    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), DatabaseFileName);
}
