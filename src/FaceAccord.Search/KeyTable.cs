using System.Numerics;

namespace FaceAccord.Search;

/// <summary>
/// A hash index from a 64-bit key to a dense int id that stores only the ids (4 bytes a slot): the key of an id is
/// read back from where the owner already keeps it. A Dictionary&lt;long, int&gt; would cost about 24 bytes an entry,
/// a third of the whole per-template budget. Linear probing with backward-shift deletion, so no tombstones pile up.
/// </summary>
internal sealed class KeyTable
{
    private const int MinSize = 16;
    private readonly Func<int, long> _keyOf;
    private int[] _slots; // id + 1; 0 = empty
    private int _mask;
    private int _shift;

    public KeyTable(Func<int, long> keyOf)
    {
        _keyOf = keyOf;
        _slots = new int[MinSize];
        _mask = MinSize - 1;
        _shift = 64 - BitOperations.Log2(MinSize);
    }

    public int Count { get; private set; }

    public long AllocatedBytes => (long)_slots.Length * sizeof(int);

    /// <summary>The id stored for <paramref name="key"/>, or -1.</summary>
    public int Find(long key)
    {
        for (int i = Home(key); ; i = (i + 1) & _mask)
        {
            int slot = _slots[i];
            if (slot == 0)
            {
                return -1;
            }

            if (_keyOf(slot - 1) == key)
            {
                return slot - 1;
            }
        }
    }

    /// <summary>Adds a key known to be absent; its key must already be readable through the key source.</summary>
    public void Insert(long key, int id)
    {
        if ((Count + 1) * 4 > _slots.Length * 3)
        {
            Grow();
        }

        Place(key, id);
        Count++;
    }

    /// <summary>Points an existing key at a new id (a row moved).</summary>
    public void Update(long key, int id)
    {
        for (int i = Home(key); ; i = (i + 1) & _mask)
        {
            int slot = _slots[i];
            if (slot == 0)
            {
                throw new InvalidOperationException("KeyTable.Update of a key that is not present.");
            }

            if (_keyOf(slot - 1) == key)
            {
                _slots[i] = id + 1;
                return;
            }
        }
    }

    /// <summary>Removes <paramref name="key"/> and returns its id, or -1 when absent.</summary>
    public int Remove(long key)
    {
        int i = Home(key);
        while (true)
        {
            int slot = _slots[i];
            if (slot == 0)
            {
                return -1;
            }

            if (_keyOf(slot - 1) == key)
            {
                break;
            }

            i = (i + 1) & _mask;
        }

        int removed = _slots[i] - 1;
        _slots[i] = 0;
        Count--;

        // Backward shift: pull later entries of the probe run into the hole when their home allows it.
        int hole = i;
        for (int j = (hole + 1) & _mask; _slots[j] != 0; j = (j + 1) & _mask)
        {
            int home = Home(_keyOf(_slots[j] - 1));
            bool movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (movable)
            {
                _slots[hole] = _slots[j];
                _slots[j] = 0;
                hole = j;
            }
        }

        return removed;
    }

    private void Place(long key, int id)
    {
        int i = Home(key);
        while (_slots[i] != 0)
        {
            i = (i + 1) & _mask;
        }

        _slots[i] = id + 1;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new int[old.Length * 2];
        _mask = _slots.Length - 1;
        _shift--;
        foreach (int slot in old)
        {
            if (slot != 0)
            {
                Place(_keyOf(slot - 1), slot - 1);
            }
        }
    }

    // Fibonacci hashing: consecutive keys (database ids) spread over the whole table.
    private int Home(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> _shift);
}
