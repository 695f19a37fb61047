using System.Globalization;
using FaceAccord.Core;
using FaceAccord.Storage;

// Child process of the storage crash test: enrols faces until it is killed, printing a line for each face only
// after AddFace has returned, so every printed id is a write the store acknowledged.
// Usage: FaceAccord.Storage.CrashProbe <database path> [writer threads]
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: FaceAccord.Storage.CrashProbe <database path> [writer threads]");
    return 2;
}

int writers = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
const string ModelId = "crash-probe-model";
using SqliteFaceStore store = SqliteFaceStore.Open(args[0]);
Tenant tenant = store.CreateTenant(new TenantProfile("crash-probe", "research", "NL", null, null));
Gallery gallery = store.CreateGallery(tenant.Id, "crash-probe", ModelId, storesImages: true);
Console.WriteLine($"gallery {gallery.Id}");

// The parent kills this process; the deadline only stops an orphan that nobody killed.
DateTime deadline = DateTime.UtcNow.AddMinutes(2);
var threads = new Thread[writers];
for (int w = 0; w < writers; w++)
{
    Subject subject = store.CreateSubject(gallery.Id, $"subject-{w}", new LegalBasis("consent", $"probe-{w}"));
    Console.WriteLine($"subject {subject.Id}");
    int seed = w;
    threads[w] = new Thread(() =>
    {
        var random = new Random(seed);
        var template = new float[128];
        var image = new byte[512];
        while (DateTime.UtcNow < deadline)
        {
            for (int i = 0; i < template.Length; i++)
            {
                template[i] = (float)((random.NextDouble() * 2) - 1);
            }

            random.NextBytes(image);
            StoredFace face = store.AddFace(gallery.Id, subject.Id, new NewFace(ModelId, template, "{\"probe\":true}", image, "image/jpeg"));
            Console.WriteLine($"face {face.Id}");
        }
    });
    threads[w].Start();
}

foreach (Thread thread in threads)
{
    thread.Join();
}

return 0;
