using System.Runtime.CompilerServices;

namespace FaceAccord.Search;

/// <summary>
/// Brute-force search over int8 templates: exact (every face is scored), memory-lean (a template costs its dimensions
/// in bytes plus about 50 bytes of keys and tables) and fast enough up to tens of thousands of faces, where a graph
/// index is not worth its build time and memory. A scan streams the rows through SIMD int8 dot products on all cores.
/// </summary>
public sealed unsafe class ExactTemplateIndex : ITemplateIndex
{
    /// <summary>Rows below which one core scans alone: below about 20 MB (0.6 ms on one core) the split costs more than it saves.</summary>
    public const int DefaultParallelMinRows = 16_384;

    private readonly IndexLock _lock;
    private readonly RowBlocks _codes;
    // Chunks of the bookkeeping line up with the code blocks, so a scan walks both a block at a time.
    private readonly FaceRowStore _rows;
    private readonly int _parallelMinRows;

    /// <param name="dimensions">Entries per template, fixed for the life of the index.</param>
    /// <param name="parallelMinRows">Rows from which a scan is split over cores (tests lower it to exercise the split).</param>
    public ExactTemplateIndex(int dimensions, int parallelMinRows = DefaultParallelMinRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelMinRows, 1);
        Dimensions = dimensions;
        _parallelMinRows = parallelMinRows;
        _lock = new IndexLock(this);
        _codes = new RowBlocks(dimensions);
        _rows = new FaceRowStore(RowLayout.Dense, RowBlocks.BlockShift, MoveCodes);
    }

    public int Dimensions { get; }

    public int Count => _rows.Count;

    public int SubjectCount => _lock.Read(() => _rows.SubjectCount);

    /// <summary>Everything allocated for the index: row blocks (with unused rows of the last block), keys, scales, tables.</summary>
    public long MemoryBytes => _lock.Read(() => _codes.AllocatedBytes + _rows.AllocatedBytes);

    public void Add(long faceKey, long subjectKey, ReadOnlySpan<float> vector)
    {
        using var quantized = new PooledCodes(vector, Dimensions);
        AddQuantized(faceKey, subjectKey, quantized.Codes, quantized.Scale);
    }

    public bool Remove(long faceKey) => _lock.Write(() => _rows.Remove(faceKey));

    public int RemoveSubject(long subjectKey) => _lock.Write(() => _rows.RemoveSubject(subjectKey));

    public IReadOnlyList<SubjectHit> Search(ReadOnlySpan<float> query, int top, float minSimilarity)
    {
        SearchArguments.Check(top, minSimilarity);
        using var quantized = new PooledCodes(query, Dimensions);
        using var held = _lock.Read();
        fixed (sbyte* q = quantized.Codes)
        {
            return Scan(q, quantized.Scale, top, minSimilarity);
        }
    }

    public void Dispose() => _lock.Close();

    /// <summary>Adds (or replaces) a face from codes made by <see cref="Int8Quantizer.Quantize"/>.</summary>
    internal void AddQuantized(long faceKey, long subjectKey, ReadOnlySpan<sbyte> codes, float scale)
    {
        using var held = _lock.Write();
        int row = _rows.Upsert(faceKey, subjectKey, scale, out _);
        _codes.EnsureCapacity(row + 1);
        codes.CopyTo(_codes.RowSpan(row));
    }

    /// <summary>A consistent copy of every face, codes and scales as stored.</summary>
    internal QuantizedBatch Snapshot()
    {
        using var held = _lock.Read();
        var batch = new QuantizedBatch(Dimensions, _rows.Count);
        for (int row = 0; row < batch.Count; row++)
        {
            batch.FaceKeys[row] = _rows.FaceKey(row);
            batch.SubjectKeys[row] = _rows.SubjectKeyOf(row);
            batch.Scales[row] = _rows.ScaleOf(row);
            _codes.RowSpan(row).CopyTo(batch.Codes.AsSpan(row * Dimensions, Dimensions));
        }

        return batch;
    }

    private SubjectHit[] Scan(sbyte* query, float queryScale, int top, float minSimilarity)
    {
        int count = _rows.Count;
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
                rankings[p] = new SubjectRanking(_rows, top, minSimilarity);
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

            return rankings[0].Hits();
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
            float[] scales = _rows.ScaleChunk(block);
            int[] subjects = _rows.SubjectChunk(block);
            sbyte* p = _codes.Block(block) + ((long)offset * dims);
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

    /// <summary>The row store moved its last row into a removed one: the codes follow.</summary>
    private void MoveCodes(int row, int movedFrom)
    {
        if (movedFrom >= 0)
        {
            _codes.RowSpan(movedFrom).CopyTo(_codes.RowSpan(row));
        }
    }
}
