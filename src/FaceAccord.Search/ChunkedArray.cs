using System.Runtime.CompilerServices;

namespace FaceAccord.Search;

/// <summary>
/// An array that grows a fixed-size chunk at a time: a million entries never need one giant copy, and unused
/// capacity is at most one chunk, which keeps the per-template memory bound honest at every size.
/// </summary>
internal sealed class ChunkedArray<T>
    where T : unmanaged
{
    private readonly int _shift;
    private readonly int _mask;
    private T[][] _chunks = [];
    private int _chunkCount;

    public ChunkedArray(int chunkShift)
    {
        _shift = chunkShift;
        _mask = (1 << chunkShift) - 1;
    }

    public int Capacity => _chunkCount << _shift;

    public long AllocatedBytes => ((long)Capacity * Unsafe.SizeOf<T>()) + ((long)_chunks.Length * IntPtr.Size);

    public ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _chunks[index >> _shift][index & _mask];
    }

    /// <summary>Chunk <paramref name="chunk"/> itself, for loops that walk a chunk without per-entry indexing.</summary>
    public T[] Chunk(int chunk) => _chunks[chunk];

    public void EnsureCapacity(int count)
    {
        while (Capacity < count)
        {
            if (_chunkCount == _chunks.Length)
            {
                Array.Resize(ref _chunks, Math.Max(4, _chunks.Length * 2));
            }

            _chunks[_chunkCount++] = new T[1 << _shift];
        }
    }
}
