using System.Buffers;
using System.Runtime.CompilerServices;

namespace FaceAccord.Search;

/// <summary>
/// Brute-force search over int8 templates: exact (every face is scored), memory-lean (a template costs its dimensions
/// in bytes plus about 50 bytes of keys and tables) and fast enough up to tens of thousands of faces, where a graph
/// index is not worth its build time and memory. A scan streams the rows through SIMD int8 dot products on all cores.
/// </summary>
public sealed unsafe class ExactTemplateIndex : ITemplateIndex, IRankingKeys
{
    /// <summary>Rows below which one core scans alone: below about 20 MB (0.6 ms on one core) the split costs more than it saves.</summary>
    public const int DefaultParallelMinRows = 16_384;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly RowBlocks _rows;
    private readonly ChunkedArray<long> _faceKeys = new(RowBlocks.BlockShift);
    private readonly ChunkedArray<int> _subjects = new(RowBlocks.BlockShift);
    private readonly ChunkedArray<float> _scales = new(RowBlocks.BlockShift);
    private readonly KeyTable _faceTable;
    private readonly SubjectRegistry _registry = new();
    private readonly int _parallelMinRows;
    private int _count;
    private bool _disposed;

    /// <param name="dimensions">Entries per template, fixed for the life of the index.</param>
    /// <param name="parallelMinRows">Rows from which a scan is split over cores (tests lower it to exercise the split).</param>
    public ExactTemplateIndex(int dimensions, int parallelMinRows = DefaultParallelMinRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelMinRows, 1);
        Dimensions = dimensions;
        _parallelMinRows = parallelMinRows;
        _rows = new RowBlocks(dimensions);
        _faceTable = new KeyTable(row => _faceKeys[row]);
    }

    public int Dimensions { get; }

    public int Count => Volatile.Read(ref _count);

    public int SubjectCount => Read(() => _registry.Count);

    /// <summary>Everything allocated for the index: row blocks (with unused rows of the last block), keys, scales, tables.</summary>
    public long MemoryBytes => Read(() =>
        _rows.AllocatedBytes + _faceKeys.AllocatedBytes + _subjects.AllocatedBytes + _scales.AllocatedBytes
        + _faceTable.AllocatedBytes + _registry.AllocatedBytes);

    public void Add(long faceKey, long subjectKey, ReadOnlySpan<float> vector)
    {
        sbyte[] codes = ArrayPool<sbyte>.Shared.Rent(Dimensions);
        try
        {
            var span = codes.AsSpan(0, Dimensions);
            float scale = Int8Quantizer.Quantize(vector, span);
            AddQuantized(faceKey, subjectKey, span, scale);
        }
        finally
        {
            ArrayPool<sbyte>.Shared.Return(codes);
        }
    }

    public bool Remove(long faceKey)
    {
        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            int row = _faceTable.Remove(faceKey);
            if (row < 0)
            {
                return false;
            }

            RemoveRow(row);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int RemoveSubject(long subjectKey)
    {
        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            int ordinal = _registry.Find(subjectKey);
            if (ordinal < 0)
            {
                return 0;
            }

            // From the end: the row moved into a hole always comes from a place already looked at.
            int removed = 0;
            for (int row = _count - 1; row >= 0; row--)
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
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<SubjectHit> Search(ReadOnlySpan<float> query, int top, float minSimilarity)
    {
        SearchArguments.Check(top, minSimilarity);
        sbyte[] codes = ArrayPool<sbyte>.Shared.Rent(Dimensions);
        try
        {
            float queryScale = Int8Quantizer.Quantize(query, codes.AsSpan(0, Dimensions));
            _lock.EnterReadLock();
            try
            {
                ThrowIfDisposed();
                fixed (sbyte* q = codes)
                {
                    return Scan(q, queryScale, top, minSimilarity);
                }
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
        finally
        {
            ArrayPool<sbyte>.Shared.Return(codes);
        }
    }

    public void Dispose()
    {
        _lock.EnterWriteLock();
        try
        {
            _disposed = true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    long IRankingKeys.SubjectKey(int ordinal) => _registry.KeyOf(ordinal);

    long IRankingKeys.FaceKey(int id) => _faceKeys[id];

    /// <summary>Adds (or replaces) a face from codes made by <see cref="Int8Quantizer.Quantize"/>.</summary>
    internal void AddQuantized(long faceKey, long subjectKey, ReadOnlySpan<sbyte> codes, float scale)
    {
        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            int row = _faceTable.Find(faceKey);
            if (row >= 0)
            {
                int oldOrdinal = _subjects[row];
                _subjects[row] = _registry.Acquire(subjectKey);
                _registry.Release(oldOrdinal);
            }
            else
            {
                row = _count;
                _rows.EnsureCapacity(row + 1);
                _faceKeys.EnsureCapacity(row + 1);
                _subjects.EnsureCapacity(row + 1);
                _scales.EnsureCapacity(row + 1);
                _faceKeys[row] = faceKey;
                _subjects[row] = _registry.Acquire(subjectKey);
                _faceTable.Insert(faceKey, row);
                _count++;
            }

            codes.CopyTo(_rows.RowSpan(row));
            _scales[row] = scale;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>A consistent copy of every face, codes and scales as stored.</summary>
    internal QuantizedBatch Snapshot()
    {
        _lock.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            var batch = new QuantizedBatch(Dimensions, _count);
            for (int row = 0; row < _count; row++)
            {
                batch.FaceKeys[row] = _faceKeys[row];
                batch.SubjectKeys[row] = _registry.KeyOf(_subjects[row]);
                batch.Scales[row] = _scales[row];
                _rows.RowSpan(row).CopyTo(batch.Codes.AsSpan(row * Dimensions, Dimensions));
            }

            return batch;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private SubjectHit[] Scan(sbyte* query, float queryScale, int top, float minSimilarity)
    {
        int count = _count;
        if (count == 0)
        {
            return [];
        }

        int partitions = count < _parallelMinRows ? 1 : Math.Clamp(count / (_parallelMinRows / 2), 1, Environment.ProcessorCount);
        var rankings = new SubjectRanking[partitions];
        try
        {
            for (int p = 0; p < partitions; p++)
            {
                rankings[p] = new SubjectRanking(this, top, minSimilarity);
            }

            if (partitions == 1)
            {
                ScanRange(query, queryScale, 0, count, rankings[0]);
            }
            else
            {
                // Whole blocks per partition so no two threads touch one block's cache lines.
                int blocks = (count + RowBlocks.BlockRows - 1) >> RowBlocks.BlockShift;
                nint q = (nint)query;
                Parallel.For(0, partitions, p =>
                {
                    int first = (int)((long)blocks * p / partitions) << RowBlocks.BlockShift;
                    int last = Math.Min(count, (int)((long)blocks * (p + 1) / partitions) << RowBlocks.BlockShift);
                    ScanRange((sbyte*)q, queryScale, first, last, rankings[p]);
                });

                for (int p = 1; p < partitions; p++)
                {
                    rankings[0].Merge(rankings[p]);
                }
            }

            var best = rankings[0].Sorted();
            var hits = new SubjectHit[best.Length];
            for (int i = 0; i < best.Length; i++)
            {
                hits[i] = new SubjectHit(_registry.KeyOf(best[i].Ordinal), _faceKeys[best[i].Id], best[i].Score);
            }

            return hits;
        }
        finally
        {
            foreach (var ranking in rankings)
            {
                ranking?.Dispose();
            }
        }
    }

    // Optimised at first call: a scan is the hot path, and tier-0 code of a SIMD loop is many times slower.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanRange(sbyte* query, float queryScale, int first, int last, SubjectRanking ranking)
    {
        int dims = Dimensions;
        float floor = ranking.Floor;
        int row = first;
        while (row < last)
        {
            int block = row >> RowBlocks.BlockShift;
            int offset = row & (RowBlocks.BlockRows - 1);
            int end = Math.Min(last, (block + 1) << RowBlocks.BlockShift);
            float[] scales = _scales.Chunk(block);
            int[] subjects = _subjects.Chunk(block);
            sbyte* p = _rows.Block(block) + ((long)offset * dims);
            for (; row < end; row++, offset++, p += dims)
            {
                float score = Int8Quantizer.Score(Int8Dot.Dot(query, p, dims), queryScale, scales[offset]);
                if (score >= floor)
                {
                    ranking.Admit(score, subjects[offset], row);
                    floor = ranking.Floor;
                }
            }
        }
    }

    /// <summary>Drops row <paramref name="row"/> (already out of the face table) by moving the last row into it.</summary>
    private void RemoveRow(int row)
    {
        _registry.Release(_subjects[row]);
        int last = _count - 1;
        if (row != last)
        {
            long movedKey = _faceKeys[last];
            _rows.RowSpan(last).CopyTo(_rows.RowSpan(row));
            _faceKeys[row] = movedKey;
            _subjects[row] = _subjects[last];
            _scales[row] = _scales[last];
            _faceTable.Update(movedKey, row);
        }

        _count--;
    }

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
