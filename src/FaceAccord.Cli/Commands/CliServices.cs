using System.CommandLine;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service;
using FaceAccord.Service.Recognition;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;
using FaceAccord.Storage.Postgres;
using FaceAccord.Vision;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAccord.Cli.Commands;

/// <summary>
/// FaceAccord's services for one command, registered exactly as the server registers them
/// (<see cref="FaceAccordServices.AddFaceAccord"/>), so the command line obeys the same role, policy and audit rules.
/// The store is opened on first use; a model is loaded only by the commands that call <see cref="LoadModelsAsync(CancellationToken)"/>.
/// </summary>
public sealed class CliServices : IDisposable
{
    public const string TenantEnvironmentVariable = "FACEACCORD_TENANT";

    private readonly ServiceProvider _provider;
    private readonly CliOutput _output;

    private CliServices(ServiceProvider provider, CliOutput output, FaceAccordSettings settings)
    {
        _provider = provider;
        _output = output;
        Settings = settings;
    }

    public FaceAccordSettings Settings { get; }

    /// <summary>
    /// The services on the store of <c>--data</c> and the packs of <c>--models</c>, with the options of the store
    /// directory's faceaccord.json; <paramref name="existingStore"/> refuses a directory without a store instead of creating one.
    /// </summary>
    public static CliServices Open(CliOutput output, ParseResult r, Option<string?> data, Option<string?>? models = null, PipelineOptions? pipeline = null, bool existingStore = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        var settings = SettingsFor(r, data, models, pipeline);
        if (existingStore && !settings.IsSharedStore && !File.Exists(settings.DatabasePath))
        {
            throw FaceAccordException.NotFound("store-not-found", $"There is no store at {settings.DatabasePath}; pass the data directory with --data.");
        }

        return new CliServices(new ServiceCollection().AddFaceAccord(settings).BuildServiceProvider(), output, settings);
    }

    /// <summary>Where the store and the packs are, and the options of the store directory's faceaccord.json.</summary>
    public static FaceAccordSettings SettingsFor(ParseResult r, Option<string?> data, Option<string?>? models, PipelineOptions? pipeline)
    {
        ArgumentNullException.ThrowIfNull(r);
        string directory = CommonOptions.StoreDirectory(r, data);
        return new FaceAccordSettings(directory, models is null ? FaceAccord.Models.DataDirectory.Resolve() : CommonOptions.ModelsDirectory(r, models))
        {
            Options = ServiceConfiguration.Load(directory).Service,
            Pipeline = pipeline,
            Store = SharedStore(r),
        };
    }

    /// <summary>
    /// The PostgreSQL store of <c>--store</c> or <c>$FACEACCORD_STORE</c>, checked for form now (exit 2 on a malformed
    /// one, before anything is opened); null for the SQLite store of the data directory.
    /// </summary>
    public static string? SharedStore(ParseResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        string? store = r.GetValue<string?>(CommonOptions.StoreOptionName);
        if (string.IsNullOrWhiteSpace(store))
        {
            store = Environment.GetEnvironmentVariable(FaceAccordSettings.StoreVariable);
        }

        if (string.IsNullOrWhiteSpace(store))
        {
            return null;
        }

        if (!PostgresLocation.IsPostgres(store))
        {
            throw FaceAccordException.BadInput(
                "store-uri-invalid",
                "--store (or $" + FaceAccordSettings.StoreVariable + ") takes postgresql://user:password@host:port/database or an Npgsql connection string; "
                + "for a SQLite store pass its directory with --data.");
        }

        PostgresLocation.Parse(store);
        return store;
    }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Installs (showing progress) and opens the model pack now, for commands that work on faces.</summary>
    public Task LoadModelsAsync(CancellationToken ct) => LoadModelsAsync(_output, Get<RecognitionEngine>(), ct);

    /// <summary>Loads <paramref name="recognition"/>'s pack with a progress bar on stderr (shown only while it installs).</summary>
    public static Task LoadModelsAsync(CliOutput output, RecognitionEngine recognition, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(recognition);
        return output.WithProgressAsync("Installing the model pack", async report =>
        {
            await recognition.LoadAsync(new Progress<(string Step, double Fraction)>(p => report(p.Step, p.Fraction)), ct).ConfigureAwait(false);
            return true;
        });
    }

    /// <summary>Option every command that runs an operation on faces takes: the purpose, judged by the policy packs.</summary>
    public static Option<string> Purpose() => new("--purpose")
    {
        Description = "Why this is done, from the policy vocabulary (e.g. access-control); see docs/policies.md.",
        Required = true,
    };

    /// <summary>The request context of a command-line operation: the tenant's profile, key id "cli", operator role, the declared purpose.</summary>
    public RequestContext Context(string? tenantId, string? purpose, LegalBasis? legalBasis = null) =>
        new(ResolveTenant(tenantId), AuditRecord.CliKeyId, purpose, LegalBasis: legalBasis);

    /// <summary>
    /// The tenant a command acts for: <c>--tenant</c>, else <c>$FACEACCORD_TENANT</c>, else the store's only tenant.
    /// The command line is an operator's tool on their own store; it still never mixes tenants.
    /// </summary>
    public Tenant ResolveTenant(string? explicitId)
    {
        var tenants = Get<ITenantStore>();
        string? chosen = string.IsNullOrWhiteSpace(explicitId) ? Environment.GetEnvironmentVariable(TenantEnvironmentVariable) : explicitId;
        if (!string.IsNullOrWhiteSpace(chosen))
        {
            return Guid.TryParse(chosen, out var id) && tenants.FindTenant(id) is { } t
                ? t
                : throw FaceAccordException.NotFound("tenant-not-found", $"There is no tenant '{chosen}' in this store.");
        }

        var all = tenants.ListTenants();
        return all.Count switch
        {
            1 => all[0],
            0 => throw FaceAccordException.BadInput("tenant-missing", "This store has no tenant yet; create one with 'faceaccord tenants create'."),
            _ => throw FaceAccordException.BadInput("tenant-ambiguous", $"This store has {all.Count} tenants; name one with --tenant ID or ${TenantEnvironmentVariable}."),
        };
    }

    public void Dispose() => _provider.Dispose();
}
