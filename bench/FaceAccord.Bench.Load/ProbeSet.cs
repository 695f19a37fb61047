namespace FaceAccord.Bench.Load;

/// <summary>An enrolled person's images in memory: the enrolled one first, then probes the server found a face in.</summary>
public sealed record PersonImages(string Name, IReadOnlyList<byte[]> Images)
{
    public int Probes => Images.Count - 1;
}

/// <summary>
/// The requests' material, loaded before the clock starts so the test times the server, not the disk:
/// pairs for verify (same or different person, half each) and probes of enrolled people for identify.
/// </summary>
public sealed class ProbeSet
{
    private readonly IReadOnlyList<PersonImages> _people;
    private readonly IReadOnlyList<PersonImages> _probed;

    public ProbeSet(IReadOnlyList<PersonImages> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        _people = people;
        _probed = [.. people.Where(p => p.Probes > 0)];
        if (_people.Count < 2 || _probed.Count == 0)
        {
            throw Core.FaceAccordException.BadInput("probes-too-few", "The load test needs 2 enrolled people and at least one probe image besides an enrolled one.");
        }
    }

    public int EnrolledPeople => _people.Count;

    public int ProbeImages => _probed.Sum(p => p.Probes);

    /// <summary>Two images for a verify and whether they show the same person.</summary>
    public (byte[] A, byte[] B, bool Same) VerifyPair(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (random.Next(2) == 0)
        {
            var person = _probed[random.Next(_probed.Count)];
            int a = random.Next(person.Images.Count);
            int b = (a + 1 + random.Next(person.Images.Count - 1)) % person.Images.Count;
            return (person.Images[a], person.Images[b], true);
        }

        int first = random.Next(_people.Count);
        int second = (first + 1 + random.Next(_people.Count - 1)) % _people.Count;
        return (Any(_people[first], random), Any(_people[second], random), false);
    }

    /// <summary>A probe image of an enrolled person (never the enrolled image itself) and that person's name.</summary>
    public (byte[] Image, string Name) IdentifyProbe(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var person = _probed[random.Next(_probed.Count)];
        return (person.Images[1 + random.Next(person.Probes)], person.Name);
    }

    /// <summary>The image a person was enrolled from: one known to pass the enrolment quality rule.</summary>
    public byte[] EnrolledImage(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return _people[random.Next(_people.Count)].Images[0];
    }

    private static byte[] Any(PersonImages person, Random random) => person.Images[random.Next(person.Images.Count)];
}
