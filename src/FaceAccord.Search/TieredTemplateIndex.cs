using System.Diagnostics;
using FaceAccord.Search.Telemetry;

namespace FaceAccord.Search;

/// <summary>
/// The index the service uses: an exact scan while the gallery is small (exact, lean, nothing to build), and an HNSW
/// graph once it reaches <see cref="SearchOptions.HnswThreshold"/> faces. The graph is built in the background from the
/// stored int8 codes (never re-quantised, so scores do not change); searches and writes carry on against the exact
/// index meanwhile, writes are logged and replayed into the graph, and the switch is atomic.
/// </summary>
public sealed class TieredTemplateIndex : ITemplateIndex
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly SearchOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private ExactTemplateIndex? _exact;
    private HnswTemplateIndex? _graph;
    private List<PendingWrite>? _pending;
    private Task _build = Task.CompletedTask;
    private bool _disposed;

    public TieredTemplateIndex(int dimensions, SearchOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        options ??= new SearchOptions();
        options.Validate();
        Dimensions = dimensions;
        _options = options;
        _exact = new ExactTemplateIndex(dimensions);
    }

    public int Dimensions { get; }

    public int Count => Locked(() => Active.Count);

    public int SubjectCount => Locked(() => Active.SubjectCount);

    /// <summary>The active index's memory; a graph under construction (and its snapshot) counts once it takes over.</summary>
    public long MemoryBytes => Locked(() => Active.MemoryBytes);

    /// <summary>Whether searches go to the HNSW graph (true) or the exact scan (false).</summary>
    public bool UsesGraph => Locked(() => _graph is not null);

    /// <summary>The graph build under way, or a completed task; it faults if the build failed (the exact scan then stays, with no retry).</summary>
    public Task GraphBuild => Locked(() => _build);

    private ITemplateIndex Active => (ITemplateIndex?)_graph ?? _exact!;

    public void Add(long faceKey, long subjectKey, ReadOnlySpan<float> vector)
    {
        using var quantized = new PooledCodes(vector, Dimensions);
        var codes = quantized.Codes;
        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            if (_graph is not null)
            {
                _graph.AddQuantized(faceKey, subjectKey, codes, quantized.Scale);
                return;
            }

            _exact!.AddQuantized(faceKey, subjectKey, codes, quantized.Scale);
            _pending?.Add(new PendingWrite(PendingKind.Add, faceKey, subjectKey, codes.ToArray(), quantized.Scale));
            if (_pending is null && _exact.Count >= _options.HnswThreshold && _build.IsCompleted && !_build.IsFaulted)
            {
                StartBuild();
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(long faceKey) => Write(index => index.Remove(faceKey) ? 1 : 0, new PendingWrite(PendingKind.Remove, faceKey, 0, null, 0)) > 0;

    public int RemoveSubject(long subjectKey) => Write(index => index.RemoveSubject(subjectKey), new PendingWrite(PendingKind.RemoveSubject, 0, subjectKey, null, 0));

    public IReadOnlyList<SubjectHit> Search(ReadOnlySpan<float> query, int top, float minSimilarity)
    {
        using var activity = SearchTelemetry.Start();
        long start = Stopwatch.GetTimestamp();
        _lock.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            var hits = Active.Search(query, top, minSimilarity);
            SearchTelemetry.Searched(start, _graph is null ? SearchTelemetry.Exact : SearchTelemetry.Graph, activity);
            return hits;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose()
    {
        Task build;
        _lock.EnterWriteLock();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stop.Cancel();
            build = _build;
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        // The build checks the stop token between insertions and disposes its own graph when stopped.
        try
        {
            build.Wait();
        }
        catch (AggregateException)
        {
            // A cancelled or failed build has nothing left to clean up.
        }

        _exact?.Dispose();
        _graph?.Dispose();
        _stop.Dispose();
    }

    private int Write(Func<ITemplateIndex, int> write, PendingWrite logged)
    {
        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            int result = write(Active);
            _pending?.Add(logged);
            return result;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Called under the write lock: snapshot the exact rows and build the graph from them off the lock.</summary>
    private void StartBuild()
    {
        var snapshot = _exact!.Snapshot();
        _pending = [];
        var token = _stop.Token;
        _build = Task.Run(() => Build(snapshot, token), token);
    }

    private void Build(QuantizedBatch snapshot, CancellationToken token)
    {
        var graph = new HnswTemplateIndex(Dimensions, _options);
        bool handedOver = false;
        try
        {
            graph.AddQuantized(snapshot, token);
            _lock.EnterWriteLock();
            try
            {
                token.ThrowIfCancellationRequested();
                // Writes that reached the exact index during the build, in order; then the switch.
                foreach (var write in _pending!)
                {
                    switch (write.Kind)
                    {
                        case PendingKind.Add:
                            graph.AddQuantized(write.FaceKey, write.SubjectKey, write.Codes, write.Scale);
                            break;
                        case PendingKind.Remove:
                            graph.Remove(write.FaceKey);
                            break;
                        default:
                            graph.RemoveSubject(write.SubjectKey);
                            break;
                    }
                }

                _graph = graph;
                handedOver = true;
                _exact!.Dispose();
                _exact = null;
                _pending = null;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            if (!handedOver)
            {
                graph.Dispose();
                StopLogging();
            }
        }
    }

    private void StopLogging()
    {
        if (_disposed)
        {
            return;
        }

        _lock.EnterWriteLock();
        try
        {
            _pending = null;
        }
        finally
        {
            _lock.ExitWriteLock();
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

    private enum PendingKind
    {
        Add,
        Remove,
        RemoveSubject,
    }

    private sealed record PendingWrite(PendingKind Kind, long FaceKey, long SubjectKey, sbyte[]? Codes, float Scale);
}
