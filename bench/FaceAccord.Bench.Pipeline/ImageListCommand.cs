using System.CommandLine;
using FaceAccord.Core;
using FaceAccord.Packs.Development;

namespace FaceAccord.Bench.Pipeline;

/// <summary>
/// <c>list</c>: the benchmark's image list, the first N distinct images an LFW pairs file names, in order
/// of first use; deterministic, so both programs and every run see exactly the same images.
/// </summary>
public static class ImageListCommand
{
    public static Command Create()
    {
        var pairs = new Option<string>("--pairs") { Description = "LFW pairs file (e.g. pairsDevTest.txt).", Required = true };
        var lfw = new Option<string>("--lfw") { Description = "Folder of LFW images (<Name>/<Name>_NNNN.jpg).", Required = true };
        var count = new Option<int>("--count") { Description = "How many images.", DefaultValueFactory = _ => 500 };
        var output = new Option<string>("--out") { Description = "List file to write, one absolute path a line.", Required = true };
        var cmd = new Command("list", "Write the first N distinct images of an LFW pairs file.") { pairs, lfw, count, output };
        cmd.SetAction(r =>
        {
            var list = Select(r.GetValue(pairs)!, Path.GetFullPath(r.GetValue(lfw)!), r.GetValue(count));
            File.WriteAllLines(r.GetValue(output)!, list);
            Console.Error.WriteLine($"list: {list.Count} images -> {r.GetValue(output)}");
            return 0;
        });
        return cmd;
    }

    public static IReadOnlyList<string> Select(string pairsFile, string lfwRoot, int count)
    {
        if (count <= 0)
        {
            throw FaceAccordException.BadInput("bench-count-invalid", "--count must be at least 1.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>(count);
        foreach (var pair in LfwPairsFile.Parse(pairsFile, lfwRoot).Pairs)
        {
            foreach (string path in new[] { pair.ImagePathA, pair.ImagePathB })
            {
                if (list.Count < count && seen.Add(path))
                {
                    list.Add(path);
                }
            }
        }

        if (list.Count < count)
        {
            throw FaceAccordException.BadInput("bench-count-invalid", $"{pairsFile} names only {list.Count} distinct images; asked for {count}.");
        }

        if (list.FirstOrDefault(p => !File.Exists(p)) is { } missing)
        {
            throw FaceAccordException.NotFound("bench-image-missing", $"The image {missing} named by {pairsFile} does not exist.");
        }

        return list;
    }
}
