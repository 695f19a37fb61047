namespace FaceAccord.Search;

/// <summary>
/// Subjects of an index as small dense ordinals with a face count each: rows carry a 4-byte ordinal instead of the
/// 8-byte key, the count answers SubjectCount and frees the subject with its last face, and freed ordinals are reused.
/// </summary>
internal sealed class SubjectRegistry
{
    private const int ChunkShift = 10;
    private readonly ChunkedArray<long> _keys = new(ChunkShift);
    // A live ordinal holds its face count (≥ 1); a free one holds -2 - next free ordinal (-1 ends the list).
    private readonly ChunkedArray<int> _counts = new(ChunkShift);
    private readonly KeyTable _table;
    private SlotNumbers _ordinals = new();

    public SubjectRegistry()
    {
        _table = new KeyTable(o => _keys[o]);
    }

    public int Count => _table.Count;

    public long AllocatedBytes => _keys.AllocatedBytes + _counts.AllocatedBytes + _table.AllocatedBytes;

    public long KeyOf(int ordinal) => _keys[ordinal];

    /// <summary>The ordinal of a subject, or -1 when it holds no face.</summary>
    public int Find(long subjectKey) => _table.Find(subjectKey);

    /// <summary>Counts one more face of <paramref name="subjectKey"/> and returns its ordinal.</summary>
    public int Acquire(long subjectKey)
    {
        int ordinal = _table.Find(subjectKey);
        if (ordinal >= 0)
        {
            _counts[ordinal]++;
            return ordinal;
        }

        ordinal = _ordinals.Take(_counts);
        _keys.EnsureCapacity(_ordinals.HighWater);
        _counts.EnsureCapacity(_ordinals.HighWater);
        _keys[ordinal] = subjectKey;
        _counts[ordinal] = 1;
        _table.Insert(subjectKey, ordinal);
        return ordinal;
    }

    /// <summary>Counts one face fewer; the subject is forgotten with its last face.</summary>
    public void Release(int ordinal)
    {
        if (--_counts[ordinal] > 0)
        {
            return;
        }

        _table.Remove(_keys[ordinal]);
        _ordinals.Free(_counts, ordinal);
    }
}
