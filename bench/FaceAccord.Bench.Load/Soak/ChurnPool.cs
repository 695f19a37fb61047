namespace FaceAccord.Bench.Load.Soak;

/// <summary>A person the soak enrolled and may later erase or withdraw: their external id and the consent their subject rests on.</summary>
public sealed record ChurnPerson(string ExternalId, Guid Consent);

/// <summary>
/// The people enrolled during the run that an erasure or withdrawal may remove, each taken out once (people on
/// expiring consents never enter: the retention sweep is theirs). Thread-safe; choices come from the caller's seeded random.
/// </summary>
public sealed class ChurnPool
{
    private readonly List<ChurnPerson> _people = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _people.Count;
            }
        }
    }

    public void Add(ChurnPerson person)
    {
        lock (_gate)
        {
            _people.Add(person);
        }
    }

    /// <summary>A random person, removed from the pool; null when it is empty.</summary>
    public ChurnPerson? Take(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        lock (_gate)
        {
            if (_people.Count == 0)
            {
                return null;
            }

            int i = random.Next(_people.Count);
            var person = _people[i];
            _people[i] = _people[^1];
            _people.RemoveAt(_people.Count - 1);
            return person;
        }
    }
}
