using System.Globalization;
using FaceAccord.Core;

namespace FaceAccord.Packs.Development;

/// <summary>
/// Reads the LFW pairs protocol files (View 1 <c>pairsDevTrain/DevTest.txt</c> and the 10-fold View 2
/// <c>pairs.txt</c>) so every evaluation uses exactly the published pairs and folds.
/// </summary>
/// <remarks>
/// The header is either <c>N</c> (View 1: one fold of N matched then N mismatched lines) or <c>F&lt;TAB&gt;N</c>
/// (View 2: F folds, each N matched then N mismatched lines). Fields may be separated by tabs or spaces;
/// trailing blank lines are ignored, anything else out of place is refused with its line number.
/// </remarks>
public sealed class LfwPairsFile
{
    private const string ErrorCode = "pairs-file-invalid";

    // Far above the 10×300 of View 2; stops a corrupt header from promising billions of lines.
    private const long MaxPairs = 10_000_000;

    private LfwPairsFile(IReadOnlyList<LfwPair> pairs, int foldCount, int pairsPerClassPerFold)
    {
        Pairs = pairs;
        FoldCount = foldCount;
        PairsPerClassPerFold = pairsPerClassPerFold;
    }

    /// <summary>All pairs in file order: per fold, the matched pairs and then the mismatched ones.</summary>
    public IReadOnlyList<LfwPair> Pairs { get; }

    /// <summary>1 for a View 1 file, 10 for the standard View 2 file.</summary>
    public int FoldCount { get; }

    /// <summary>Matched (and, equally, mismatched) pairs in each fold.</summary>
    public int PairsPerClassPerFold { get; }

    /// <summary>Parses a pairs file on disk; image paths are resolved under <paramref name="imagesRoot"/>.</summary>
    public static LfwPairsFile Parse(string path, string imagesRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw FaceAccordException.NotFound("pairs-file-not-found", $"The LFW pairs file '{path}' does not exist.");
        }

        using var reader = new StreamReader(path);
        return Parse(reader, imagesRoot, path);
    }

    /// <summary>Parses pairs text; image paths are resolved under <paramref name="imagesRoot"/>.</summary>
    public static LfwPairsFile Parse(TextReader reader, string imagesRoot) => Parse(reader, imagesRoot, "pairs text");

    private static LfwPairsFile Parse(TextReader reader, string imagesRoot, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(imagesRoot);

        int lineNumber = 1;
        string? header = reader.ReadLine();
        if (header is null)
        {
            throw Invalid(source, lineNumber, "the file is empty; expected a header 'N' or 'folds<TAB>N'");
        }

        if (!TryHeader(Split(header), out int folds, out int perClass))
        {
            throw Invalid(source, lineNumber, $"expected a header 'N' or 'folds<TAB>N' with positive integers, found '{header}'");
        }

        long total = 2L * folds * perClass;
        if (total > MaxPairs)
        {
            throw Invalid(source, lineNumber, $"the header promises {total} pairs, more than the {MaxPairs} this reader accepts");
        }

        var pairs = new List<LfwPair>((int)Math.Min(total, 8192));
        for (int fold = 0; fold < folds; fold++)
        {
            for (int k = 0; k < 2 * perClass; k++)
            {
                bool matched = k < perClass;
                lineNumber++;
                string line = reader.ReadLine()
                    ?? throw Invalid(source, lineNumber, $"the file ends early; the header promises {total} pair lines");
                pairs.Add(ParsePair(line, matched, fold, imagesRoot, source, lineNumber));
            }
        }

        while (reader.ReadLine() is { } extra)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(extra))
            {
                throw Invalid(source, lineNumber, $"expected the end of the file after {total} pair lines, found '{extra}'");
            }
        }

        return new LfwPairsFile(pairs, folds, perClass);
    }

    private static bool TryHeader(string[] head, out int folds, out int perClass)
    {
        folds = 1;
        perClass = 0;
        return head.Length switch
        {
            1 => TryPositive(head[0], out perClass),
            2 => TryPositive(head[0], out folds) && TryPositive(head[1], out perClass),
            _ => false,
        };
    }

    private static LfwPair ParsePair(string line, bool matched, int fold, string root, string source, int lineNumber)
    {
        string[] f = Split(line);
        if (matched)
        {
            if (f.Length != 3 || !TryName(f[0]) || !TryPositive(f[1], out int i) || !TryPositive(f[2], out int j))
            {
                throw Invalid(source, lineNumber, $"expected a matched pair 'name<TAB>i<TAB>j', found '{line}'");
            }

            if (i == j)
            {
                throw Invalid(source, lineNumber, $"a matched pair compares image {i} of {f[0]} with itself");
            }

            return new LfwPair(ImagePath(root, f[0], i), ImagePath(root, f[0], j), true, fold);
        }

        if (f.Length != 4 || !TryName(f[0]) || !TryPositive(f[1], out int a) || !TryName(f[2]) || !TryPositive(f[3], out int b))
        {
            throw Invalid(source, lineNumber, $"expected a mismatched pair 'name1<TAB>i<TAB>name2<TAB>j', found '{line}'");
        }

        if (string.Equals(f[0], f[2], StringComparison.Ordinal))
        {
            throw Invalid(source, lineNumber, $"a mismatched pair names the same person twice ({f[0]})");
        }

        return new LfwPair(ImagePath(root, f[0], a), ImagePath(root, f[2], b), false, fold);
    }

    private static string ImagePath(string root, string name, int index) =>
        Path.Combine(root, name, string.Create(CultureInfo.InvariantCulture, $"{name}_{index:0000}.jpg"));

    private static string[] Split(string line) =>
        line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryPositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    // A name becomes a folder name: refuse anything that could step outside the images root.
    private static bool TryName(string name) =>
        name.Length > 0
        && name[0] != '.'
        && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
        && name.IndexOfAny(['/', '\\', ':']) < 0;

    private static FaceAccordException Invalid(string source, int lineNumber, string problem) =>
        FaceAccordException.BadInput(ErrorCode, $"Line {lineNumber} of {source}: {problem}.");
}
