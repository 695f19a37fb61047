using FaceAccord.TestSupport;
using Xunit.Abstractions;

namespace FaceAccord.Vision.Tests.Detection;

public sealed class LfwDetectionRateTests(ITestOutputHelper output)
{
    [Fact]
    public void Finds_a_face_in_at_least_99_8_percent_of_all_LFW_images()
    {
        var pipeline = TestPack.Pipeline;
        var files = Directory.GetFiles(TestPaths.LfwImages, "*.jpg", SearchOption.AllDirectories);
        int missing = 0;
        var missed = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, f =>
        {
            var image = pipeline.Decode(f);
            if (FacePipeline.CentralFace(image, pipeline.Detect(image)) is null)
            {
                Interlocked.Increment(ref missing);
                missed.Add(Path.GetFileName(f));
            }
        });

        output.WriteLine($"no face in {missing} of {files.Length} images: {string.Join(", ", missed.Order().Take(30))}");
        Assert.Equal(13233, files.Length);
        Assert.True(missing <= 0.002 * files.Length, $"no face in {missing} of {files.Length}");
    }
}
