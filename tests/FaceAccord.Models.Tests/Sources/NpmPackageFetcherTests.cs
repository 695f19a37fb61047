using FaceAccord.Core;
using FaceAccord.Models.Sources;
using FaceAccord.TestSupport;

namespace FaceAccord.Models.Tests.Sources;

public sealed class NpmPackageFetcherTests
{
    [Fact]
    public void Tampered_tarball_is_refused_with_a_clear_sentence()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "not the package we pinned");
            var ex = Assert.Throws<FaceAccordException>(() => NpmPackageFetcher.VerifyIntegrity(KnownPackages.FaceApi, file));
            Assert.Equal("integrity-mismatch", ex.Code);
            Assert.Contains("@vladmandic/face-api@1.7.15", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Fetches_verifies_and_extracts_only_the_pinned_files_once()
    {
        string packageRoot = await NpmPackageFetcher.EnsureAsync(KnownPackages.FaceApi, TestModelSources.Data);
        foreach (string f in KnownPackages.FaceApi.Files)
        {
            Assert.True(File.Exists(Path.Combine(packageRoot, "..", f)), f);
        }

        Assert.False(Directory.Exists(Path.Combine(packageRoot, "dist")));
        DateTime stamp = File.GetLastWriteTimeUtc(Path.Combine(packageRoot, "model", "face_recognition_model.bin"));
        string again = await NpmPackageFetcher.EnsureAsync(KnownPackages.FaceApi, TestModelSources.Data);
        Assert.Equal(packageRoot, again);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(again, "model", "face_recognition_model.bin")));
    }

    [Fact]
    public async Task Unknown_package_version_fails_with_npm_error_not_a_crash()
    {
        var spec = KnownPackages.FaceApi with { Version = "0.0.0-does-not-exist" };
        string dir = Path.Combine(Path.GetTempPath(), "fa-fetch-" + Guid.NewGuid().ToString("N"));
        try
        {
            var ex = await Assert.ThrowsAsync<FaceAccordException>(() => NpmPackageFetcher.EnsureAsync(spec, new DataDirectory(dir)));
            Assert.Equal("npm-pack-failed", ex.Code);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    [Fact]
    public async Task Missing_npm_is_one_clear_sentence()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fa-fetch-" + Guid.NewGuid().ToString("N"));
        string? previous = Environment.GetEnvironmentVariable("FACEACCORD_NPM");
        try
        {
            // Only this test reads FACEACCORD_NPM, and it restores it; a fresh data dir keeps others unaffected.
            Environment.SetEnvironmentVariable("FACEACCORD_NPM", "/nonexistent/npm");
            var ex = await Assert.ThrowsAsync<FaceAccordException>(() => NpmPackageFetcher.EnsureAsync(KnownPackages.FaceApi, new DataDirectory(dir)));
            Assert.Equal("npm-missing", ex.Code);
            Assert.Equal(ErrorKind.Environment, ex.Kind);
            Assert.DoesNotContain('\n', ex.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FACEACCORD_NPM", previous);
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    [Fact]
    public async Task Disk_full_becomes_one_clear_sentence()
    {
        var full = new IOException("No space left on device", 28);
        var ex = await Assert.ThrowsAsync<FaceAccordException>(() => DiskSpace.GuardAsync<int>("/data", () => throw full));
        Assert.Equal("disk-full", ex.Code);
        Assert.Contains("/data", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<IOException>(() => DiskSpace.GuardAsync<int>("/data", () => throw new IOException("other")));
    }
}
