using System.CommandLine;
using FaceAccord.Core;
using FaceAccord.Service.Enrolment;
using FaceAccord.Service.Galleries;

namespace FaceAccord.Cli.Commands;

/// <summary>
/// <c>faceaccord enroll --gallery G --subject S IMAGE...</c>: enrols each image's face for one subject
/// (created on first use). Each image gets its own result; a refused image does not stop the others.
/// </summary>
public static class EnrollCommand
{
    public sealed record Line(string Image, Guid? SubjectId, Guid? FaceId, string? Error, string? Code);

    public static Command Create(CliOutput output)
    {
        var images = new Argument<string[]>("images") { Description = "Images of the subject.", Arity = ArgumentArity.OneOrMore };
        var gallery = new Option<string>("--gallery") { Description = "Gallery id or name.", Required = true };
        var subject = new Option<string>("--subject") { Description = "The subject's external id (created if new).", Required = true };
        var basis = new Option<string?>("--legal-basis") { Description = "Legal basis as TYPE or TYPE:REFERENCE, e.g. consent:form-2291.", HelpName = "type[:reference]" };
        var tenant = GalleriesCommand.Tenant();
        var purpose = CliServices.Purpose();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var provider = CommonOptions.Provider();
        var threads = CommonOptions.Threads();
        var cmd = new Command("enroll", "Enrol faces of one subject into a gallery.") { images, gallery, subject, basis, tenant, purpose, json, data, models, provider, threads };
        cmd.SetAction(async (r, ct) =>
        {
            using var services = CliServices.Open(output, r, data, models,
                new Vision.PipelineOptions { Inference = CommonOptions.Inference(r, provider, threads) });
            var legal = ParseBasis(r.GetValue(basis));
            var context = services.Context(r.GetValue(tenant), r.GetValue(purpose)!, legal);
            var g = services.Get<GalleryService>().Resolve(context, r.GetValue(gallery)!);
            var enrolment = services.Get<EnrolmentService>();
            var subjectId = enrolment.EnsureSubject(context, g.Id, r.GetValue(subject)!, legal);
            await services.LoadModelsAsync(ct).ConfigureAwait(false);
            var lines = new List<Line>();
            foreach (string path in r.GetValue(images)!)
            {
                try
                {
                    byte[] bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
                    var face = enrolment.EnrollFace(context, g.Id, subjectId, bytes, null);
                    lines.Add(new Line(path, subjectId, face.FaceId, null, null));
                }
                catch (FaceAccordException e) when (e.Kind == ErrorKind.BadInput)
                {
                    lines.Add(new Line(path, subjectId, null, e.Message, e.Code));
                }
                catch (IOException e)
                {
                    lines.Add(new Line(path, subjectId, null, e.Message, "image-file-unreadable"));
                }
            }

            if (r.GetValue(json))
            {
                output.WriteJson(lines);
            }
            else
            {
                foreach (var l in lines)
                {
                    output.Out.WriteLine(l.Error is null ? $"{l.Image}: enrolled face {l.FaceId} of {r.GetValue(subject)}" : $"{l.Image}: refused: {l.Error}");
                }
            }

            return lines.Any(l => l.Error is not null) ? CliApp.BadInput : CliApp.Ok;
        });
        return cmd;
    }

    private static LegalBasis? ParseBasis(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        int colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new LegalBasis(value, null) : new LegalBasis(value[..colon], value[(colon + 1)..]);
    }
}
