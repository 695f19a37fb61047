using FaceAccord.Models;
using FaceAccord.Vision;

namespace FaceAccord.Service;

/// <summary>
/// Where one installation keeps things and how it runs: the store's directory (<c>--data</c>), the model packs'
/// directory (<c>$FACEACCORD_HOME</c> or <c>--models</c>, shared by every store), the service options and the
/// pipeline options; the clock only tests replace.
/// </summary>
public sealed record FaceAccordSettings(string DataDirectory, DataDirectory Models)
{
    /// <summary>The store's file inside the data directory.</summary>
    public const string DatabaseFileName = "faceaccord.db";

    public ServiceOptions Options { get; init; } = new();

    public PipelineOptions? Pipeline { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Full path of the store's database file.</summary>
    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), DatabaseFileName);
}
