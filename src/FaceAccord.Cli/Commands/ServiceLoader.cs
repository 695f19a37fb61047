using FaceAccord.Core;
using FaceAccord.Models;
using FaceAccord.Service;
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
