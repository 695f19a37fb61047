using FaceAccord.Core;

namespace FaceAccord.Bench.Load;

/// <summary>The gallery a run searches and the images it sends, with what was left out on the way.</summary>
public sealed record LoadGallery(Guid GalleryId, ProbeSet Probes, int SkippedPeople, int DroppedProbes);

/// <summary>
/// Builds the run's gallery through the API, as a client would: one subject per LFW person, enrolled from
/// the first image passing the quality rule, then probe images checked to hold a face. Untimed; it also
/// warms the server up.
/// </summary>
public static class GallerySetup
{
    public static async Task<LoadGallery> BuildAsync(ApiClient api, IReadOnlyList<LfwPerson> candidates, int people, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(candidates);
        var galleryId = await api.CreateGalleryAsync($"load-test-{DateTime.UtcNow:yyyyMMdd-HHmmss}", ct).ConfigureAwait(false);
        var enrolled = new List<(LfwPerson Person, int Image)>(people);
        int next = 0;
        int skipped = 0;
        // Candidates are taken in seeded order, batch after batch, so the same people are enrolled whatever the timing.
        while (enrolled.Count < people && next < candidates.Count)
        {
            var batch = candidates.Skip(next).Take(people - enrolled.Count).ToArray();
            next += batch.Length;
            var chosen = await ForEachAsync(batch, p => EnrollAsync(api, galleryId, p, ct), ct).ConfigureAwait(false);
            for (int i = 0; i < batch.Length; i++)
            {
                if (chosen[i] is int image)
                {
                    enrolled.Add((batch[i], image));
                }
                else
                {
                    skipped++;
                }
            }

            Console.WriteLine($"  enrolled {enrolled.Count}/{people}");
        }

        if (enrolled.Count < people)
        {
            throw FaceAccordException.BadInput("lfw-too-few", $"Only {enrolled.Count} of {people} people could be enrolled from the LFW folder.");
        }

        var images = await ForEachAsync(enrolled, e => ProbesAsync(api, e.Person, e.Image, ct), ct).ConfigureAwait(false);
        var persons = enrolled.Select((e, i) => new PersonImages(e.Person.Name, images[i].Kept)).ToArray();
        return new LoadGallery(galleryId, new ProbeSet(persons), skipped, images.Sum(i => i.Dropped));
    }

    /// <summary>The index of the image enrolled, or null (and no subject left behind) when none passed the quality rule.</summary>
    private static async Task<int?> EnrollAsync(ApiClient api, Guid gallery, LfwPerson person, CancellationToken ct)
    {
        var subject = await api.CreateSubjectAsync(gallery, person.Name, ct).ConfigureAwait(false);
        for (int i = 0; i < person.Images.Count; i++)
        {
            byte[] bytes = await File.ReadAllBytesAsync(person.Images[i], ct).ConfigureAwait(false);
            if (await api.TryEnrollAsync(gallery, subject, bytes, ct).ConfigureAwait(false))
            {
                return i;
            }
        }

        await api.DeleteSubjectAsync(gallery, subject, ct).ConfigureAwait(false);
        return null;
    }

    /// <summary>The enrolled image, then up to <see cref="LoadSettings.ProbesPerPerson"/> others in which the server finds a face.</summary>
    private static async Task<(IReadOnlyList<byte[]> Kept, int Dropped)> ProbesAsync(ApiClient api, LfwPerson person, int enrolledImage, CancellationToken ct)
    {
        var kept = new List<byte[]> { await File.ReadAllBytesAsync(person.Images[enrolledImage], ct).ConfigureAwait(false) };
        int dropped = 0;
        foreach (string path in person.Images.Where((_, i) => i != enrolledImage).Take(LoadSettings.ProbesPerPerson))
        {
            byte[] bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
            if (await api.CountFacesAsync(bytes, ct).ConfigureAwait(false) > 0)
            {
                kept.Add(bytes);
            }
            else
            {
                dropped++;
            }
        }

        return (kept, dropped);
    }

    /// <summary>Runs <paramref name="work"/> on each item with a few requests in flight, results in the items' order.</summary>
    private static async Task<T[]> ForEachAsync<TItem, T>(IReadOnlyList<TItem> items, Func<TItem, Task<T>> work, CancellationToken ct)
    {
        var results = new T[items.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = LoadSettings.SetupConcurrency, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), options, async (i, _) => results[i] = await work(items[i]).ConfigureAwait(false))
            .ConfigureAwait(false);
        return results;
    }
}
