using System.Buffers;
using FaceAccord.Core;

namespace FaceAccord.Search;

/// <summary>
/// Approximate search for large galleries: a USearch HNSW graph over the same int8 codes the exact index stores finds
/// candidates in sub-linear time, and every candidate is re-scored with the exact index's integer dot product, so a
/// reported similarity (and so a threshold) means the same in both indexes; only a missed candidate can differ.
/// The graph keeps the only copy of the codes; this class keeps keys, scales and subjects (about 50 bytes a face).
/// </summary>
public sealed unsafe class HnswTemplateIndex : ITemplateIndex, IRankingKeys
{
    /// <summary>Candidates asked of the graph per subject wanted, so subjects with several faces still fill the top.</summary>
    public const int CandidatesPerSubject = 4;

    private const int ChunkShift = 12;
    private const int MinReserve = 1024;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly UsearchGraph _graph;
    private readonly ChunkedArray<long> _slotFaces = new(ChunkShift);
    // A live slot holds its subject ordinal (≥ 0); a free one holds -2 - next free slot (-1 ends the list).
    private readonly ChunkedArray<int> _slotSubjects = new(ChunkShift);
    private readonly ChunkedArray<float> _slotScales = new(ChunkShift);
    private readonly KeyTable _faceTable;
    private readonly SubjectRegistry _registry = new();
    private int _expansionSearch;
    private int _slotHighWater;
    private int _freeHead = -1;
    private int _count;
    private bool _disposed;

    public HnswTemplateIndex(int dimensions, SearchOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        options ??= new SearchOptions();
        options.Validate();
        Dimensions = dimensions;
        Options = options;
        _expansionSearch = options.HnswExpansionSearch;
        Threads = Math.Max(8, Environment.ProcessorCount * 2);
        _graph = new UsearchGraph(dimensions, options.HnswConnectivity, options.HnswExpansionAdd, options.HnswExpansionSearch, Threads);
        _graph.Reserve(MinReserve);
        _faceTable = new KeyTable(slot => _slotFaces[slot]);
    }

    public int Dimensions { get; }

    public SearchOptions Options { get; }

    /// <summary>Searches and inserts that may run in the graph at once (its per-thread contexts).</summary>
    public int Threads { get; }

    public int Count => Volatile.Read(ref _count);

    public int SubjectCount => Locked(() => _registry.Count);

    /// <summary>The native graph (codes, links, key lookup, thread contexts) plus keys, scales and tables.</summary>
    public long MemoryBytes => Locked(() =>
        _graph.MemoryUsage + _slotFaces.AllocatedBytes + _slotSubjects.AllocatedBytes + _slotScales.AllocatedBytes
        + _faceTable.AllocatedBytes + _registry.AllocatedBytes);

    /// <summary>Candidate list of a search (HNSW "ef"); raise it for recall, lower it for speed, at any time.</summary>
    public int ExpansionSearch
    {
        get => Volatile.Read(ref _expansionSearch);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 4096);
            _lock.EnterWriteLock();
            try
            {
                ThrowIfDisposed();
                _graph.ChangeExpansionSearch(value);
                _expansionSearch = value;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
    }

    /// <summary>The SIMD kernel USearch picked for int8 cosine on this machine.</summary>
    public string HardwareAcceleration => Locked(() => _graph.HardwareAcceleration);

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

    /// <summary>
    /// Adds many faces at once, inserting into the graph on every core (one writer lock for the whole batch).
    /// <paramref name="vectors"/> holds the templates one after another; face keys must be distinct within the batch.
    /// </summary>
    public void AddRange(ReadOnlySpan<long> faceKeys, ReadOnlySpan<long> subjectKeys, ReadOnlySpan<float> vectors)
    {
        if (faceKeys.Length != subjectKeys.Length || (long)faceKeys.Length * Dimensions != vectors.Length)
        {
            throw FaceAccordException.BadInput(
                "batch-shape-invalid",
                $"A batch of {faceKeys.Length} faces needs {faceKeys.Length} subject keys and {(long)faceKeys.Length * Dimensions} vector entries.");
        }

        var batch = new QuantizedBatch(Dimensions, faceKeys.Length);
        faceKeys.CopyTo(batch.FaceKeys);
        subjectKeys.CopyTo(batch.SubjectKeys);
        QuantizeAll(vectors, batch);
        AddQuantized(batch);
    }

    private static void QuantizeAll(ReadOnlySpan<float> vectors, QuantizedBatch batch)
    {
        fixed (float* p = vectors)
        {
            nint source = (nint)p;
            int dims = batch.Dimensions;
            Parallel.For(0, batch.Count, i =>
            {
                var vector = new ReadOnlySpan<float>((float*)source + ((long)i * dims), dims);
                batch.Scales[i] = Int8Quantizer.Quantize(vector, batch.Codes.AsSpan(i * dims, dims));
            });
        }
    }

    public bool Remove(long faceKey)
    {
        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            int slot = _faceTable.Remove(faceKey);
            if (slot < 0)
            {
                return false;
            }

            FreeSlot(slot);
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

            int removed = 0;
            for (int slot = 0; slot < _slotHighWater; slot++)
            {
                if (_slotSubjects[slot] == ordinal)
                {
                    _faceTable.Remove(_slotFaces[slot]);
                    FreeSlot(slot);
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
        int wanted = (int)Math.Min(Math.Max((long)top * CandidatesPerSubject, _expansionSearch), 1 << 20);
        sbyte[] codes = ArrayPool<sbyte>.Shared.Rent(Dimensions * 2);
        ulong[] keys = ArrayPool<ulong>.Shared.Rent(wanted);
        float[] distances = ArrayPool<float>.Shared.Rent(wanted);
        try
        {
            var queryCodes = codes.AsSpan(0, Dimensions);
            var rowCodes = codes.AsSpan(Dimensions, Dimensions);
            float queryScale = Int8Quantizer.Quantize(query, queryCodes);
            _lock.EnterReadLock();
            try
            {
                ThrowIfDisposed();
                if (_count == 0)
                {
                    return [];
                }

                int found = _graph.Search(queryCodes, keys.AsSpan(0, wanted), distances.AsSpan(0, wanted));
                using var ranking = new SubjectRanking(this, top, minSimilarity);
                fixed (sbyte* q = queryCodes)
                fixed (sbyte* r = rowCodes)
                {
                    for (int i = 0; i < found; i++)
                    {
                        int slot = (int)keys[i];
                        // Exact re-scoring from the graph's own copy of the codes: the same number the exact scan gives.
                        if (!_graph.Get(keys[i], rowCodes))
                        {
                            continue;
                        }

                        float score = Int8Quantizer.Score(Int8Dot.Dot(q, r, Dimensions), queryScale, _slotScales[slot]);
                        ranking.Offer(score, _slotSubjects[slot], slot);
                    }
                }

                var best = ranking.Sorted();
                var hits = new SubjectHit[best.Length];
                for (int i = 0; i < best.Length; i++)
                {
                    hits[i] = new SubjectHit(_registry.KeyOf(best[i].Ordinal), _slotFaces[best[i].Id], best[i].Score);
                }

                return hits;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
        finally
        {
            ArrayPool<sbyte>.Shared.Return(codes);
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<float>.Shared.Return(distances);
        }
    }

    public void Dispose()
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_disposed)
            {
                _disposed = true;
                _graph.Dispose();
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    long IRankingKeys.SubjectKey(int ordinal) => _registry.KeyOf(ordinal);

    long IRankingKeys.FaceKey(int id) => _slotFaces[id];

    /// <summary>Adds (or replaces) a face from codes made by <see cref="Int8Quantizer.Quantize"/>.</summary>
    internal void AddQuantized(long faceKey, long subjectKey, ReadOnlySpan<sbyte> codes, float scale)
    {
        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            int slot = Claim(faceKey, subjectKey, scale);
            _graph.Add((ulong)slot, codes);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Adds a batch of quantised faces, graph insertions spread over all cores.</summary>
    internal void AddQuantized(QuantizedBatch batch, CancellationToken cancellation = default)
    {
        var seen = new HashSet<long>(batch.Count);
        foreach (long key in batch.FaceKeys)
        {
            if (!seen.Add(key))
            {
                throw FaceAccordException.BadInput("batch-duplicate-face", $"Face key {key} appears twice in one batch.");
            }
        }

        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            var slots = new int[batch.Count];
            for (int i = 0; i < batch.Count; i++)
            {
                slots[i] = Claim(batch.FaceKeys[i], batch.SubjectKeys[i], batch.Scales[i]);
            }

            EnsureGraphCapacity(_slotHighWater);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation };
            Parallel.For(0, batch.Count, parallel, i => _graph.Add((ulong)slots[i], batch.CodesOf(i)));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Books a slot for the face (its old slot when the key is present, after dropping the old graph node).</summary>
    private int Claim(long faceKey, long subjectKey, float scale)
    {
        int slot = _faceTable.Find(faceKey);
        if (slot >= 0)
        {
            _graph.Remove((ulong)slot);
            int oldOrdinal = _slotSubjects[slot];
            _slotSubjects[slot] = _registry.Acquire(subjectKey);
            _registry.Release(oldOrdinal);
        }
        else
        {
            if (_freeHead >= 0)
            {
                slot = _freeHead;
                _freeHead = -2 - _slotSubjects[slot];
            }
            else
            {
                slot = _slotHighWater++;
                _slotFaces.EnsureCapacity(_slotHighWater);
                _slotSubjects.EnsureCapacity(_slotHighWater);
                _slotScales.EnsureCapacity(_slotHighWater);
                EnsureGraphCapacity(_slotHighWater);
            }

            _slotFaces[slot] = faceKey;
            _slotSubjects[slot] = _registry.Acquire(subjectKey);
            _faceTable.Insert(faceKey, slot);
            _count++;
        }

        _slotScales[slot] = scale;
        return slot;
    }

    private void FreeSlot(int slot)
    {
        _graph.Remove((ulong)slot);
        _registry.Release(_slotSubjects[slot]);
        _slotSubjects[slot] = -2 - _freeHead;
        _freeHead = slot;
        _count--;
    }

    private void EnsureGraphCapacity(long rows)
    {
        long capacity = _graph.Capacity;
        if (rows > capacity)
        {
            // Grow by half again: USearch's reserve re-allocates its slot tables, not the stored vectors.
            _graph.Reserve(Math.Max(rows, capacity + (capacity / 2)));
        }
    }

    private T Locked<T>(Func<T> read)
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
