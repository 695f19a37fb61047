namespace FaceAccord.Search;

/// <summary>
/// Dense numbers (rows, subject ordinals) handed out from a high-water mark, freed ones reused first. The free list
/// threads through an int column the owner already keeps: a free entry holds -2 - the next free number (-1 ends it),
/// which no live entry (≥ 0) can hold, so the list costs no memory of its own.
/// </summary>
internal struct SlotNumbers
{
    private int _freeHead;

    public SlotNumbers()
    {
        _freeHead = -1;
    }

    /// <summary>Numbers ever handed out and not given back from the top: every live number is below it.</summary>
    public int HighWater { get; private set; }

    /// <summary>A free number if there is one, else the next new one (the owner then grows its columns to <see cref="HighWater"/>).</summary>
    public int Take(ChunkedArray<int> links)
    {
        if (_freeHead < 0)
        {
            return HighWater++;
        }

        int number = _freeHead;
        _freeHead = -2 - links[number];
        return number;
    }

    /// <summary>Puts <paramref name="number"/> on the free list, overwriting its entry in <paramref name="links"/>.</summary>
    public void Free(ChunkedArray<int> links, int number)
    {
        links[number] = -2 - _freeHead;
        _freeHead = number;
    }

    /// <summary>Gives back the highest number (a dense owner moved its last entry into a hole).</summary>
    public void DropLast() => HighWater--;
}
