using FaceAccord.Core;
using FaceAccord.Packs.Development;
using FaceAccord.TestSupport;

namespace FaceAccord.Evaluation.Tests.Lfw;

public sealed class LfwPairsFileTests
{
    private const string Root = "/images";

    [Fact]
    public void DevTrain_has_1100_matched_then_1100_mismatched_pairs_whose_images_exist()
    {
        var file = LfwPairsFile.Parse(TestPaths.LfwDevTrain, TestPaths.LfwImages);

        Assert.Equal(1, file.FoldCount);
        Assert.Equal(1100, file.PairsPerClassPerFold);
        Assert.Equal(2200, file.Pairs.Count);
        Assert.All(file.Pairs.Take(1100), p => Assert.True(p.IsSame));
        Assert.All(file.Pairs.Skip(1100), p => Assert.False(p.IsSame));
        Assert.All(file.Pairs, p => Assert.Equal(0, p.Fold));
        Assert.Equal(TestPaths.Lfw("Aaron_Peirsol", 1), file.Pairs[0].ImagePathA);
        Assert.Equal(TestPaths.Lfw("Aaron_Peirsol", 2), file.Pairs[0].ImagePathB);
        Assert.Equal(TestPaths.Lfw("AJ_Cook", 1), file.Pairs[1100].ImagePathA);
        Assert.Equal(TestPaths.Lfw("Marsha_Thomason", 1), file.Pairs[1100].ImagePathB);
        var missing = file.Pairs.SelectMany(p => new[] { p.ImagePathA, p.ImagePathB }).Where(p => !File.Exists(p)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void DevTest_has_500_pairs_of_each_kind_and_shares_no_pair_with_DevTrain()
    {
        var test = LfwPairsFile.Parse(TestPaths.LfwDevTest, TestPaths.LfwImages);
        var train = LfwPairsFile.Parse(TestPaths.LfwDevTrain, TestPaths.LfwImages);

        Assert.Equal(1000, test.Pairs.Count);
        Assert.Equal(500, test.Pairs.Count(p => p.IsSame));
        var trainKeys = train.Pairs.Select(p => (p.ImagePathA, p.ImagePathB)).ToHashSet();
        Assert.DoesNotContain(test.Pairs, p => trainKeys.Contains((p.ImagePathA, p.ImagePathB)));
    }

    [Fact]
    public void View2_layout_assigns_folds_in_file_order()
    {
        const string text = "2\t1\nAnn\t1\t2\nBob\t1\tCid\t3\nDee\t2\t14\nEve\t1\tFay\t1\n";

        var file = LfwPairsFile.Parse(new StringReader(text), Root);

        Assert.Equal(2, file.FoldCount);
        Assert.Equal(1, file.PairsPerClassPerFold);
        Assert.Equal(
            new[]
            {
                new LfwPair(Path.Combine(Root, "Ann", "Ann_0001.jpg"), Path.Combine(Root, "Ann", "Ann_0002.jpg"), true, 0),
                new LfwPair(Path.Combine(Root, "Bob", "Bob_0001.jpg"), Path.Combine(Root, "Cid", "Cid_0003.jpg"), false, 0),
                new LfwPair(Path.Combine(Root, "Dee", "Dee_0002.jpg"), Path.Combine(Root, "Dee", "Dee_0014.jpg"), true, 1),
                new LfwPair(Path.Combine(Root, "Eve", "Eve_0001.jpg"), Path.Combine(Root, "Fay", "Fay_0001.jpg"), false, 1),
            },
            file.Pairs);
    }

    [Fact]
    public void Spaces_CRLF_and_trailing_blank_lines_are_accepted()
    {
        var file = LfwPairsFile.Parse(new StringReader("1\r\nAl-Bo_Cy 1  2\r\nDan\t3\tEd 4\r\n\r\n\n"), Root);

        Assert.Equal(2, file.Pairs.Count);
        Assert.Equal(Path.Combine(Root, "Al-Bo_Cy", "Al-Bo_Cy_0002.jpg"), file.Pairs[0].ImagePathB);
        Assert.Equal(Path.Combine(Root, "Ed", "Ed_0004.jpg"), file.Pairs[1].ImagePathB);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("x\n", 1)]
    [InlineData("0\n", 1)]
    [InlineData("1\t2\t3\n", 1)]
    [InlineData("-1\n", 1)]
    [InlineData("1\nAnn\t1\n", 2)]
    [InlineData("1\nAnn\t1\t1\nBob\t1\tCid\t1\n", 2)]
    [InlineData("1\nAnn\t1\t0\nBob\t1\tCid\t1\n", 2)]
    [InlineData("1\n..\t1\t2\nBob\t1\tCid\t1\n", 2)]
    [InlineData("1\nA/B\t1\t2\nBob\t1\tCid\t1\n", 2)]
    [InlineData("1\nAnn\t1\t2\nBob\t1\tBob\t2\n", 3)]
    [InlineData("1\nAnn\t1\t2\nBob\t1\t2\n", 3)]
    [InlineData("1\nAnn\t1\t2\nBob\tx\tCid\t1\n", 3)]
    [InlineData("1\nAnn\t1\t2\n", 3)]
    [InlineData("1\nAnn\t1\t2\nBob\t1\tCid\t1\nDan\t1\t2\n", 4)]
    [InlineData("1\nAnn\t1\t2\nBob\t1\tCid\t1\n\nDan\t1\t2\n", 5)]
    [InlineData("2\t1\nAnn\t1\t2\nBob\t1\tCid\t1\nDan\t1\tEd\t2\n", 4)]
    public void Malformed_text_is_refused_naming_the_line(string text, int line)
    {
        var e = Assert.Throws<FaceAccordException>(() => LfwPairsFile.Parse(new StringReader(text), Root));

        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Equal("pairs-file-invalid", e.Code);
        Assert.StartsWith($"Line {line} of ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_promising_absurdly_many_pairs_is_refused_before_reading_on()
    {
        var e = Assert.Throws<FaceAccordException>(() => LfwPairsFile.Parse(new StringReader("100000\t100000\n"), Root));

        Assert.Equal("pairs-file-invalid", e.Code);
    }

    [Fact]
    public void A_file_error_names_the_file_and_a_missing_file_is_not_found()
    {
        string path = Path.Combine(Path.GetTempPath(), $"faceaccord-eval-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "1\nAnn\t1\t2\n");
        try
        {
            var bad = Assert.Throws<FaceAccordException>(() => LfwPairsFile.Parse(path, Root));
            Assert.Contains(path, bad.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }

        var missing = Assert.Throws<FaceAccordException>(() => LfwPairsFile.Parse(path, Root));
        Assert.Equal(ErrorKind.NotFound, missing.Kind);
        Assert.Equal("pairs-file-not-found", missing.Code);
    }
}
