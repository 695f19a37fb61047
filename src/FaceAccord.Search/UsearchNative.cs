using System.Runtime.InteropServices;
using Cloud.Unum.USearch;

namespace FaceAccord.Search;

/// <summary>
/// Direct calls into the USearch C library shipped by the Cloud.Unum.USearch package. Its managed wrapper takes only
/// arrays, allocates result arrays per search and hides reserve/threads/expansion; the C API takes spans' pointers.
/// </summary>
internal static unsafe partial class UsearchNative
{
    private const string Library = "libusearch_c";

    [StructLayout(LayoutKind.Sequential)]
    public struct InitOptions
    {
        public MetricKind MetricKind;
        public nint Metric;
        public ScalarKind Quantization;
        public nuint Dimensions;
        public nuint Connectivity;
        public nuint ExpansionAdd;
        public nuint ExpansionSearch;
        public byte Multi;
    }

    [LibraryImport(Library, EntryPoint = "usearch_init")]
    public static partial nint Init(InitOptions* options, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_free")]
    public static partial void Free(nint index, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_reserve")]
    public static partial void Reserve(nint index, nuint capacity, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_capacity")]
    public static partial nuint Capacity(nint index, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_size")]
    public static partial nuint Size(nint index, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_memory_usage")]
    public static partial nuint MemoryUsage(nint index, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_add")]
    public static partial void ChangeThreadsAdd(nint index, nuint threads, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_search")]
    public static partial void ChangeThreadsSearch(nint index, nuint threads, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_change_expansion_search")]
    public static partial void ChangeExpansionSearch(nint index, nuint expansion, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_add")]
    public static partial void Add(nint index, ulong key, void* vector, ScalarKind kind, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_remove")]
    public static partial nuint Remove(nint index, ulong key, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_get")]
    public static partial nuint Get(nint index, ulong key, nuint count, void* vector, ScalarKind kind, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_search")]
    public static partial nuint Search(nint index, void* query, ScalarKind kind, nuint count, ulong* keys, float* distances, byte** error);

    [LibraryImport(Library, EntryPoint = "usearch_hardware_acceleration")]
    public static partial byte* HardwareAcceleration(nint index, byte** error);
}
