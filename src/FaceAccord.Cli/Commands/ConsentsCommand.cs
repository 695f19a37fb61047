using System.CommandLine;
using FaceAccord.Core;
using FaceAccord.Service.Consents;

namespace FaceAccord.Cli.Commands;

/// <summary>
/// <c>faceaccord consents add|list|withdraw</c>: the consent records enrolments on the legal basis consent must name
/// (<c>enroll --legal-basis consent:ID</c>), on the same store and through the same service as the HTTP API.
/// </summary>
public static class ConsentsCommand
{
    public static Command Create(CliOutput output)
    {
        var cmd = new Command("consents", "Record, list and withdraw consents of the people a tenant enrols.");
        cmd.Subcommands.Add(AddCommand(output));
        cmd.Subcommands.Add(ListCommand(output));
        cmd.Subcommands.Add(WithdrawCommand(output));
        return cmd;
    }

    /// <summary>One line per consent for people; the id first so it can be copied into <c>--legal-basis consent:ID</c>.</summary>
    public static string Describe(ConsentView c) =>
        $"{c.Id}  {c.SubjectExternalId}  {c.Status}  {string.Join(",", c.Purposes)}  notice {c.NoticeVersion}  {c.SignatureMethod}  granted {c.GrantedAt:O}"
        + (c.ExpiresAt is { } e ? $"  expires {e:O}" : "");

    private static Command AddCommand(CliOutput output)
    {
        var subject = new Option<string>("--subject") { Description = "The person's external id, as enrolments will name them.", Required = true };
        var purposes = new Option<string[]>("--purpose") { Description = "A purpose the consent covers (repeat for several), from the policy vocabulary.", Required = true, AllowMultipleArgumentsPerToken = true };
        var noticeVersion = new Option<string>("--notice-version") { Description = "Version of the notice the person was given.", Required = true };
        var noticeFile = new Option<FileInfo?>("--notice-file") { Description = "The notice's text; its SHA-256 is recorded, not the text." };
        var noticeSha = new Option<string?>("--notice-sha256") { Description = "SHA-256 (hex) of the notice's UTF-8 text, instead of --notice-file." };
        var signature = new Option<string>("--signature") { Description = "How it was signed: written or electronic-signature.", Required = true, HelpName = "written|electronic-signature" };
        var evidence = new Option<string>("--evidence") { Description = "Where the signed release is kept (document id, file reference).", Required = true };
        var granted = new Option<string?>("--granted-at") { Description = "When it was signed (ISO 8601; default now)." };
        var expires = new Option<string?>("--expires-at") { Description = "When it ends (ISO 8601; default never)." };
        var tenant = GalleriesCommand.Tenant();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("add", "Record a person's consent and print its id.")
        {
            subject, purposes, noticeVersion, noticeFile, noticeSha, signature, evidence, granted, expires, tenant, json, data, models,
        };
        cmd.SetAction(async (r, ct) =>
        {
            string? text = r.GetValue(noticeFile) is { } file ? await File.ReadAllTextAsync(file.FullName, ct).ConfigureAwait(false) : null;
            using var services = CliServices.Open(output, r, data, models);
            var context = services.Context(r.GetValue(tenant), "legal-compliance");
            var consent = services.Get<ConsentService>().Record(context, new RecordConsentRequest(
                r.GetValue(subject), r.GetValue(purposes), r.GetValue(noticeVersion), r.GetValue(noticeSha), text, r.GetValue(signature),
                r.GetValue(evidence), AuditCommand.ParseTime(r.GetValue(granted), "--granted-at"), AuditCommand.ParseTime(r.GetValue(expires), "--expires-at")));
            if (r.GetValue(json))
            {
                output.WriteJson(consent, indented: false);
            }
            else
            {
                output.Out.WriteLine($"consent {consent.Id} of {consent.SubjectExternalId} ({string.Join(", ", consent.Purposes)})");
            }

            return CliApp.Ok;
        });
        return cmd;
    }

    private static Command ListCommand(CliOutput output)
    {
        var subject = new Option<string>("--subject") { Description = "The person's external id.", Required = true };
        var tenant = GalleriesCommand.Tenant();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("list", "List every consent a person gave (withdrawn ones too).") { subject, tenant, json, data, models };
        cmd.SetAction(r =>
        {
            using var services = CliServices.Open(output, r, data, models);
            var list = services.Get<ConsentService>().ListBySubject(services.Context(r.GetValue(tenant), "legal-compliance"), r.GetValue(subject));
            if (r.GetValue(json))
            {
                output.WriteJson(list);
            }
            else
            {
                foreach (var c in list)
                {
                    output.Out.WriteLine(Describe(c));
                }
            }

            return CliApp.Ok;
        });
        return cmd;
    }

    private static Command WithdrawCommand(CliOutput output)
    {
        var id = new Argument<string>("id") { Description = "The consent's id." };
        var reason = new Option<string?>("--reason") { Description = "Why, as the tenant records it (kept on the consent, not in the audit log)." };
        var tenant = GalleriesCommand.Tenant();
        var json = CommonOptions.Json();
        var data = CommonOptions.Data();
        var models = CommonOptions.Models();
        var cmd = new Command("withdraw", "Withdraw a consent now and delete every subject enrolled under it.") { id, reason, tenant, json, data, models };
        cmd.SetAction(r =>
        {
            string raw = r.GetValue(id)!;
            var consentId = Guid.TryParse(raw, out var g) ? g : throw FaceAccordException.NotFound("consent-not-found", $"There is no consent '{raw}'.");
            using var services = CliServices.Open(output, r, data, models);
            var context = services.Context(r.GetValue(tenant), ConsentService.DeletionPurposeTerm);
            var done = services.Get<ConsentService>().Withdraw(context, consentId, r.GetValue(reason));
            if (r.GetValue(json))
            {
                output.WriteJson(done, indented: false);
            }
            else
            {
                output.Out.WriteLine($"withdrew consent {done.Consent.Id}; deleted {done.SubjectsDeleted.Count} subject(s) and {done.FacesDeleted} face(s)");
            }

            return CliApp.Ok;
        });
        return cmd;
    }
}
