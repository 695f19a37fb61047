using System.CommandLine;
using FaceAccord.Service.Tenants;
using FaceAccord.Storage;

namespace FaceAccord.Cli.Commands;

/// <summary><c>faceaccord tenants create|list|keys</c>: organisations using a store and their API keys.</summary>
public static class TenantsCommand
{
    public sealed record CreatedTenant(Guid TenantId, string ApiKey);

    public sealed record TenantLine(Guid TenantId, string Name, string Sector, string Country, string? Region, string? City);

    public static Command Create(CliOutput output)
    {
        var cmd = new Command("tenants", "Organisations using this store, and their API keys.");
        cmd.Subcommands.Add(CreateCommand(output));
        cmd.Subcommands.Add(ListCommand(output));
        cmd.Subcommands.Add(TenantKeysCommand.Create(output));
        return cmd;
    }

    private static Command CreateCommand(CliOutput output)
    {
        var name = new Option<string>("--name") { Description = "The organisation's name.", Required = true };
        var sector = new Option<string>("--sector") { Description = "commercial, public-agency, law-enforcement or testing.", Required = true, HelpName = "sector" };
        var country = new Option<string>("--country") { Description = "ISO 3166-1 alpha-2 code, e.g. US.", Required = true };
        var region = new Option<string?>("--region") { Description = "ISO 3166-2 code, e.g. US-WA." };
        var city = new Option<string?>("--city") { Description = "The city's name, e.g. Seattle." };
        var accommodation = new Option<bool>("--public-accommodation") { Description = "The tenant runs a place of public accommodation (shop, restaurant, venue)." };
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("create", "Create a tenant and print its API key (shown once; only a salted hash is kept).") { name, sector, country, region, city, accommodation, json, data, models };
        cmd.SetAction(r =>
        {
            using var services = CliServices.Open(output, r, data, models);
            var (tenant, key) = services.Get<TenantService>().Create(r.GetValue(name)!, r.GetValue(sector)!, r.GetValue(country)!, r.GetValue(region), r.GetValue(city), r.GetValue(accommodation));
            if (r.GetValue(json))
            {
                output.WriteJson(new CreatedTenant(tenant.Id, key), indented: false);
            }
            else
            {
                output.Out.WriteLine($"tenant {tenant.Id} ({tenant.Profile.Name}, {tenant.Profile.Sector})");
                output.Out.WriteLine($"API key (keep it; it cannot be shown again): {key}");
            }

            return CliApp.Ok;
        });
        return cmd;
    }

    private static Command ListCommand(CliOutput output)
    {
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("list", "List the tenants of this store.") { json, data, models };
        cmd.SetAction(r =>
        {
            using var services = CliServices.Open(output, r, data, models);
            var lines = services.Get<ITenantStore>().ListTenants()
                .Select(t => new TenantLine(t.Id, t.Profile.Name, t.Profile.Sector, t.Profile.Country, t.Profile.Region, t.Profile.City)).ToList();
            if (r.GetValue(json))
            {
                output.WriteJson(lines);
            }
            else
            {
                foreach (var t in lines)
                {
                    output.Out.WriteLine($"{t.TenantId}  {t.Name}  {t.Sector}  {t.Region ?? t.Country}{(t.City is null ? "" : " " + t.City)}");
                }
            }

            return CliApp.Ok;
        });
        return cmd;
    }
}
