using FaceAccord.Governance.Audit;
using FaceAccord.Service.Consents;
using FaceAccord.Service.Enrolment;
using FaceAccord.Service.Galleries;
using FaceAccord.Service.Identification;
using FaceAccord.Service.Recognition;
using FaceAccord.Service.Reports;
using FaceAccord.Service.Retention;
using FaceAccord.Service.Reviews;
using FaceAccord.Service.Safeguards;
using FaceAccord.Service.Tenants;
using FaceAccord.Storage;
using FaceAccord.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAccord.Service.Tests;

/// <summary>
/// FaceAccord's services as <see cref="FaceAccordServices.AddFaceAccord"/> wires them, over a fresh store in a temporary
/// folder, with the real pipeline (one engine shared by every fixture) and policy packs, and a <see cref="ManualClock"/>
/// the store, the audit log and the services all read, so retention can be fast-forwarded.
/// </summary>
public sealed class ServiceFixture : IDisposable
{
    private static readonly Lazy<RecognitionEngine> SharedEngine = new(() =>
        new RecognitionEngine(new PackSelection(TestModelSources.Data), new Vision.PipelineOptions { Inference = new Models.Runtime.InferenceOptions { IntraOpThreads = 1 } }));

    private readonly ServiceProvider _provider;

    /// <param name="configure">Replaces registrations (a policy engine with other packs) after the standard ones.</param>
    /// <param name="store">A PostgreSQL store (connection string) instead of the SQLite file in <see cref="Root"/>.</param>
    /// <param name="root">The data directory (its data key) to share with another fixture: two nodes of one store.</param>
    public ServiceFixture(Action<IServiceCollection>? configure = null, string? store = null, string? root = null)
    {
        Root = root ?? Root;
        Directory.CreateDirectory(Root);
        var services = new ServiceCollection().AddFaceAccord(new FaceAccordSettings(Root, TestModelSources.Data) { Clock = Clock, Store = store });
        services.AddSingleton(_ => SharedEngine.Value);
        configure?.Invoke(services);
        _provider = services.BuildServiceProvider();
    }

    public string Root { get; private set; } = Path.Combine(Path.GetTempPath(), "faceaccord-service-tests-" + Guid.NewGuid().ToString("N"));

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public string DatabasePath => Path.Combine(Root, FaceAccordSettings.DatabaseFileName);

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public SqliteFaceStore Store => (SqliteFaceStore)Get<IFaceAccordStore>();

    public AuditLog Audit => Get<AuditLog>();

    public TenantService Tenants => Get<TenantService>();

    public GalleryService Galleries => Get<GalleryService>();

    public EnrolmentService Enrolment => Get<EnrolmentService>();

    public IdentificationService Identification => Get<IdentificationService>();

    public ConsentService Consents => Get<ConsentService>();

    public ErasureService Erasure => Get<ErasureService>();

    public ReviewService Reviews => Get<ReviewService>();

    public ReportService Reports => Get<ReportService>();

    public RetentionSweeper Sweeper => Get<RetentionSweeper>();

    public SubjectRetention Retention => Get<SubjectRetention>();

    /// <summary>A new tenant acting in-process (key id "cli") for <paramref name="purpose"/>.</summary>
    public RequestContext Tenant(string sector, string country, string region, string city, string purpose = "identity-verification")
    {
        var (tenant, _) = Tenants.Create("Tenant " + city + " " + Guid.NewGuid().ToString("N")[..6], sector, country, region, city);
        return new RequestContext(tenant, AuditRecord.CliKeyId, purpose);
    }

    /// <summary>Records the person's written consent for the context's purpose and returns the legal basis naming it.</summary>
    public LegalBasis Consent(RequestContext context, string externalId)
    {
        var consent = Consents.Record(context, new RecordConsentRequest(
            externalId, [context.Purpose!], "notice-1", null, "We keep a template of your face to let you in.", "written", "form-" + externalId));
        return new LegalBasis("consent", consent.Id.ToString());
    }

    /// <summary>Rows of a table whose <c>column</c> holds <paramref name="id"/>, counted in the file itself rather than through the store.</summary>
    public long Count(string sql, Guid id)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False");
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
        _provider.Dispose();
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
