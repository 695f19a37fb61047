using System.Security.Cryptography;
using FaceAccord.Core;
using FaceAccord.Evaluation.Datasets;
using FaceAccord.Vision.Imaging;

namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>
/// Writes an audit manifest (<c>image,subject,race,gender</c>) for a UTKFace folder, whose labels live in the
/// file names and which has no identities: each file is its own subject, except that copies of one photograph
/// (<see cref="NearDuplicatePhotos"/>) are one subject, so they become genuine pairs instead of false matches.
/// </summary>
public static class UtkFaceManifest
{
    /// <summary>What a manifest build kept, merged and left out, so silent losses show.</summary>
    /// <param name="Images">Rows written.</param>
    /// <param name="SkippedNames">Files whose names are not UTKFace names.</param>
    /// <param name="DuplicateCopies">Byte-identical copies left out: as separate subjects they would be impostor
    /// pairs of one photo, scoring 1.0 and faking false matches.</param>
    /// <param name="Subjects">Distinct subjects written.</param>
    /// <param name="MergedClusters">Subjects made of more than one near-duplicate image (0 without dedupe).</param>
    /// <param name="MergedImages">Images in those subjects.</param>
    /// <param name="LargestCluster">Images in the largest subject.</param>
    /// <param name="LabelConflictImages">Images whose race or gender was left empty because the copies of their
    /// photograph carry different labels (a subject belongs to one group).</param>
    /// <param name="Unfingerprinted">Images that could not be decoded for the near-duplicate check; each stays its own subject.</param>
    /// <param name="NearDuplicatesPath">CSV listing each near-duplicate link (null without dedupe).</param>
    public sealed record Result(
        int Images,
        int SkippedNames,
        int DuplicateCopies,
        int Subjects = 0,
        int MergedClusters = 0,
        int MergedImages = 0,
        int LargestCluster = 1,
        int LabelConflictImages = 0,
        int Unfingerprinted = 0,
        string? NearDuplicatesPath = null);

    /// <summary>The file listing near-duplicate links next to <paramref name="manifestPath"/>.</summary>
    public static string NearDuplicatesPathFor(string manifestPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        string full = Path.GetFullPath(manifestPath);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + ".near-duplicates.csv");
    }

    /// <summary>Writes the manifest; with <paramref name="dedupe"/> copies of one photograph share a subject
    /// (threshold <paramref name="threshold"/>, default <see cref="NearDuplicatePhotos.DefaultThreshold"/>).</summary>
    public static Result Write(string imagesDirectory, string manifestPath, bool dedupe = true, float threshold = NearDuplicatePhotos.DefaultThreshold)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        var scan = UtkFaceFile.Scan(imagesDirectory);
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<UtkFaceFile>(scan.Files.Count);
        foreach (var file in scan.Files)
        {
            if (hashes.Add(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.Path)))))
            {
                kept.Add(file);
            }
        }

        string[] subjects = [.. kept.Select(f => Path.GetFileName(f.Path))];
        string?[] races = [.. kept.Select(f => (string?)f.Race.ToString())];
        string?[] genders = [.. kept.Select(f => (string?)(f.Gender == UtkGender.Female ? "female" : "male"))];
        string full = Path.GetFullPath(manifestPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var result = new Result(kept.Count, scan.Skipped, scan.Files.Count - kept.Count, Subjects: kept.Count);
        if (dedupe)
        {
            result = Merge(kept, full, threshold, subjects, races, genders, result);
        }

        using var writer = new StreamWriter(full);
        writer.WriteLine("image,subject,race,gender");
        for (int i = 0; i < kept.Count; i++)
        {
            writer.WriteLine($"{CsvFields.Quote(Path.GetFullPath(kept[i].Path))},{CsvFields.Quote(subjects[i])},{races[i]},{genders[i]}");
        }

        return result;
    }

    private static Result Merge(List<UtkFaceFile> kept, string manifest, float threshold, string[] subjects, string?[] races, string?[] genders, Result result)
    {
        var prints = new PhotoFingerprint?[kept.Count];
        Parallel.For(0, kept.Count, i =>
        {
            try
            {
                prints[i] = PhotoFingerprint.FromImage(ImageDecoder.Default.DecodeFile(kept[i].Path));
            }
            catch (FaceAccordException)
            {
                // An unreadable image cannot be compared; it stays its own subject and is counted.
            }
        });

        int[] readable = [.. Enumerable.Range(0, kept.Count).Where(i => prints[i] is not null)];
        var grouping = NearDuplicatePhotos.Group([.. readable.Select(i => prints[i]!)], threshold);
        string links = NearDuplicatesPathFor(manifest);
        using (var writer = new StreamWriter(links))
        {
            writer.WriteLine("image_a,image_b,similarity");
            foreach (var link in grouping.Links)
            {
                writer.WriteLine(FormattableString.Invariant($"{CsvFields.Quote(subjects[readable[link.A]])},{CsvFields.Quote(subjects[readable[link.B]])},{link.Similarity:F4}"));
            }
        }

        // A cluster is named by its first file (ordinal order); a label its members disagree on is left empty.
        int conflicts = 0;
        foreach (var cluster in Enumerable.Range(0, readable.Length).GroupBy(k => grouping.ClusterOf[k]).Where(g => g.Count() > 1))
        {
            int[] members = [.. cluster.Select(k => readable[k])];
            string name = subjects[members[0]];
            bool raceAgrees = members.All(m => races[m] == races[members[0]]);
            bool genderAgrees = members.All(m => genders[m] == genders[members[0]]);
            conflicts += raceAgrees && genderAgrees ? 0 : members.Length;
            foreach (int m in members)
            {
                subjects[m] = name;
                races[m] = raceAgrees ? races[m] : null;
                genders[m] = genderAgrees ? genders[m] : null;
            }
        }

        return result with
        {
            Subjects = subjects.Distinct(StringComparer.Ordinal).Count(),
            MergedClusters = grouping.MergedClusters,
            MergedImages = grouping.MergedItems,
            LargestCluster = grouping.LargestCluster,
            LabelConflictImages = conflicts,
            Unfingerprinted = kept.Count - readable.Length,
            NearDuplicatesPath = links,
        };
    }
}
