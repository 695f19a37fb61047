using System.Globalization;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Models;
using FaceAccord.Service;
using FaceAccord.Service.Consents;
using FaceAccord.Service.CrashProbe;
using FaceAccord.Service.Enrolment;
using FaceAccord.Service.Galleries;
using FaceAccord.Service.Retention;
using FaceAccord.Service.Safeguards;
using FaceAccord.Service.Tenants;
using FaceAccord.Storage;
using Microsoft.Extensions.DependencyInjection;

// Child process of the crash test: reopens the store (SQLite recovers what the last kill left), then runs erasures,
// consent withdrawals and retention sweeps (with enrolments to feed them) through the real services until its
// kill-at-th store call, where it announces the point and waits for the parent's SIGKILL (see KillPointStore).
// Everything it did is in the store and the audit log, which the test reads back after the last kill.
// Usage: FaceAccord.Service.CrashProbe <data directory> <seed> <kill at: store calls after set-up, 1 or more>
if (args.Length != 3
    || !int.TryParse(args[1], CultureInfo.InvariantCulture, out int seed)
    || !long.TryParse(args[2], CultureInfo.InvariantCulture, out long killAt) || killAt < 1)
{
    Console.Error.WriteLine("usage: FaceAccord.Service.CrashProbe <data directory> <seed> <kill at: store calls after set-up, 1 or more>");
    return 2;
}

var random = new Random(seed);
var settings = new FaceAccordSettings(args[0], new DataDirectory(Path.Combine(args[0], "no-models")));
var services = new ServiceCollection().AddFaceAccord(settings);

// Registered last, so every narrow store interface of the services resolves to the counting proxy.
services.AddSingleton(_ => KillPointStore.Wrap(SqliteFaceStore.Open(settings.DatabasePath, settings.Clock), killAt));
using var provider = services.BuildServiceProvider();
var store = provider.GetRequiredService<IFaceAccordStore>();
var tenants = store.ListTenants();
var tenant = tenants.Count > 0 ? tenants[0] : provider.GetRequiredService<TenantService>().Create("crash", "commercial", "US", "US-CA", "Oakland").Tenant;
var context = new RequestContext(tenant, AuditRecord.CliKeyId, "access-control");
var galleries = provider.GetRequiredService<GalleryService>();
var listed = galleries.List(context);
var galleryId = listed.Count > 0 ? listed[0].Id : galleries.Create(context, "doors").Id;
var gallery = store.FindGallery(tenant.Id, galleryId)!;
var enrolment = provider.GetRequiredService<EnrolmentService>();
var consents = provider.GetRequiredService<ConsentService>();
var erasure = provider.GetRequiredService<ErasureService>();
var sweeper = provider.GetRequiredService<RetentionSweeper>();
var retention = provider.GetRequiredService<SubjectRetention>();
KillPointStore.Arm(store);

// The parent kills this process at its kill point; the deadline only ends an orphan nobody killed.
var deadline = DateTime.UtcNow.AddMinutes(2);
while (DateTime.UtcNow < deadline)
{
    var live = store.ListSubjects(galleryId);
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
        // Withdrawn or erased by an earlier step already: the outcome asked for holds, and the refusal is audited.
    }
}

Console.Error.WriteLine("the probe reached its deadline without being killed");
return 1;

void Act(Subject someone)
{
    switch (random.Next(3))
    {
        case 0:
            erasure.Erase(context, new DeletionRequest(someone.ExternalId, null));
            break;
        case 1:
            consents.Withdraw(context, Guid.Parse(someone.LegalBasis!.Reference!), "crash test");
            break;
        default:
            // Expired a second ago, then swept: the sweeper deletes it (and anyone else expired) with its tombstone.
            retention.Limit(gallery, someone.Id, DateTimeOffset.UtcNow.AddSeconds(-1));
            sweeper.Sweep();
            break;
    }
}

void Enrol()
{
    string person = $"p-{seed}-{random.Next():x8}";
    var consent = consents.Record(context, new RecordConsentRequest(person, ["access-control"], "v1", new string('a', 64), null, "written", "form"));
    var subject = enrolment.CreateSubject(context, galleryId, person, new LegalBasis("consent", consent.Id.ToString()));
    for (int i = 0; i < 2; i++)
    {
        var template = new float[64];
        for (int d = 0; d < template.Length; d++)
        {
            template[d] = (float)(random.NextDouble() - 0.5);
        }

        enrolment.EnrollTemplate(context, galleryId, subject.Id, template);
    }
}
