namespace FaceAccord.Search.Tests;

/// <summary>The two row layouts the indexes rely on: dense rows for the scan, stable row numbers for the graph's keys.</summary>
public sealed class FaceRowStoreTests
{
    [Fact]
    public void A_dense_store_moves_its_last_row_into_a_hole_and_says_so()
    {
        var removed = new List<(int Row, int MovedFrom)>();
        var rows = new FaceRowStore(RowLayout.Dense, 2, (row, from) => removed.Add((row, from)));
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(i, rows.Upsert(100 + i, i % 2, 0.5f + i, out bool replaced));
            Assert.False(replaced);
        }

        Assert.True(rows.Remove(101));
        Assert.Equal((1, 5), removed[^1]);
        Assert.Equal(105, rows.FaceKey(1));
        Assert.Equal(5.5f, rows.ScaleOf(1));
        Assert.Equal(1, rows.SubjectKeyOf(1));
        Assert.Equal(5, rows.HighWater);

        // Faces 100, 102 and 104 are subject 0; taking them leaves rows 0 and 1 dense.
        Assert.Equal(3, rows.RemoveSubject(0));
        Assert.Equal(2, rows.Count);
        Assert.Equal(2, rows.HighWater);
        Assert.Equal([103L, 105L], new[] { rows.FaceKey(0), rows.FaceKey(1) }.Order());
        Assert.Equal(1, rows.SubjectCount);
        Assert.False(rows.Remove(101));
    }

    [Fact]
    public void A_stable_store_keeps_row_numbers_and_reuses_freed_rows_last_freed_first()
    {
        var removed = new List<(int Row, int MovedFrom)>();
        var rows = new FaceRowStore(RowLayout.Stable, 2, (row, from) => removed.Add((row, from)));
        for (int i = 0; i < 5; i++)
        {
            rows.Upsert(100 + i, 7, 1f, out _);
        }

        Assert.True(rows.Remove(101));
        Assert.True(rows.Remove(103));
        Assert.Equal([(1, -1), (3, -1)], removed);
        Assert.Equal(104, rows.FaceKey(4));
        Assert.Equal(5, rows.HighWater);

        Assert.Equal(3, rows.Upsert(200, 8, 2f, out _));
        Assert.Equal(1, rows.Upsert(201, 8, 2f, out _));
        Assert.Equal(5, rows.Upsert(202, 8, 2f, out _));
        Assert.Equal(2, rows.Upsert(102, 9, 3f, out bool replaced));
        Assert.True(replaced);
        Assert.Equal(9, rows.SubjectKeyOf(2));
        Assert.Equal(3f, rows.ScaleOf(2));
        Assert.Equal(6, rows.Count);
        Assert.Equal(3, rows.SubjectCount);
    }
}
