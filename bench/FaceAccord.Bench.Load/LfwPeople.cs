using FaceAccord.Core;

namespace FaceAccord.Bench.Load;

/// <summary>One LFW person and their image files, in name order.</summary>
public sealed record LfwPerson(string Name, IReadOnlyList<string> Images);

/// <summary>The LFW people the load test may enrol: those with at least 2 images (one to enrol, one to probe), in a seeded order.</summary>
public static class LfwPeople
{
    public static IReadOnlyList<LfwPerson> Shuffled(string lfwDirectory, int seed)
    {
        if (!Directory.Exists(lfwDirectory))
        {
            throw FaceAccordException.NotFound("lfw-missing", $"The LFW folder {lfwDirectory} does not exist.");
        }

        // Sorted first: directory listing order differs between file systems, and the seed must pick the same people everywhere.
        var people = Directory.EnumerateDirectories(lfwDirectory)
            .Order(StringComparer.Ordinal)
            .Select(dir => new LfwPerson(Path.GetFileName(dir), [.. Directory.EnumerateFiles(dir, "*.jpg").Order(StringComparer.Ordinal)]))
            .Where(p => p.Images.Count >= 2)
            .ToArray();
        if (people.Length < 2)
        {
            throw FaceAccordException.NotFound("lfw-empty", $"The LFW folder {lfwDirectory} holds fewer than 2 people with 2 images or more.");
        }

        new Random(seed).Shuffle(people);
        return people;
    }
}
