using System.Runtime.CompilerServices;

namespace FaceAccord.Search;

/// <summary>
/// Int8 template rows in fixed-size, 64-byte-aligned blocks on the pinned heap: rows of a block are contiguous for
/// streaming scans, a block never moves (so its address is taken once), and growth adds a block instead of copying.
/// </summary>
internal sealed unsafe class RowBlocks
{
    public const int BlockShift = 7;
    public const int BlockRows = 1 << BlockShift;
    private const int Alignment = 64;

    private readonly int _rowBytes;
    private byte[][] _arrays = [];
    private nint[] _bases = [];
    private int _blockCount;

    public RowBlocks(int rowBytes)
    {
        _rowBytes = rowBytes;
    }

    public int Capacity => _blockCount << BlockShift;

    public int BlockCount => _blockCount;

    public long AllocatedBytes => ((long)_blockCount * ((long)BlockRows * _rowBytes + Alignment)) + ((long)_arrays.Length * 2 * IntPtr.Size);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public sbyte* Row(int row) => (sbyte*)_bases[row >> BlockShift] + ((long)(row & (BlockRows - 1)) * _rowBytes);

    /// <summary>First row of block <paramref name="block"/>; rows of one block follow each other.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public sbyte* Block(int block) => (sbyte*)_bases[block];

    public Span<sbyte> RowSpan(int row) => new(Row(row), _rowBytes);

    public void EnsureCapacity(int rows)
    {
        while (Capacity < rows)
        {
            if (_blockCount == _arrays.Length)
            {
                int grown = Math.Max(4, _arrays.Length * 2);
                Array.Resize(ref _arrays, grown);
                Array.Resize(ref _bases, grown);
            }

            // Pinned: the block never moves, so the aligned address below stays valid for its lifetime.
            var array = GC.AllocateUninitializedArray<byte>((BlockRows * _rowBytes) + Alignment, pinned: true);
            nint address = (nint)Unsafe.AsPointer(ref array[0]);
            nint aligned = (address + (Alignment - 1)) & ~(nint)(Alignment - 1);
            _arrays[_blockCount] = array;
            _bases[_blockCount] = aligned;
            _blockCount++;
        }
    }
}
