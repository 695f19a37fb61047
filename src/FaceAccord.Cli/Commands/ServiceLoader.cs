using System.CommandLine;
using FaceAccord.Core;
using FaceAccord.Models;
using FaceAccord.Service;
using FaceAccord.Service.Safeguards;
using FaceAccord.Storage;
using FaceAccord.Vision;

namespace FaceAccord.Cli.Commands;

/// <summary>Opens the service on a data directory for the commands that use the store, showing the pack install when it happens.</summary>
public static class ServiceLoader
{
    public const string TenantEnvironmentVariable = "FACEACCORD_TENANT";

    public static async Task<FaceService> OpenAsync(CliOutput output, DataDirectory data, PipelineOptions? pipeline = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var (options, _) = ServiceConfiguration.Load(data);
        await PipelineLoader.EnsurePackAsync(output, data, false, ct).ConfigureAwait(false);
        return await FaceService.OpenAsync(data, options, pipeline, null, ct).ConfigureAwait(false);
    }

    /// <summary>Option every command that runs an operation on faces takes: the purpose, judged by the policy packs.</summary>
    public static Option<string> Purpose() => new("--purpose")
    {
        Description = "Why this is done, from the policy vocabulary (e.g. access-control); see docs/policies.md.",
        Required = true,
    };

    /// <summary>The request context of a command-line operation: the tenant's profile, key id "cli", the declared purpose.</summary>
    public static RequestContext Context(FaceService service, string? tenantId, string purpose, LegalBasis? legalBasis = null) =>
        new(ResolveTenant(service, tenantId), Governance.Audit.AuditRecord.CliKeyId, purpose, LegalBasis: legalBasis);

    /// <summary>
    /// The tenant a command acts for: <c>--tenant</c>, else <c>$FACEACCORD_TENANT</c>, else the store's only tenant.
    /// The command line is an operator's tool on their own store; it still never mixes tenants.
    /// </summary>
    public static Tenant ResolveTenant(FaceService service, string? explicitId)
    {
        ArgumentNullException.ThrowIfNull(service);
        string? chosen = string.IsNullOrWhiteSpace(explicitId) ? Environment.GetEnvironmentVariable(TenantEnvironmentVariable) : explicitId;
        if (!string.IsNullOrWhiteSpace(chosen))
        {
            return Guid.TryParse(chosen, out var id) && service.Store.FindTenant(id) is { } t
                ? t
                : throw FaceAccordException.NotFound("tenant-not-found", $"There is no tenant '{chosen}' in this store.");
        }

        var all = service.Store.ListTenants();
        return all.Count switch
        {
            1 => all[0],
            0 => throw FaceAccordException.BadInput("tenant-missing", "This store has no tenant yet; create one with 'faceaccord tenants create'."),
            _ => throw FaceAccordException.BadInput("tenant-ambiguous", $"This store has {all.Count} tenants; name one with --tenant ID or ${TenantEnvironmentVariable}."),
        };
    }
}
