using System.Globalization;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Models;
using FaceAccord.Service;
using FaceAccord.Service.Consents;
using FaceAccord.Service.Enrolment;
using FaceAccord.Service.Galleries;
using FaceAccord.Service.Retention;
using FaceAccord.Service.Safeguards;
using FaceAccord.Service.Tenants;
using FaceAccord.Storage;
using Microsoft.Extensions.DependencyInjection;

// Child process of the crash test: runs erasures, consent withdrawals and retention sweeps (with enrolments to feed
// them) through the real services on one store until it is killed at a random point. It prints "ready" once the store
// is open; everything it did is in the audit log, which the test reads back after the kill.
// Usage: FaceAccord.Service.CrashProbe <data directory> <seed>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: FaceAccord.Service.CrashProbe <data directory> <seed>");
    return 2;
}

var random = new Random(int.Parse(args[1], CultureInfo.InvariantCulture));
var settings = new FaceAccordSettings(args[0], new DataDirectory(Path.Combine(args[0], "no-models")));
using var provider = new ServiceCollection().AddFaceAccord(settings).BuildServiceProvider();
var tenants = provider.GetRequiredService<ITenantStore>();
var existing = tenants.ListTenants();
var tenant = existing.Count > 0 ? existing[0] : provider.GetRequiredService<TenantService>().Create("crash", "commercial", "US", "US-CA", "Oakland").Tenant;
var context = new RequestContext(tenant, AuditRecord.CliKeyId, "access-control");
var galleries = provider.GetRequiredService<GalleryService>();
var listed = galleries.List(context);
var gallery = listed.Count > 0 ? listed[0] : galleries.Create(context, "doors");
var enrolment = provider.GetRequiredService<EnrolmentService>();
var consents = provider.GetRequiredService<ConsentService>();
var erasure = provider.GetRequiredService<ErasureService>();
var sweeper = provider.GetRequiredService<RetentionSweeper>();
var retention = provider.GetRequiredService<SubjectRetention>();
var subjects = provider.GetRequiredService<ISubjectStore>();
var record = galleries.Resolve(context, gallery.Id.ToString());
Console.WriteLine("ready");

// The parent kills this process; the deadline only stops an orphan that nobody killed.
var deadline = DateTime.UtcNow.AddMinutes(2);
while (DateTime.UtcNow < deadline)
{
    var live = subjects.ListSubjects(gallery.Id);
    if (live.Count < 6)
    {
        Enrol();
        continue;
    }

    var someone = live[random.Next(live.Count)];
    try
    {
        Act(someone);
    }
    catch (FaceAccordException e) when (e.Kind is ErrorKind.BadInput or ErrorKind.NotFound)
    {
        // Already withdrawn or erased by an earlier step: the outcome asked for holds.
    }
}

return 0;

void Act(Subject someone)
{
    switch (random.Next(3))
    {
        case 0:
            erasure.Erase(context, new DeletionRequest(someone.ExternalId, null));
            break;
        case 1:
            if (someone.LegalBasis is { Type: "consent", Reference: { } reference })
            {
                consents.Withdraw(context, Guid.Parse(reference), "crash test");
            }

            break;
        default:
            retention.Limit(record, someone.Id, DateTimeOffset.UtcNow.AddSeconds(-1));
            sweeper.Sweep();
            break;
    }
}

void Enrol()
{
    string person = "p-" + Guid.NewGuid().ToString("N")[..8];
    var consent = consents.Record(context, new RecordConsentRequest(person, ["access-control"], "v1", new string('a', 64), null, "written", "form"));
    var subject = enrolment.CreateSubject(context, gallery.Id, person, new LegalBasis("consent", consent.Id.ToString()));
    for (int i = 0; i < 2; i++)
    {
        var template = new float[64];
        for (int d = 0; d < template.Length; d++)
        {
            template[d] = (float)(random.NextDouble() - 0.5);
        }

        enrolment.EnrollTemplate(context, gallery.Id, subject.Id, template);
    }
}
