namespace FaceAccord.Fuzz.Tests;

/// <summary>
/// Every committed seed and every input a fuzz run once found to break a target, replayed through the same
/// target in this process (uninstrumented): the quick, clang-free guard that a fixed finding stays fixed.
/// </summary>
public sealed class CorpusReplayTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.All)
        {
            foreach (string kind in new[] { "corpus", "regressions" })
            {
                string folder = Path.Combine(FuzzCampaign.SourceFolder, kind, target.Name);
                foreach (string file in Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Order() : Enumerable.Empty<string>())
                {
                    data.Add(target.Name, Path.GetRelativePath(FuzzCampaign.SourceFolder, file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_seed_or_past_finding_is_accepted_or_refused_as_bad_input(string target, string input)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(FuzzCampaign.SourceFolder, input));

        // Throws (and so fails) only for an outcome other than success or bad input.
        FuzzTargets.Named(target).Exercise(bytes);
    }

    [Fact]
    public void Every_target_has_seeds()
    {
        foreach (var target in FuzzTargets.All)
        {
            string folder = Path.Combine(FuzzCampaign.SourceFolder, "corpus", target.Name);
            Assert.True(Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any(), $"no seeds for {target.Name} in {folder}");
        }
    }
}
