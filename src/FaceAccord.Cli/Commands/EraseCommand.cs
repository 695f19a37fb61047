using System.CommandLine;
using FaceAccord.Service.Consents;
using FaceAccord.Service.Galleries;

namespace FaceAccord.Cli.Commands;

/// <summary>
/// <c>faceaccord erase --subject EXT [--gallery G]</c>: carries out a person's deletion request on a store, as
/// <c>POST /v1/deletion-requests</c> does, and prints the receipt.
/// </summary>
public static class EraseCommand
{
    public static Command Create(CliOutput output)
    {
        var subject = new Option<string>("--subject") { Description = "The person's external id.", Required = true };
        var gallery = new Option<string?>("--gallery") { Description = "Only this gallery (id or name); default all, and the person's consents are withdrawn too." };
        var tenant = GalleriesCommand.Tenant();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("erase", "Delete one person's templates and images everywhere (a data-subject deletion request) and print a receipt.")
        {
            subject, gallery, tenant, json, data, models,
        };
        cmd.SetAction(r =>
        {
            using var services = CliServices.Open(output, r, data, models);
            var context = services.Context(r.GetValue(tenant), ConsentService.DeletionPurposeTerm);
            string? galleryId = r.GetValue(gallery) is { } g ? services.Get<GalleryService>().Resolve(context, g).Id.ToString() : null;
            var receipt = services.Get<ErasureService>().Erase(context, new DeletionRequest(r.GetValue(subject), galleryId));
            if (r.GetValue(json))
            {
                output.WriteJson(receipt, indented: false);
            }
            else
            {
                output.Out.WriteLine($"request {receipt.RequestId}: deleted {receipt.SubjectsDeleted.Count} subject(s) and {receipt.FacesDeleted} face(s) "
                    + $"in {receipt.GalleriesSearched.Count} gallery(ies) searched; withdrew {receipt.ConsentsWithdrawn.Count} consent(s); completed {receipt.CompletedAt:O}");
            }

            return CliApp.Ok;
        });
        return cmd;
    }
}
