namespace FaceAccord.Bench.Pipeline;

/// <summary>One size's figures in one round: the whole per-image path timed from bytes in memory, so startup and disk are not in it.</summary>
/// <param name="Size">"250x250", "1350x1350" or "4032x3024".</param>
/// <param name="MsMedian">Median wall time of one image (decode, detect, prominent face, embed), workers side by side.</param>
/// <param name="ImagesWithOneFace">Images in which exactly one face was found.</param>
public sealed record SizeRunResult(string Size, int Round, int Images, double ImagesPerSec, double MsMedian, double MsP90, int ImagesWithOneFace, double MegapixelsPerImage);
