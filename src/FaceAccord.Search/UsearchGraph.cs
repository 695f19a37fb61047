using System.Runtime.InteropServices;
using Cloud.Unum.USearch;
using FaceAccord.Core;

namespace FaceAccord.Search;

/// <summary>
/// One native USearch HNSW index over int8 rows with cosine distance, owned by a SafeHandle so it is freed exactly
/// once. Every native error becomes a FaceAccordException. USearch holds a fixed pool of per-thread contexts and fails
/// (rather than waits) when more callers than contexts search or add at once, so entries are gated to the pool size.
/// </summary>
internal sealed unsafe class UsearchGraph : SafeHandle
{
    private readonly SemaphoreSlim _contexts;
    private readonly int _threads;

    public UsearchGraph(int dimensions, int connectivity, int expansionAdd, int expansionSearch, int threads)
        : base(0, ownsHandle: true)
    {
        _threads = threads;
        _contexts = new SemaphoreSlim(threads, threads);
        var options = new UsearchNative.InitOptions
        {
            MetricKind = MetricKind.Cos,
            Quantization = ScalarKind.Int8,
            Dimensions = (nuint)dimensions,
            Connectivity = (nuint)connectivity,
            ExpansionAdd = (nuint)expansionAdd,
            ExpansionSearch = (nuint)expansionSearch,
        };
        byte* error = null;
        nint index;
        try
        {
            index = UsearchNative.Init(&options, &error);
        }
        catch (DllNotFoundException e)
        {
            throw FaceAccordException.Environment("usearch-missing", "The USearch native library (libusearch_c) could not be loaded.", e);
        }

        Check(error, "init");
        SetHandle(index);
    }

    public override bool IsInvalid => handle == 0;

    public long Capacity
    {
        get
        {
            byte* error = null;
            nuint value = UsearchNative.Capacity(handle, &error);
            Check(error, "capacity");
            return (long)value;
        }
    }

    /// <summary>Bytes the native index holds: vectors, graph links, key lookup and per-thread contexts.</summary>
    public long MemoryUsage
    {
        get
        {
            byte* error = null;
            nuint value = UsearchNative.MemoryUsage(handle, &error);
            Check(error, "memory_usage");
            return (long)value;
        }
    }

    public string HardwareAcceleration
    {
        get
        {
            byte* error = null;
            byte* name = UsearchNative.HardwareAcceleration(handle, &error);
            Check(error, "hardware_acceleration");
            return Marshal.PtrToStringUTF8((nint)name) ?? "unknown";
        }
    }

    /// <summary>Makes room for <paramref name="capacity"/> rows (and keeps the thread pool at its size).</summary>
    public void Reserve(long capacity)
    {
        byte* error = null;
        UsearchNative.Reserve(handle, (nuint)capacity, &error);
        Check(error, "reserve");
        UsearchNative.ChangeThreadsAdd(handle, (nuint)_threads, &error);
        Check(error, "change_threads_add");
        UsearchNative.ChangeThreadsSearch(handle, (nuint)_threads, &error);
        Check(error, "change_threads_search");
    }

    public void ChangeExpansionSearch(int expansion)
    {
        byte* error = null;
        UsearchNative.ChangeExpansionSearch(handle, (nuint)expansion, &error);
        Check(error, "change_expansion_search");
    }

    public void Add(ulong key, ReadOnlySpan<sbyte> codes)
    {
        _contexts.Wait();
        try
        {
            byte* error = null;
            fixed (sbyte* p = codes)
            {
                UsearchNative.Add(handle, key, p, ScalarKind.Int8, &error);
            }

            Check(error, "add");
        }
        finally
        {
            _contexts.Release();
        }
    }

    public bool Remove(ulong key)
    {
        byte* error = null;
        nuint removed = UsearchNative.Remove(handle, key, &error);
        Check(error, "remove");
        return removed > 0;
    }

    /// <summary>Copies the stored codes of <paramref name="key"/> into <paramref name="codes"/>; false when absent.</summary>
    public bool Get(ulong key, Span<sbyte> codes)
    {
        byte* error = null;
        nuint found;
        fixed (sbyte* p = codes)
        {
            found = UsearchNative.Get(handle, key, 1, p, ScalarKind.Int8, &error);
        }

        Check(error, "get");
        return found > 0;
    }

    /// <summary>Up to <c>keys.Length</c> approximate nearest rows; returns how many were found.</summary>
    public int Search(ReadOnlySpan<sbyte> query, Span<ulong> keys, Span<float> distances)
    {
        _contexts.Wait();
        try
        {
            byte* error = null;
            nuint found;
            fixed (sbyte* q = query)
            fixed (ulong* k = keys)
            fixed (float* d = distances)
            {
                found = UsearchNative.Search(handle, q, ScalarKind.Int8, (nuint)keys.Length, k, d, &error);
            }

            Check(error, "search");
            return (int)found;
        }
        finally
        {
            _contexts.Release();
        }
    }

    protected override bool ReleaseHandle()
    {
        byte* error = null;
        UsearchNative.Free(handle, &error);
        _contexts.Dispose();
        return error == null;
    }

    private static void Check(byte* error, string operation)
    {
        if (error != null)
        {
            string message = Marshal.PtrToStringUTF8((nint)error) ?? "unknown error";
            throw FaceAccordException.Environment("usearch-failed", $"USearch {operation} failed: {message}");
        }
    }
}
