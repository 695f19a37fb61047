using FaceAccord.TestSupport;
using FaceAccord.Vision;

namespace FaceAccord.Bench.Pipeline;

/// <summary>
/// The same people at three sizes, encoded in memory: LFW's own 250×250 JPEG, a 1350×1350 studio-portrait stand-in
/// made from it and that portrait enlarged to a 4032×3024 (12 MP) phone copy, so cost per size compares like with like.
/// People are from the held-out half of single-person LFW images; the large photos are synthetic (SyntheticPhotos).
/// </summary>
public sealed record PhotoSizeSet(IReadOnlyList<string> People, IReadOnlyList<byte[]> Lfw, IReadOnlyList<byte[]> Portraits, IReadOnlyList<byte[]> Phones)
{
    public static PhotoSizeSet Make(FacePipeline pipeline, int count)
    {
        var people = SinglePersonLfw.Of(pipeline, SinglePersonLfw.Half.HeldOut).Take(count).Select(p => p.Image).ToList();
        var lfw = new byte[people.Count][];
        var portraits = new byte[people.Count][];
        var phones = new byte[people.Count][];
        Parallel.For(0, people.Count, k =>
        {
            var backdrop = k % 2 == 0 ? SyntheticPhotos.Backdrop.Plain : SyntheticPhotos.Backdrop.Textured;
            lfw[k] = File.ReadAllBytes(people[k]);
            portraits[k] = SyntheticPhotos.Portrait(people[k], 1350, backdrop, k);
            phones[k] = SyntheticPhotos.PhoneCopy(portraits[k], 4032, 3024, backdrop, k);
        });
        return new PhotoSizeSet(people, lfw, portraits, phones);
    }
}
