using System.CommandLine;
using FaceAccord.Service.Galleries;

namespace FaceAccord.Cli.Commands;

/// <summary><c>faceaccord galleries create|list|delete</c>: the same galleries the HTTP API serves, on the same store.</summary>
public static class GalleriesCommand
{
    public static Option<string?> Tenant() => new("--tenant")
    {
        Description = $"Tenant id (default: ${CliServices.TenantEnvironmentVariable}, else the store's only tenant).",
    };

    public static Command Create(CliOutput output)
    {
        var cmd = new Command("galleries", "Create, list and delete galleries.");
        cmd.Subcommands.Add(CreateCommand(output));
        cmd.Subcommands.Add(ListCommand(output));
        cmd.Subcommands.Add(DeleteCommand(output));
        return cmd;
    }

    private static Command CreateCommand(CliOutput output)
    {
        var name = new Argument<string>("name") { Description = "Gallery name (unique per tenant)." };
        var storeImages = new Option<bool>("--store-images") { Description = "Keep enrolled images as well as templates (default: templates only)." };
        var retentionDays = new Option<int?>("--retention-days") { Description = "Delete each subject this many days (1-36500) after their last interaction (default: no limit)." };
        var tenant = Tenant();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("create", "Create a gallery.") { name, storeImages, retentionDays, tenant, json, data, models };
        cmd.SetAction(r =>
        {
            using var services = CliServices.Open(output, r, data, models);
            var context = services.Context(r.GetValue(tenant), "gallery-administration");
            var g = services.Get<GalleryService>().Create(context, r.GetValue(name)!, r.GetValue(storeImages), r.GetValue(retentionDays));
            if (r.GetValue(json))
            {
                output.WriteJson(g, indented: false);
            }
            else
            {
                output.Out.WriteLine($"gallery {g.Id} '{g.Name}' ({g.ModelId}{(g.StoresImages ? ", stores images" : "")}{(g.RetentionDays is { } days ? $", retention {days} days" : "")})");
            }

            return CliApp.Ok;
        });
        return cmd;
    }

    private static Command ListCommand(CliOutput output)
    {
        var tenant = Tenant();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("list", "List the tenant's galleries.") { tenant, json, data, models };
        cmd.SetAction(r =>
        {
            using var services = CliServices.Open(output, r, data, models);
            var list = services.Get<GalleryService>().List(services.Context(r.GetValue(tenant), "gallery-administration"));
            if (r.GetValue(json))
            {
                output.WriteJson(list);
            }
            else
            {
                foreach (var g in list)
                {
                    output.Out.WriteLine($"{g.Id}  {g.Name}  {g.Subjects} subject(s), {g.Faces} face(s)");
                }
            }

            return CliApp.Ok;
        });
        return cmd;
    }

    private static Command DeleteCommand(CliOutput output)
    {
        var gallery = new Argument<string>("gallery") { Description = "Gallery id or name." };
        var tenant = Tenant();
        var purpose = CliServices.Purpose();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("delete", "Delete a gallery with every subject, template and image in it.") { gallery, tenant, purpose, data, models };
        cmd.SetAction(r =>
        {
            using var services = CliServices.Open(output, r, data, models);
            var context = services.Context(r.GetValue(tenant), r.GetValue(purpose)!);
            var galleries = services.Get<GalleryService>();
            var g = galleries.Resolve(context, r.GetValue(gallery)!);
            galleries.Delete(context, g.Id);
            output.Out.WriteLine($"deleted gallery {g.Id} '{g.Name}'");
            return CliApp.Ok;
        });
        return cmd;
    }
}
