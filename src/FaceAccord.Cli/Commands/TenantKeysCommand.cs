using System.CommandLine;
using FaceAccord.Core;
using FaceAccord.Service.Tenants;

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
        cmd.Subcommands.Add(RotateCommand(output));
        return cmd;
    }

    private static Command AddCommand(CliOutput output)
    {
        var role = new Option<string>("--role")
        {
            Description = "operator (enrol, verify, identify, ...) or reviewer (reads and decides held review cases, nothing else).",
            DefaultValueFactory = _ => KeyRoles.Operator,
            HelpName = "role",
        };
        var expiresIn = ExpiresIn();
        var tenant = GalleriesCommand.Tenant();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("add", "Issue a new key for one person and print it (shown once; only a salted hash is kept).") { role, expiresIn, tenant, json, data, models };
        cmd.SetAction(r =>
        {
            using var services = CliServices.Open(output, r, data, models);
            var owner = services.ResolveTenant(r.GetValue(tenant));
            var issued = services.Get<TenantService>().IssueKey(owner.Id, KeyRoles.Parse(r.GetValue(role)), Durations.Parse(r.GetValue(expiresIn), "--expires-in"));
            if (r.GetValue(json))
            {
                output.WriteJson(issued, indented: false);
            }
            else
            {
                output.Out.WriteLine($"{issued.Role} key {issued.KeyId} for tenant {owner.Id} ({owner.Profile.Name})"
                    + (issued.ExpiresAt is { } until ? $", expires {until.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}" : ""));
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
        var models = CommonOptions.Models();
        var cmd = new Command("list", "List a tenant's keys: id, role, when issued and revoked (never the secret).") { tenant, json, data, models };
        cmd.SetAction(r =>
        {
            using var services = CliServices.Open(output, r, data, models);
            var keys = services.Get<TenantService>().ListKeys(services.ResolveTenant(r.GetValue(tenant)).Id);
            if (r.GetValue(json))
            {
                output.WriteJson(keys);
            }
            else
            {
                foreach (var k in keys)
                {
                    string revoked = k.RevokedAt is { } at ? $"revoked {at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}"
                        : k.ExpiresAt is { } until ? $"expires {until.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}" + (k.ReplacedBy is { } next ? $" (replaced by {next})" : "")
                        : "active";
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
        var models = CommonOptions.Models();
        var cmd = new Command("revoke", "Revoke a key: from now on it authenticates nothing (its audit entries stay).") { key, tenant, json, data, models };
        cmd.SetAction(r =>
        {
            using var services = CliServices.Open(output, r, data, models);
            var revoked = services.Get<TenantService>().RevokeKey(services.ResolveTenant(r.GetValue(tenant)).Id, r.GetValue(key)!);
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

    private static Option<string?> ExpiresIn() => new("--expires-in")
    {
        Description = "The key stops working this long after it is issued, e.g. 90d, 12h, 2w (default: it does not expire).",
        HelpName = "duration",
    };

    private static Command RotateCommand(CliOutput output)
    {
        var key = new Argument<string>("key-id") { Description = "The key to replace (its id, as 'keys list' shows it)." };
        var grace = new Option<string>("--grace")
        {
            Description = "How long the old key keeps working, so its clients can move to the new one, e.g. 24h, 7d, 0s (default 24h).",
            DefaultValueFactory = _ => "24h",
            HelpName = "duration",
        };
        var expiresIn = ExpiresIn();
        var tenant = GalleriesCommand.Tenant();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("rotate", "Issue a key replacing KEY_ID (same role) and let KEY_ID expire after the grace period; prints the new key once.")
        {
            key, grace, expiresIn, tenant, json, data, models,
        };
        cmd.SetAction(r =>
        {
            using var services = CliServices.Open(output, r, data, models);
            var rotation = services.Get<TenantService>().RotateKey(services.ResolveTenant(r.GetValue(tenant)).Id, r.GetValue(key)!,
                Durations.Parse(r.GetValue(grace), "--grace")!.Value, Durations.Parse(r.GetValue(expiresIn), "--expires-in"));
            if (r.GetValue(json))
            {
                output.WriteJson(rotation, indented: false);
            }
            else
            {
                output.Out.WriteLine($"{rotation.Replacement.Role} key {rotation.Replacement.KeyId} replaces {rotation.RetiredKeyId}, which works until {rotation.RetiredKeyExpiresAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
                output.Out.WriteLine($"API key (keep it; it cannot be shown again): {rotation.Replacement.ApiKey}");
            }

            return CliApp.Ok;
        });
        return cmd;
    }
}
