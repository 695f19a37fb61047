using System.CommandLine;
using FaceAccord.Governance.Audit;
using FaceAccord.Storage;

namespace FaceAccord.Cli.Commands;

/// <summary>
/// <c>faceaccord tenants keys add|list|revoke</c>: one key per person, so the audit log names who did what, and reviewer
/// keys for the people who confirm held identifications and verifications (they can do nothing else).
/// </summary>
public static class TenantKeysCommand
{
    public static Command Create(CliOutput output)
    {
        var cmd = new Command("keys", "Issue, list and revoke a tenant's API keys.");
        cmd.Subcommands.Add(AddCommand(output));
        cmd.Subcommands.Add(ListCommand(output));
        cmd.Subcommands.Add(RevokeCommand(output));
        return cmd;
    }

    private static Command AddCommand(CliOutput output)
    {
        var role = new Option<string>("--role")
        {
            Description = "operator (enrol, verify, identify, ...) or reviewer (reads and decides held review cases, nothing else).",
            DefaultValueFactory = _ => ApiKeyRoles.Operator,
            HelpName = "role",
        };
        var tenant = GalleriesCommand.Tenant();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var cmd = new Command("add", "Issue a new key for one person and print it (shown once; only a salted hash is kept).") { role, tenant, json, data };
        cmd.SetAction(async (r, ct) =>
        {
            using var service = await ServiceLoader.OpenAsync(output, CommonOptions.DataDirectory(r, data), null, ct).ConfigureAwait(false);
            var owner = ServiceLoader.ResolveTenant(service, r.GetValue(tenant));
            var issued = service.Tenants.IssueKey(owner.Id, r.GetValue(role)!, AuditRecord.CliKeyId);
            if (r.GetValue(json))
            {
                output.WriteJson(issued, indented: false);
            }
            else
            {
                output.Out.WriteLine($"{issued.Role} key {issued.KeyId} for tenant {owner.Id} ({owner.Profile.Name})");
                output.Out.WriteLine($"API key (keep it; it cannot be shown again): {issued.ApiKey}");
            }

            return CliApp.Ok;
        });
        return cmd;
    }

    private static Command ListCommand(CliOutput output)
    {
        var tenant = GalleriesCommand.Tenant();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var cmd = new Command("list", "List a tenant's keys: id, role, when issued and revoked (never the secret).") { tenant, json, data };
        cmd.SetAction(async (r, ct) =>
        {
            using var service = await ServiceLoader.OpenAsync(output, CommonOptions.DataDirectory(r, data), null, ct).ConfigureAwait(false);
            var keys = service.Tenants.ListKeys(ServiceLoader.ResolveTenant(service, r.GetValue(tenant)).Id);
            if (r.GetValue(json))
            {
                output.WriteJson(keys);
            }
            else
            {
                foreach (var k in keys)
                {
                    string revoked = k.RevokedAt is { } at ? $"revoked {at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}" : "active";
                    output.Out.WriteLine($"{k.KeyId}  {k.Role,-8}  issued {k.CreatedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}  {revoked}");
                }
            }

            return CliApp.Ok;
        });
        return cmd;
    }

    private static Command RevokeCommand(CliOutput output)
    {
        var key = new Argument<string>("key-id") { Description = "The key's id (the part between 'fa_' and the next '_', as 'keys list' shows it)." };
        var tenant = GalleriesCommand.Tenant();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var cmd = new Command("revoke", "Revoke a key: from now on it authenticates nothing (its audit entries stay).") { key, tenant, json, data };
        cmd.SetAction(async (r, ct) =>
        {
            using var service = await ServiceLoader.OpenAsync(output, CommonOptions.DataDirectory(r, data), null, ct).ConfigureAwait(false);
            var revoked = service.Tenants.RevokeKey(ServiceLoader.ResolveTenant(service, r.GetValue(tenant)).Id, r.GetValue(key)!, AuditRecord.CliKeyId);
            if (r.GetValue(json))
            {
                output.WriteJson(revoked, indented: false);
            }
            else
            {
                output.Out.WriteLine($"key {revoked.KeyId} ({revoked.Role}) revoked at {revoked.RevokedAt!.Value.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
            }

            return CliApp.Ok;
        });
        return cmd;
    }
}
