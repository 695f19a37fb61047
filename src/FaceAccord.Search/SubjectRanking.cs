using System.Buffers;
using System.Runtime.CompilerServices;

namespace FaceAccord.Search;

/// <summary>
/// The best <c>top</c> subjects seen so far, each with its best face, in O(top) memory: a scan offers every row and
/// keeps at most one entry per subject. An evicted subject can only come back with a better face (the worst kept
/// score never falls), so the final set is exactly the top subjects by best face. Order: higher score first, then
/// lower subject key; within a subject, higher score then lower face key.
/// </summary>
internal sealed class SubjectRanking : IDisposable
{
    private readonly IRankingKeys _keys;
    private readonly int _top;
    private readonly float _minSimilarity;
    private int[] _ordinals;
    private int[] _ids;
    private float[] _scores;
    private int _count;
    private int _worst;

    public SubjectRanking(IRankingKeys keys, int top, float minSimilarity)
    {
        _keys = keys;
        _top = top;
        _minSimilarity = minSimilarity;
        _ordinals = ArrayPool<int>.Shared.Rent(top);
        _ids = ArrayPool<int>.Shared.Rent(top);
        _scores = ArrayPool<float>.Shared.Rent(top);
    }

    public int Count => _count;

    /// <summary>A score below this cannot enter; a score equal to it may, by tie-break.</summary>
    public float Floor
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _count < _top ? _minSimilarity : _scores[_worst];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Offer(float score, int ordinal, int id)
    {
        if (score >= Floor)
        {
            Admit(score, ordinal, id);
        }
    }

    /// <summary>Adds every entry of <paramref name="other"/> (a partition's ranking over the same keys).</summary>
    public void Merge(SubjectRanking other)
    {
        for (int k = 0; k < other._count; k++)
        {
            Offer(other._scores[k], other._ordinals[k], other._ids[k]);
        }
    }

    /// <summary>Entries best first.</summary>
    private (int Ordinal, int Id, float Score)[] Sorted()
    {
        var result = new (int Ordinal, int Id, float Score)[_count];
        for (int k = 0; k < _count; k++)
        {
            result[k] = (_ordinals[k], _ids[k], _scores[k]);
        }

        Array.Sort(result, (x, y) =>
        {
            int byScore = y.Score.CompareTo(x.Score);
            return byScore != 0 ? byScore : _keys.SubjectKey(x.Ordinal).CompareTo(_keys.SubjectKey(y.Ordinal));
        });
        return result;
    }

    /// <summary>The ranking as hits, best first, with keys read back from the index.</summary>
    public SubjectHit[] Hits()
    {
        var best = Sorted();
        var hits = new SubjectHit[best.Length];
        for (int i = 0; i < best.Length; i++)
        {
            hits[i] = new SubjectHit(_keys.SubjectKey(best[i].Ordinal), _keys.FaceKey(best[i].Id), best[i].Score);
        }

        return hits;
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_ordinals);
        ArrayPool<int>.Shared.Return(_ids);
        ArrayPool<float>.Shared.Return(_scores);
        _ordinals = _ids = [];
        _scores = [];
    }

    /// <summary>Considers an entry already known to reach <see cref="Floor"/> (scans check the floor inline).</summary>
    public void Admit(float score, int ordinal, int id)
    {
        for (int k = 0; k < _count; k++)
        {
            if (_ordinals[k] != ordinal)
            {
                continue;
            }

            if (score > _scores[k] || (score == _scores[k] && _keys.FaceKey(id) < _keys.FaceKey(_ids[k])))
            {
                _scores[k] = score;
                _ids[k] = id;
                FindWorst();
            }

            return;
        }

        if (_count < _top)
        {
            _ordinals[_count] = ordinal;
            _ids[_count] = id;
            _scores[_count] = score;
            _count++;
            FindWorst();
            return;
        }

        if (Ranks(score, ordinal, _scores[_worst], _ordinals[_worst]))
        {
            _ordinals[_worst] = ordinal;
            _ids[_worst] = id;
            _scores[_worst] = score;
            FindWorst();
        }
    }

    private void FindWorst()
    {
        int worst = 0;
        for (int k = 1; k < _count; k++)
        {
            if (Ranks(_scores[worst], _ordinals[worst], _scores[k], _ordinals[k]))
            {
                worst = k;
            }
        }

        _worst = worst;
    }

    /// <summary>Whether (scoreA, subject A) ranks before (scoreB, subject B).</summary>
    private bool Ranks(float scoreA, int ordinalA, float scoreB, int ordinalB) =>
        scoreA > scoreB || (scoreA == scoreB && _keys.SubjectKey(ordinalA) < _keys.SubjectKey(ordinalB));
}
