using System.CommandLine;
using FaceAccord.Core;
using FaceAccord.Storage;

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
        var purpose = ServiceLoader.Purpose();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var provider = CommonOptions.Provider();
        var threads = CommonOptions.Threads();
        var cmd = new Command("enroll", "Enrol faces of one subject into a gallery.") { images, gallery, subject, basis, tenant, purpose, json, data, provider, threads };
        cmd.SetAction(async (r, ct) =>
        {
            using var service = await ServiceLoader.OpenAsync(output, CommonOptions.DataDirectory(r, data),
                new Vision.PipelineOptions { Inference = CommonOptions.Inference(r, provider, threads) }, ct).ConfigureAwait(false);
            var legal = ParseBasis(r.GetValue(basis));
            var context = ServiceLoader.Context(service, r.GetValue(tenant), r.GetValue(purpose)!, legal);
            var g = service.ResolveGallery(context, r.GetValue(gallery)!);
            var s = service.EnsureSubject(context, g.Id, r.GetValue(subject)!, legal);
            var lines = new List<Line>();
            foreach (string path in r.GetValue(images)!)
            {
                try
                {
                    byte[] bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
                    var face = service.EnrollFace(context, g.Id, s.Id, bytes, null);
                    lines.Add(new Line(path, s.Id, face.FaceId, null, null));
                }
                catch (FaceAccordException e) when (e.Kind == ErrorKind.BadInput)
                {
                    lines.Add(new Line(path, s.Id, null, e.Message, e.Code));
                }
                catch (IOException e)
                {
                    lines.Add(new Line(path, s.Id, null, e.Message, "image-file-unreadable"));
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
