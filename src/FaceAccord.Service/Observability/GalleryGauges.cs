using System.Diagnostics.Metrics;
using FaceAccord.Core.Telemetry;
using FaceAccord.Search;
using FaceAccord.Service.Galleries;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAccord.Service.Observability;

/// <summary>
/// Gauges of this service's loaded galleries, read when a scraper asks: subjects and faces held, and how many indexes
/// of each kind (<c>exact</c> scan, <c>graph</c> for HNSW). One meter per service container, so two servers in one
/// process each report their own galleries.
/// </summary>
public sealed class GalleryGauges : IDisposable
{
    private readonly Meter _meter = new(FaceAccordTelemetry.Name);

    /// <param name="services">Where the gallery indexes come from, asked only when a scraper reads the gauges: building the
    /// server must not open the store.</param>
    public GalleryGauges(IServiceProvider services, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var indexes = new Lazy<GalleryIndexes>(services.GetRequiredService<GalleryIndexes>);
        _meter.CreateObservableGauge("faceaccord.gallery.subjects", () => Measure(indexes, options, i => i.SearchableSubjects),
            "{subject}", "Subjects with at least one face in the loaded galleries, by index kind.");
        _meter.CreateObservableGauge("faceaccord.gallery.faces", () => Measure(indexes, options, i => i.Index.Count),
            "{face}", "Faces in the loaded galleries, by index kind.");
        _meter.CreateObservableGauge("faceaccord.search.indexes", () => Measure(indexes, options, _ => 1),
            "{index}", "Loaded gallery indexes, by kind.");
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> Measure(Lazy<GalleryIndexes> indexes, TelemetryOptions options, Func<GalleryIndex, long> value) =>
        indexes.Value.LoadedIndexes
            .GroupBy(i => (Kind: KindOf(i.Index), Tenant: options.TenantLabels ? i.Gallery.TenantId.ToString() : null))
            .Select(g => g.Key.Tenant is null
                ? new Measurement<long>(g.Sum(value), new KeyValuePair<string, object?>("kind", g.Key.Kind))
                : new Measurement<long>(g.Sum(value), new KeyValuePair<string, object?>("kind", g.Key.Kind), new KeyValuePair<string, object?>("tenant", g.Key.Tenant)));

    private static string KindOf(ITemplateIndex index) => index is TieredTemplateIndex { UsesGraph: true } or HnswTemplateIndex ? "graph" : "exact";
}
