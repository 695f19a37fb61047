using FaceAccord.Governance.Audit;
using FaceAccord.Governance.Policies;
using FaceAccord.Packs.Calibration;
using FaceAccord.Search;
using FaceAccord.Service;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;
using FaceAccord.TestSupport;

namespace FaceAccord.Server.Tests;

/// <summary>
/// A service over a fresh store in a temporary folder, with the real pipeline and policy packs and a
/// <see cref="ManualClock"/> that the store, the audit log and the service all read, so retention can be fast-forwarded.
/// </summary>
public sealed class RetentionFixture : IDisposable
{
    public RetentionFixture()
    {
        Directory.CreateDirectory(Root);
        var options = new ServiceOptions();
        Store = SqliteFaceStore.Open(Path.Combine(Root, FaceService.DatabaseFileName), Clock);
        Audit = new AuditLog(Store, Clock);
        var pipeline = TestPack.Pipeline;
        Service = new FaceService(Store, pipeline, PackCalibration.Load(pipeline), options,
            d => TemplateIndexFactory.Create(d, options.Search), new Gatekeeper(PolicyEngine.BuiltIn(options.EnabledPolicyPacks), Audit, Store, Clock), Clock);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "faceaccord-retention-tests-" + Guid.NewGuid().ToString("N"));

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public SqliteFaceStore Store { get; }

    public AuditLog Audit { get; }

    public FaceService Service { get; }

    /// <summary>A new tenant acting in-process (key id "cli") for <paramref name="purpose"/>.</summary>
    public RequestContext Tenant(string sector, string country, string region, string city, string purpose = "identity-verification")
    {
        var (tenant, _) = Service.Tenants.Create("Tenant " + city, sector, country, region, city);
        return new RequestContext(tenant, AuditRecord.CliKeyId, purpose);
    }

    /// <summary>Records the person's written consent for the context's purpose and returns the legal basis naming it.</summary>
    public LegalBasis Consent(RequestContext context, string externalId)
    {
        var consent = Service.Consents.Record(context, new Service.Consents.RecordConsentRequest(
            externalId, [context.Purpose], "notice-1", null, "We keep a template of your face to let you in.", "written", "form-" + externalId));
        return new LegalBasis("consent", consent.Id.ToString());
    }

    /// <summary>Rows of a table whose <c>column</c> holds <paramref name="id"/>, counted in the file itself rather than through the store.</summary>
    public long Count(string sql, Guid id)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Store.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Test-owned constant SQL; the id travels as a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$id", id.ToByteArray());
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        Service.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
