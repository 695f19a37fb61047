using System.Security.Cryptography;
using FaceAccord.Evaluation.Datasets;

namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>
/// Writes an audit manifest (<c>image,subject,race,gender</c>) for a UTKFace folder, whose labels live in the
/// file names and which has no identities: each file is its own subject.
/// </summary>
public static class UtkFaceManifest
{
    /// <summary>What a manifest build kept and left out, so silent losses show.</summary>
    /// <param name="Images">Rows written.</param>
    /// <param name="SkippedNames">Files whose names are not UTKFace names.</param>
    /// <param name="DuplicateCopies">Byte-identical copies left out: as separate subjects they would be impostor
    /// pairs of one photo, scoring 1.0 and faking false matches.</param>
    public sealed record Result(int Images, int SkippedNames, int DuplicateCopies);

    public static Result Write(string imagesDirectory, string manifestPath)
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

        string full = Path.GetFullPath(manifestPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var writer = new StreamWriter(full);
        writer.WriteLine("image,subject,race,gender");
        foreach (var f in kept)
        {
            string gender = f.Gender == UtkGender.Female ? "female" : "male";
            writer.WriteLine($"{CsvFields.Quote(Path.GetFullPath(f.Path))},{CsvFields.Quote(Path.GetFileName(f.Path))},{f.Race},{gender}");
        }

        return new Result(kept.Count, scan.Skipped, scan.Files.Count - kept.Count);
    }
}
