namespace FaceAccord.Storage.Tests;

/// <summary>
/// Where one contract test keeps its store: the SQLite file of <see cref="TempDatabase"/> or a PostgreSQL schema of
/// <see cref="TempPostgresSchema"/>. Each contract test class runs once per backend (a subclass each), so both stores
/// are held to the same behaviour.
/// </summary>
public abstract class TestStore : IDisposable
{
    /// <summary>Opens (creating on first use) the store; every open of one TestStore reaches the same data.</summary>
    public abstract IFaceAccordStore Open(TimeProvider? clock = null);

    /// <summary>One number read with SQL that both backends understand, bypassing the store.</summary>
    public abstract long Scalar(string sql);

    /// <summary>Runs SQL both backends understand, bypassing the store (to show what the schema itself refuses).</summary>
    public abstract int Execute(string sql);

    public abstract void Dispose();
}
