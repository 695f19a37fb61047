using System.Buffers;
using System.Runtime.ExceptionServices;
using FaceAccord.Core;

namespace FaceAccord.Search;

/// <summary>
/// Approximate search for large galleries: a USearch HNSW graph over the same int8 codes the exact index stores finds
/// candidates in sub-linear time, and every candidate is re-scored with the exact index's integer dot product, so a
/// reported similarity (and so a threshold) means the same in both indexes; only a missed candidate can differ.
/// The graph keeps the only copy of the codes; this class keeps keys, scales and subjects (about 50 bytes a face).
/// </summary>
public sealed unsafe class HnswTemplateIndex : ITemplateIndex
{
    /// <summary>Candidates asked of the graph per subject wanted, so subjects with several faces still fill the top.</summary>
    public const int CandidatesPerSubject = 4;

    private const int ChunkShift = 12;
    private const int MinReserve = 1024;

    private readonly IndexLock _lock;
    private readonly UsearchGraph _graph;
    // Slots are the graph's keys, so a slot keeps its number while its face lives.
    private readonly FaceRowStore _slots;
    private int _expansionSearch;

    public HnswTemplateIndex(int dimensions, SearchOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        options ??= new SearchOptions();
        options.Validate();
        Dimensions = dimensions;
        Options = options;
        _lock = new IndexLock(this);
        _expansionSearch = options.HnswExpansionSearch;
        Threads = Math.Max(8, Environment.ProcessorCount * 2);
        _graph = new UsearchGraph(dimensions, options.HnswConnectivity, options.HnswExpansionAdd, options.HnswExpansionSearch, Threads);
        _graph.Reserve(MinReserve);
        _slots = new FaceRowStore(RowLayout.Stable, ChunkShift, (slot, _) => _graph.Remove((ulong)slot));
    }

    public int Dimensions { get; }

    public SearchOptions Options { get; }

    /// <summary>Searches and inserts that may run in the graph at once (its per-thread contexts).</summary>
    public int Threads { get; }

    public int Count => _slots.Count;

    public int SubjectCount => _lock.Read(() => _slots.SubjectCount);

    /// <summary>The native graph (codes, links, key lookup, thread contexts) plus keys, scales and tables.</summary>
    public long MemoryBytes => _lock.Read(() => _graph.MemoryUsage + _slots.AllocatedBytes);

    /// <summary>Candidate list of a search (HNSW "ef"); raise it for recall, lower it for speed, at any time.</summary>
    public int ExpansionSearch
    {
        get => Volatile.Read(ref _expansionSearch);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 4096);
            using var held = _lock.Write();
            _graph.ChangeExpansionSearch(value);
            _expansionSearch = value;
        }
    }

    /// <summary>The SIMD kernel USearch picked for int8 cosine on this machine.</summary>
    public string HardwareAcceleration => _lock.Read(() => _graph.HardwareAcceleration);

    public void Add(long faceKey, long subjectKey, ReadOnlySpan<float> vector)
    {
        using var quantized = new PooledCodes(vector, Dimensions);
        AddQuantized(faceKey, subjectKey, quantized.Codes, quantized.Scale);
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
            try
            {
                Parallel.For(0, batch.Count, i =>
                {
                    var vector = new ReadOnlySpan<float>((float*)source + ((long)i * dims), dims);
                    batch.Scales[i] = Int8Quantizer.Quantize(vector, batch.Codes.AsSpan(i * dims, dims));
                });
            }
            catch (AggregateException e) when (e.InnerExceptions.OfType<FaceAccordException>().FirstOrDefault() is { } bad)
            {
                // A bad template in the batch is the caller's bad input, not an AggregateException from the loop.
                ExceptionDispatchInfo.Throw(bad);
            }
        }
    }

    public bool Remove(long faceKey) => _lock.Write(() => _slots.Remove(faceKey));

    public int RemoveSubject(long subjectKey) => _lock.Write(() => _slots.RemoveSubject(subjectKey));

    public IReadOnlyList<SubjectHit> Search(ReadOnlySpan<float> query, int top, float minSimilarity)
    {
        SearchArguments.Check(top, minSimilarity);
        int wanted = (int)Math.Min(Math.Max((long)top * CandidatesPerSubject, _expansionSearch), 1 << 20);
        using var quantized = new PooledCodes(query, Dimensions, withScratch: true);
        ulong[] keys = ArrayPool<ulong>.Shared.Rent(wanted);
        float[] distances = ArrayPool<float>.Shared.Rent(wanted);
        try
        {
            var rowCodes = quantized.Scratch;
            using var held = _lock.Read();
            if (_slots.Count == 0)
            {
                return [];
            }

            int found = _graph.Search(quantized.Codes, keys.AsSpan(0, wanted), distances.AsSpan(0, wanted));
            using var ranking = new SubjectRanking(_slots, top, minSimilarity);
            fixed (sbyte* q = quantized.Codes)
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

                    float score = Int8Quantizer.Score(Int8Dot.Dot(q, r, Dimensions), quantized.Scale, _slots.ScaleOf(slot));
                    ranking.Offer(score, _slots.SubjectOf(slot), slot);
                }
            }

            return ranking.Hits();
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<float>.Shared.Return(distances);
        }
    }

    public void Dispose()
    {
        if (_lock.Close())
        {
            _graph.Dispose();
        }
    }

    /// <summary>Adds (or replaces) a face from codes made by <see cref="Int8Quantizer.Quantize"/>.</summary>
    internal void AddQuantized(long faceKey, long subjectKey, ReadOnlySpan<sbyte> codes, float scale)
    {
        using var held = _lock.Write();
        int slot = Claim(faceKey, subjectKey, scale);
        _graph.Add((ulong)slot, codes);
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

        using var held = _lock.Write();
        var slots = new int[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            slots[i] = Claim(batch.FaceKeys[i], batch.SubjectKeys[i], batch.Scales[i]);
        }

        EnsureGraphCapacity(_slots.HighWater);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation };
        Parallel.For(0, batch.Count, parallel, i => _graph.Add((ulong)slots[i], batch.CodesOf(i)));
    }

    /// <summary>Books a slot for the face (its old slot when the key is present, after dropping the old graph node).</summary>
    private int Claim(long faceKey, long subjectKey, float scale)
    {
        int slot = _slots.Upsert(faceKey, subjectKey, scale, out bool replaced);
        if (replaced)
        {
            _graph.Remove((ulong)slot);
        }
        else
        {
            EnsureGraphCapacity(_slots.HighWater);
        }

        return slot;
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
}
