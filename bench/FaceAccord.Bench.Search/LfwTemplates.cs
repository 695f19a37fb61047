using System.Text.Json;
using FaceAccord.Core;

namespace FaceAccord.Bench.Search;

/// <summary>
/// Real templates from <c>faceaccord embed</c> output, split so rank-1 means something: each LFW person with at least
/// two embedded images is enrolled with the first (by file name), and the other images are the queries.
/// </summary>
public sealed class LfwTemplates
{
    private LfwTemplates(List<Enrolled> gallery, List<Probe> probes, int dimensions, string model)
    {
        Gallery = gallery;
        Probes = probes;
        Dimensions = dimensions;
        Model = model;
    }

    public IReadOnlyList<Enrolled> Gallery { get; }

    public IReadOnlyList<Probe> Probes { get; }

    public int Dimensions { get; }

    public string Model { get; }

    public static LfwTemplates Load(string jsonlPath)
    {
        if (!File.Exists(jsonlPath))
        {
            throw FaceAccordException.BadInput("templates-not-found", $"No templates file at {jsonlPath}; bench/search/run.sh makes it with faceaccord embed.");
        }

        var byPerson = new SortedDictionary<string, List<(string Image, float[] Template)>>(StringComparer.Ordinal);
        string model = "";
        foreach (string line in File.ReadLines(jsonlPath))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (!root.TryGetProperty("template", out var t) || t.ValueKind != JsonValueKind.Array)
            {
                continue; // no face found in that image
            }

            string image = root.GetProperty("image").GetString()!;
            model = root.TryGetProperty("model", out var m) ? m.GetString() ?? "" : "";
            string person = Path.GetFileName(Path.GetDirectoryName(image)) ?? "";
            var template = t.EnumerateArray().Select(e => e.GetSingle()).ToArray();
            if (!byPerson.TryGetValue(person, out var list))
            {
                byPerson[person] = list = [];
            }

            list.Add((image, template));
        }

        var gallery = new List<Enrolled>();
        var probes = new List<Probe>();
        int subject = 0;
        foreach (var (person, images) in byPerson)
        {
            if (images.Count < 2)
            {
                continue;
            }

            images.Sort((a, b) => string.CompareOrdinal(a.Image, b.Image));
            gallery.Add(new Enrolled(subject, person, images[0].Template));
            probes.AddRange(images.Skip(1).Select(i => new Probe(subject, i.Image, i.Template)));
            subject++;
        }

        if (gallery.Count == 0)
        {
            throw FaceAccordException.BadInput("templates-empty", $"{jsonlPath} holds no person with two embedded images.");
        }

        int dims = gallery[0].Template.Length;
        return new LfwTemplates(gallery, probes, dims, model);
    }

    /// <summary>One enrolled person: its subject key and the template of its first image.</summary>
    public sealed record Enrolled(long Subject, string Person, float[] Template);

    /// <summary>A query: another image of an enrolled person.</summary>
    public sealed record Probe(long Subject, string Image, float[] Template);
}
