using FaceAccord.Packs.Calibration;
using FaceAccord.Vision;

namespace FaceAccord.Service.Recognition;

/// <summary>
/// The one place the service gets its face pipeline and the calibration its thresholds come from. Nothing is loaded
/// until an operation needs a model (or <see cref="LoadAsync"/> is called), so commands that need none (tenants, keys,
/// consents, audit, reports, retention) never fetch or open one; <see cref="ModelId"/> is known without loading.
/// </summary>
public sealed class RecognitionEngine(PackSelection selection, PipelineOptions? options = null)
{
    private readonly Lock _gate = new();
    private Loaded? _loaded;

    /// <summary>The template space of the pipeline this engine runs, e.g. <c>faceaccord-default-1/faceres+dlib-resnet</c>.</summary>
    public string ModelId { get; } = PackSelection.ModelId(options);

    public PackSelection Selection { get; } = selection;

    public bool IsLoaded => _loaded is not null;

    /// <summary>The pipeline, installing and opening the pack on first use.</summary>
    public FacePipeline Pipeline => Load().Pipeline;

    /// <summary>The calibration of <see cref="Pipeline"/>'s template space.</summary>
    public CalibrationFile Calibration => Load().Calibration;

    /// <summary>Installs (with <paramref name="progress"/>) and opens the pack now, so the first request does not wait for it.</summary>
    public async Task LoadAsync(IProgress<(string Step, double Fraction)>? progress = null, CancellationToken cancellationToken = default)
    {
        if (_loaded is null)
        {
            Open(await Selection.EnsureInstalledAsync(progress, cancellationToken).ConfigureAwait(false));
        }
    }

    private Loaded Load()
    {
        if (_loaded is { } loaded)
        {
            return loaded;
        }

        Open(Selection.EnsureInstalledAsync(null, CancellationToken.None).GetAwaiter().GetResult());
        return _loaded!;
    }

    private void Open(Models.Packs.InstalledPack pack)
    {
        lock (_gate)
        {
            if (_loaded is not null)
            {
                return;
            }

            var pipeline = FacePipeline.Open(pack, options);
            if (!string.Equals(pipeline.ModelId, ModelId, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The pack opened as {pipeline.ModelId}, not the selected {ModelId}.");
            }

            _loaded = new Loaded(pipeline, PackCalibration.Load(pipeline));
        }
    }

    private sealed record Loaded(FacePipeline Pipeline, CalibrationFile Calibration);
}
