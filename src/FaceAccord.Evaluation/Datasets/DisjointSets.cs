namespace FaceAccord.Evaluation.Datasets;

/// <summary>
/// Union-find over items 0..n−1, so pairwise "same photograph" links become whole clusters (a copy of a copy is
/// one subject even when the two ends do not look alike enough on their own).
/// </summary>
public sealed class DisjointSets
{
    private readonly int[] _parent;

    public DisjointSets(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _parent = new int[count];
        for (int i = 0; i < count; i++)
        {
            _parent[i] = i;
        }
    }

    public int Count => _parent.Length;

    /// <summary>The smallest item of <paramref name="item"/>'s set, so a cluster's name does not depend on the order of unions.</summary>
    public int Find(int item)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(item, _parent.Length);
        int root = item;
        while (_parent[root] != root)
        {
            root = _parent[root];
        }

        // Path compression: every item on the way now points at the root.
        while (_parent[item] != root)
        {
            int next = _parent[item];
            _parent[item] = root;
            item = next;
        }

        return root;
    }

    /// <summary>Joins the sets of <paramref name="a"/> and <paramref name="b"/>; false when they were already one.</summary>
    public bool Union(int a, int b)
    {
        int ra = Find(a), rb = Find(b);
        if (ra == rb)
        {
            return false;
        }

        // The smaller root wins, which keeps Find's "smallest item" promise.
        if (ra < rb)
        {
            _parent[rb] = ra;
        }
        else
        {
            _parent[ra] = rb;
        }

        return true;
    }
}
