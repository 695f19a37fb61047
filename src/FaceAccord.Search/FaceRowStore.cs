using System.Runtime.CompilerServices;

namespace FaceAccord.Search;

/// <summary>
/// The per-face bookkeeping every index keeps beside its codes (face key, subject ordinal, int8 scale, the key table
/// and the subject registry), in one place so the exact scan and the HNSW graph cannot drift apart in how a face is
/// added, replaced or removed. The codes stay with their owner: row blocks for the scan, the native graph for HNSW.
/// </summary>
internal sealed class FaceRowStore : IRankingKeys
{
    private readonly ChunkedArray<long> _faceKeys;
    // A live row holds its subject ordinal (≥ 0); a free row of a stable store holds -2 - next free row (-1 ends the list).
    private readonly ChunkedArray<int> _subjects;
    private readonly ChunkedArray<float> _scales;
    private readonly KeyTable _faceTable;
    private readonly SubjectRegistry _registry = new();
    private readonly RowLayout _layout;
    private readonly Action<int, int> _removed;
    private SlotNumbers _numbers = new();
    private int _count;

    /// <param name="layout">Whether rows stay dense (a removal moves the last row into the hole) or keep their number.</param>
    /// <param name="chunkShift">Rows per chunk as a power of two; a scan walks chunks aligned with its code blocks.</param>
    /// <param name="removed">
    /// Called for every removed row with the row and, in a dense store, the row moved into it (-1 when none moved),
    /// so the owner moves or drops the codes it keeps for that row.
    /// </param>
    public FaceRowStore(RowLayout layout, int chunkShift, Action<int, int> removed)
    {
        _layout = layout;
        _removed = removed;
        _faceKeys = new ChunkedArray<long>(chunkShift);
        _subjects = new ChunkedArray<int>(chunkShift);
        _scales = new ChunkedArray<float>(chunkShift);
        _faceTable = new KeyTable(row => _faceKeys[row]);
    }

    /// <summary>Live faces; readable without the owner's lock (writes happen under it).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Rows ever in use: every live row is below it (equal to <see cref="Count"/> in a dense store).</summary>
    public int HighWater => _numbers.HighWater;

    public int SubjectCount => _registry.Count;

    public long AllocatedBytes =>
        _faceKeys.AllocatedBytes + _subjects.AllocatedBytes + _scales.AllocatedBytes + _faceTable.AllocatedBytes + _registry.AllocatedBytes;

    public long FaceKey(int row) => _faceKeys[row];

    public long SubjectKey(int ordinal) => _registry.KeyOf(ordinal);

    public long SubjectKeyOf(int row) => _registry.KeyOf(_subjects[row]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SubjectOf(int row) => _subjects[row];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float ScaleOf(int row) => _scales[row];

    /// <summary>Subject ordinals of chunk <paramref name="chunk"/>, for scans that walk a chunk without per-row indexing.</summary>
    public int[] SubjectChunk(int chunk) => _subjects.Chunk(chunk);

    /// <summary>Scales of chunk <paramref name="chunk"/>.</summary>
    public float[] ScaleChunk(int chunk) => _scales.Chunk(chunk);

    /// <summary>
    /// Books the row of a face: its old row when the key is present (<paramref name="replaced"/>; its subject and scale
    /// are updated), otherwise a free row of a stable store or the next new row.
    /// </summary>
    public int Upsert(long faceKey, long subjectKey, float scale, out bool replaced)
    {
        int row = _faceTable.Find(faceKey);
        replaced = row >= 0;
        if (replaced)
        {
            int oldOrdinal = _subjects[row];
            _subjects[row] = _registry.Acquire(subjectKey);
            _registry.Release(oldOrdinal);
        }
        else
        {
            // Only a stable store ever frees a row, so a dense one always takes the next new row.
            row = _numbers.Take(_subjects);
            _faceKeys.EnsureCapacity(_numbers.HighWater);
            _subjects.EnsureCapacity(_numbers.HighWater);
            _scales.EnsureCapacity(_numbers.HighWater);
            _faceKeys[row] = faceKey;
            _subjects[row] = _registry.Acquire(subjectKey);
            _faceTable.Insert(faceKey, row);
            _count++;
        }

        _scales[row] = scale;
        return row;
    }

    /// <summary>Removes a face; false when the key is absent.</summary>
    public bool Remove(long faceKey)
    {
        int row = _faceTable.Remove(faceKey);
        if (row < 0)
        {
            return false;
        }

        RemoveRow(row);
        return true;
    }

    /// <summary>Removes every face of a subject and returns how many there were.</summary>
    public int RemoveSubject(long subjectKey)
    {
        int ordinal = _registry.Find(subjectKey);
        if (ordinal < 0)
        {
            return 0;
        }

        // From the end: in a dense store the row moved into a hole always comes from a place already looked at.
        int removed = 0;
        for (int row = _numbers.HighWater - 1; row >= 0; row--)
        {
            if (_subjects[row] == ordinal)
            {
                _faceTable.Remove(_faceKeys[row]);
                RemoveRow(row);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Drops row <paramref name="row"/> (already out of the face table).</summary>
    private void RemoveRow(int row)
    {
        _registry.Release(_subjects[row]);
        _count--;
        if (_layout == RowLayout.Stable)
        {
            _numbers.Free(_subjects, row);
            _removed(row, -1);
            return;
        }

        _numbers.DropLast();
        int last = _numbers.HighWater;
        if (row == last)
        {
            _removed(row, -1);
            return;
        }

        long movedKey = _faceKeys[last];
        _faceKeys[row] = movedKey;
        _subjects[row] = _subjects[last];
        _scales[row] = _scales[last];
        _faceTable.Update(movedKey, row);
        _removed(row, last);
    }
}
