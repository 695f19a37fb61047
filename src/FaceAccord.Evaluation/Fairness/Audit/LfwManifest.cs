using System.Text.Json;
using FaceAccord.Core;

namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>
/// Writes an audit manifest (<c>image,subject,gender,race</c>) for LFW: subjects are the person folders, gender
/// comes per image from the label lists of Afifi &amp; Abdelhamed (2017), race per person from
/// <c>lfw_race_dict.json</c>. A label the files do not give unambiguously is left empty, never guessed.
/// </summary>
/// <remarks>
/// Gender: an image in <c>male_names.txt</c> only is <c>male</c>, in <c>female_names.txt</c> only <c>female</c>,
/// in both or neither empty; when one person's images carry both labels, all that person's images are left empty
/// (a subject must belong to one group). Race: a single value (<c>caucasian</c>, <c>african</c>, …) is kept; a
/// comma-separated value (annotators disagreed) or a person absent from the file is empty.
/// </remarks>
public static class LfwManifest
{
    /// <summary>What a build labelled and left out, so the reach of each column shows.</summary>
    /// <param name="Images">Rows written.</param>
    /// <param name="Subjects">Person folders with at least one image.</param>
    /// <param name="GenderLabelled">Images with a gender.</param>
    /// <param name="GenderInBothLists">Images named in both gender lists.</param>
    /// <param name="GenderInNoList">Images named in neither list.</param>
    /// <param name="GenderConflictingSubjects">Persons whose images carry both genders.</param>
    /// <param name="RaceLabelledSubjects">Persons with a single race value.</param>
    /// <param name="RaceAmbiguousSubjects">Persons with a comma-separated race value.</param>
    /// <param name="LabelsWithoutImage">Names in the label files that match no image or folder.</param>
    public sealed record Result(
        int Images,
        int Subjects,
        int GenderLabelled,
        int GenderInBothLists,
        int GenderInNoList,
        int GenderConflictingSubjects,
        int RaceLabelledSubjects,
        int RaceAmbiguousSubjects,
        int LabelsWithoutImage);

    public const string MaleList = "male_names.txt";
    public const string FemaleList = "female_names.txt";
    public const string RaceFile = "lfw_race_dict.json";

    public static Result Write(string imagesDirectory, string labelsDirectory, string manifestPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagesDirectory);
        ArgumentException.ThrowIfNullOrEmpty(labelsDirectory);
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        if (!Directory.Exists(imagesDirectory))
        {
            throw FaceAccordException.NotFound("images-not-found", $"The LFW image folder '{imagesDirectory}' does not exist.");
        }

        var male = ReadList(Path.Combine(labelsDirectory, MaleList));
        var female = ReadList(Path.Combine(labelsDirectory, FemaleList));
        var race = ReadRaces(Path.Combine(labelsDirectory, RaceFile));

        // Person folders and their images in ordinal order, so the manifest is the same on every machine.
        var people = new List<(string Subject, List<string> Images)>();
        foreach (string folder in Directory.EnumerateDirectories(imagesDirectory).Order(StringComparer.Ordinal))
        {
            List<string> images = [.. Directory.EnumerateFiles(folder, "*.jpg").Order(StringComparer.Ordinal)];
            if (images.Count > 0)
            {
                people.Add((Path.GetFileName(folder), images));
            }
        }

        if (people.Count == 0)
        {
            throw FaceAccordException.BadInput("images-empty", $"'{imagesDirectory}' holds no person folders with .jpg images.");
        }

        int labelled = 0, both = 0, none = 0, conflicting = 0, raceLabelled = 0, raceAmbiguous = 0;
        var named = new HashSet<string>(StringComparer.Ordinal);
        string full = Path.GetFullPath(manifestPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp";
        using (var writer = new StreamWriter(temp))
        {
            writer.WriteLine("image,subject,gender,race");
            foreach (var (subject, images) in people)
            {
                var genders = new string[images.Count];
                for (int i = 0; i < images.Count; i++)
                {
                    string file = Path.GetFileName(images[i]);
                    named.Add(file);
                    bool m = male.Contains(file), f = female.Contains(file);
                    genders[i] = m && f ? string.Empty : m ? "male" : f ? "female" : string.Empty;
                    both += m && f ? 1 : 0;
                    none += !m && !f ? 1 : 0;
                }

                if (genders.Contains("male") && genders.Contains("female"))
                {
                    Array.Fill(genders, string.Empty);
                    conflicting++;
                }

                labelled += genders.Count(g => g.Length > 0);
                string personRace = string.Empty;
                if (race.TryGetValue(subject, out string? value))
                {
                    bool single = value.Length > 0 && !value.Contains(',', StringComparison.Ordinal);
                    personRace = single ? value : string.Empty;
                    raceLabelled += single ? 1 : 0;
                    raceAmbiguous += single ? 0 : 1;
                }

                for (int i = 0; i < images.Count; i++)
                {
                    writer.WriteLine($"{CsvFields.Quote(Path.GetFullPath(images[i]))},{CsvFields.Quote(subject)},{genders[i]},{CsvFields.Quote(personRace)}");
                }
            }
        }

        File.Move(temp, full, overwrite: true);
        var subjects = people.Select(p => p.Subject).ToHashSet(StringComparer.Ordinal);
        int orphans = male.Concat(female).Distinct(StringComparer.Ordinal).Count(n => !named.Contains(n))
            + race.Keys.Count(k => !subjects.Contains(k));
        return new Result(people.Sum(p => p.Images.Count), people.Count, labelled, both, none, conflicting, raceLabelled, raceAmbiguous, orphans);
    }

    private static HashSet<string> ReadList(string path)
    {
        if (!File.Exists(path))
        {
            throw FaceAccordException.NotFound("labels-not-found", $"The LFW label list '{path}' does not exist.");
        }

        // The published lists have CRLF line ends; names never hold spaces.
        return File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
    }

    private static Dictionary<string, string> ReadRaces(string path)
    {
        if (!File.Exists(path))
        {
            throw FaceAccordException.NotFound("labels-not-found", $"The LFW race labels '{path}' do not exist.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw FaceAccordException.BadInput("labels-invalid", $"'{path}' must be a JSON object of person name to race.");
            }

            var races = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    throw FaceAccordException.BadInput("labels-invalid", $"'{path}': the race of '{property.Name}' is not a string.");
                }

                races[property.Name] = property.Value.GetString()!.Trim();
            }

            return races;
        }
        catch (JsonException e)
        {
            throw FaceAccordException.BadInput("labels-invalid", $"'{path}' is not valid JSON: {e.Message}", e);
        }
    }
}
